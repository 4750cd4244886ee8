package io.github.nemosdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void aFloodOfCollidingNamesIsReadAndLeavesNoLaterNameRefused() throws IOException {
        List<String> names = CollidingNames.names();
        byte[] flood = CollidingNames.object(names).getBytes(StandardCharsets.UTF_8);
        assertThat(Json.read(flood, 0, flood.length).size()).isEqualTo(names.size());

        // the byte parsers' table kept the names of the refused parse: one more such name found its overflow full
        // in every later parse, in whatever document (a response, an event) it came
        String later = names.get(names.size() - 1);
        byte[] b = ("{\"" + later + "\":1}").getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = Json.parser(b, 0, b.length)) {
            JsonNode n = Json.mapper().readTree(p);
            assertThat(n.get(later).asInt()).isEqualTo(1);
        }
        assertThat(Json.read(b, 0, b.length).get(later).asInt()).isEqualTo(1);
    }

    @Test
    void aFloodOfCollidingNamesInBrokenJsonLeavesNoLaterNameRefusedEither() throws IOException {
        List<String> names = CollidingNames.names();
        String object = CollidingNames.object(names);
        byte[] broken = object.substring(0, object.length() - 1).getBytes(StandardCharsets.UTF_8); // cut short
        assertThatThrownBy(() -> Json.read(broken, 0, broken.length)).isInstanceOf(IOException.class);

        String later = names.get(names.size() - 1);
        byte[] b = ("{\"" + later + "\":1}").getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = Json.parser(b, 0, b.length)) {
            JsonNode n = Json.mapper().readTree(p);
            assertThat(n.get(later).asInt()).isEqualTo(1);
        }
    }

    @Test
    void receivedBytesKeepTheSdksLimits() {
        byte[] deep = ("[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1))
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.read(deep, 0, deep.length)).isInstanceOf(StreamConstraintsException.class);
        byte[] longNumber = ("[" + "1".repeat(101) + "]").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.read(longNumber, 0, longNumber.length))
                .isInstanceOf(StreamConstraintsException.class);
        byte[] ok = ("[" + "[".repeat(Json.MAX_NESTING_DEPTH - 1) + "]".repeat(Json.MAX_NESTING_DEPTH) + "  ")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(readOrNull(ok)).isNotNull();
    }

    @Test
    void aNumberOutOfADecimalsRangeIsRefusedAsJsonNotThrownUnchecked() {
        byte[] b = "{\"a\":[1.5e-2147483649]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.read(b, 0, b.length)).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("out of the range of a decimal");
        assertThatThrownBy(() -> Json.readText(Json.mapper().reader(), new String(b, StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class);
        byte[] inRange = "{\"a\":[1.5e-999999999]}".getBytes(StandardCharsets.UTF_8);
        assertThat(readOrNull(inRange)).isNotNull();
    }

    @Test
    void emptyOrSpaceIsTheMissingNodeAsTheMapperHasIt() throws IOException {
        byte[] space = "  ".getBytes(StandardCharsets.UTF_8);
        assertThat(Json.read(space, 0, space.length).isMissingNode()).isTrue();
        assertThat(Json.mapper().readTree(space).isMissingNode()).isTrue();
    }

    private static JsonNode readOrNull(byte[] b) {
        try {
            return Json.read(b, 0, b.length);
        } catch (IOException e) {
            return null;
        }
    }
}
