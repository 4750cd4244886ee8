package io.github.nemosdk.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.internal.CollidingNames;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.http.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventReaderTest {
    private static final String[] EVENTS = {
        "{\"type\":\"tool_result\",\"id\":\"c1\",\"name\":\"set_volume\",\"result\":{\"ok\":true,\"v\":0.350,"
                + "\"n\":12,\"big\":123456789012345678901234567890,\"l\":12345678901234,\"s\":\"\\u00e9\\n\","
                + "\"a\":[1,2.50,{\"x\":null}],\"neg\":-0.0}}",
        "{\"id\":\"e1\",\"invocationId\":\"e-1\",\"author\":\"nemo_agent\",\"content\":{\"role\":\"user\",\"parts\":["
                + "{\"functionResponse\":{\"id\":\"f1\",\"name\":\"add_audio_track\",\"response\":{\"draft\":"
                + "{\"t\":[{\"tt\":0,\"sg\":[{\"d\":1.10}]}]}}}},{\"text\":\"done\"},7,\"x\"]},\"partial\":false,"
                + "\"timestamp\":1760000000.125}",
        "{\"type\":\"tool_result\",\"name\":\"n\",\"result\":[1,2]}",
        "{\"type\":\"text\",\"content\":\"hi\",\"result\":\"not an object\"}",
        "[1,{\"result\":{\"a\":1}}]",
        "\"just text\"",
    };

    @Test
    void theTreeIsWhatTheMapperReadsWithResultsLeftAsBytesThatReadTheSame() throws IOException {
        for (String event : EVENTS) {
            byte[] b = event.getBytes(StandardCharsets.UTF_8);
            JsonNode expected = Json.mapper().readTree(b);
            JsonNode lazy = EventReader.read(b, b.length);
            assertThat(resolved(lazy)).as(event).isEqualTo(expected);
        }
    }

    @Test
    void onlyObjectResultsOfToolsAreLeftAsBytes() throws IOException {
        byte[] typed = EVENTS[0].getBytes(StandardCharsets.UTF_8);
        assertThat(EventReader.read(typed, typed.length).get("result")).isInstanceOf(POJONode.class);
        byte[] adk = EVENTS[1].getBytes(StandardCharsets.UTF_8);
        assertThat(EventReader.read(adk, adk.length).at("/content/parts/0/functionResponse/response"))
                .isInstanceOf(POJONode.class);
        byte[] array = EVENTS[2].getBytes(StandardCharsets.UTF_8);
        assertThat(EventReader.read(array, array.length).get("result").isArray()).isTrue();
    }

    @Test
    void brokenJsonInsideAResultIsStillRefusedWhole() {
        for (String broken : new String[] {"{\"type\":\"tool_result\",\"result\":{\"a\":tru}}",
            "{\"type\":\"tool_result\",\"result\":{\"a\":1}} trailing", "{\"result\":{\"a\":[1,2}}"}) {
            byte[] b = broken.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> EventReader.read(b, b.length)).as(broken).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aResultReadOnDemandIsMaskedAndEqualsTheEagerOne() {
        Secrets secrets = Secrets.create();
        secrets.sent("tok_secret_value_123");
        FrameDecoder decoder = new FrameDecoder(1 << 20, secrets);
        List<ChatEvent> out = new ArrayList<>();
        String data = "{\"type\":\"tool_result\",\"id\":\"c9\",\"name\":\"echo\",\"result\":{\"saw\":"
                + "\"Bearer tok_secret_value_123\",\"n\":0.10}}";
        SseParser parser = new SseParser(1 << 20, 1 << 20);
        byte[] stream = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        parser.feed(stream, 0, stream.length, new SseSink() {
            @Override
            public void event(SseEvent e) {
                decoder.event(e, out::add);
            }

            @Override
            public void comment(String text) {
            }
        });
        ChatEvent.ToolResult r = (ChatEvent.ToolResult) out.get(0);
        assertThat(r.toString()).doesNotContain("tok_secret");
        assertThat(r.result().get("saw").asText()).isEqualTo("Bearer ****");
        ObjectNode expected = Json.mapper().createObjectNode().put("saw", "Bearer ****");
        expected.set("n", Json.mapper().getNodeFactory().numberNode(new java.math.BigDecimal("0.10")));
        assertThat(r).isEqualTo(ChatEvent.ToolResult.of("c9", "echo", expected));
    }

    @Test
    void aResultWhoseNamesFloodTheByteParsersNameTableStillReadsAndLeavesLaterEventsReadAsBytes()
            throws IOException {
        List<String> names = CollidingNames.names();
        String result = CollidingNames.object(names);
        byte[] b = ("{\"type\":\"tool_result\",\"id\":\"c1\",\"name\":\"n\",\"result\":" + result + "}")
                .getBytes(StandardCharsets.UTF_8);
        FrameDecoder decoder = new FrameDecoder(1 << 24, Secrets.create());
        List<ChatEvent> out = new ArrayList<>();
        decoder.event(new SseEvent("message", b.clone(), b.length, null, -1), out::add);
        ChatEvent.ToolResult r = (ChatEvent.ToolResult) out.get(0);
        assertThat(r.result().size()).isEqualTo(names.size());
        assertThat(resolved(EventReader.read(b, b.length)).get("result").size()).isEqualTo(names.size());

        // an event with one more such name (outside a result) is still read by the byte parser, not refused by
        // a table left full of the flood's names
        String later = names.get(names.size() - 1);
        byte[] next = ("{\"type\":\"text\",\"content\":\"hi\",\"" + later + "\":1}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(EventReader.readParsed(next, next.length).get(later).asInt()).isEqualTo(1);
    }

    @Test
    void anEventWhoseOwnNamesFloodTheTableIsReadFromItsTextAndLaterEventsAsBytes() {
        List<String> names = CollidingNames.names();
        String flood = CollidingNames.object(names);
        String data = "{\"type\":\"text\",\"content\":\"hi\",\"extra\":" + flood + "}";
        byte[] b = data.getBytes(StandardCharsets.UTF_8);
        FrameDecoder decoder = new FrameDecoder(1 << 24, Secrets.create());
        List<ChatEvent> out = new ArrayList<>();
        decoder.event(new SseEvent("message", b, b.length, null, -1), out::add);
        assertThat(out).containsExactly(ChatEvent.Text.of("hi", false, java.util.Set.of()));

        String later = names.get(names.size() - 1);
        byte[] next = ("{\"type\":\"text\",\"content\":\"hi\",\"" + later + "\":1}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            assertThat(EventReader.readParsed(next, next.length).get(later).asInt()).isEqualTo(1);
        } catch (IOException e) {
            throw new AssertionError("refused by the byte parser", e);
        }
    }

    @Test
    void aNumberOutOfADecimalsRangeRefusesTheEventWhereverItIs() {
        // Jackson throws an unchecked NumberFormatException for it; the event is refused like any unreadable JSON,
        // and not accepted with a result that would fail only when the user asks for it
        String n = "1.5e-2147483649";
        for (String event : new String[] {"{\"type\":\"text\",\"content\":\"hi\",\"n\":" + n + "}",
            "{\"type\":\"tool_result\",\"name\":\"t\",\"result\":{\"a\":[1," + n + "]}}",
            "{\"content\":{\"parts\":[{\"functionResponse\":{\"response\":{\"v\":" + n + "}}}]}}"}) {
            for (String pad : new String[] {"", " ".repeat(EventReader.SCAN_FROM)}) {
                byte[] b = (event + pad).getBytes(StandardCharsets.UTF_8);
                assertThatThrownBy(() -> EventReader.read(b, b.length)).as(event).isInstanceOf(IOException.class);
            }
        }
        // a long exponent in range stays a decimal, and a result holding one is left as bytes that read
        byte[] b = "{\"type\":\"tool_result\",\"name\":\"t\",\"result\":{\"a\":2e-1000000000}}"
                .getBytes(StandardCharsets.UTF_8);
        ObjectNode tree = assertReads(b);
        assertThat(tree.get("result")).isInstanceOf(POJONode.class);
    }

    private static ObjectNode assertReads(byte[] b) {
        try {
            JsonNode tree = EventReader.read(b, b.length);
            assertThat(resolved(tree).at("/result/a").decimalValue().scale()).isEqualTo(1_000_000_000);
            return (ObjectNode) tree;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The tree with every slice read. */
    private static JsonNode resolved(JsonNode n) throws IOException {
        if (n instanceof POJONode && ((POJONode) n).getPojo() instanceof EventReader.Raw) {
            return ((EventReader.Raw) ((POJONode) n).getPojo()).read();
        }
        if (n.isObject()) {
            ObjectNode o = Json.mapper().createObjectNode();
            for (var f : n.properties()) {
                o.set(f.getKey(), resolved(f.getValue()));
            }
            return o;
        }
        if (n.isArray()) {
            var a = Json.mapper().createArrayNode();
            for (JsonNode e : n) {
                a.add(resolved(e));
            }
            return a;
        }
        return n;
    }
}
