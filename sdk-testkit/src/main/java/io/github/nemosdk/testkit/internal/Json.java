package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON helpers and the gateway envelope. The mapper keeps numbers exactly as written. */
final class Json {

    /** Thread-safe once built; floats are kept as exact decimals so drafts round-trip unchanged. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Parses JSON text.
     *
     * @throws IllegalArgumentException if {@code text} is not a single well-formed JSON value
     */
    static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty JSON text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"code":0,"message":"success","data":<data>}}. */
    static ObjectNode success(JsonNode data) {
        ObjectNode envelope = object();
        envelope.put("code", 0);
        envelope.put("message", "success");
        envelope.set("data", data);
        return envelope;
    }

    /** {@code {"code":<code>,"message":<message>,"data":null}}. */
    static ObjectNode error(int code, String message) {
        ObjectNode envelope = object();
        envelope.put("code", code);
        envelope.put("message", message);
        envelope.set("data", NullNode.getInstance());
        return envelope;
    }

    /** The render envelope {@code {"success":true,"data":<data>}}. */
    static ObjectNode renderSuccess(JsonNode data) {
        ObjectNode envelope = object();
        envelope.put("success", true);
        envelope.set("data", data);
        return envelope;
    }

    /** The render envelope {@code {"success":false,"error":<message>}}. */
    static ObjectNode renderError(String message) {
        ObjectNode envelope = object();
        envelope.put("success", false);
        envelope.put("error", message);
        return envelope;
    }
}
