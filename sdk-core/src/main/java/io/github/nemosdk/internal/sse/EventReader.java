package io.github.nemosdk.internal.sse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.github.nemosdk.internal.Json;
import java.io.IOException;

/**
 * Reads an event's JSON into a tree straight from its UTF-8 bytes, except the results of tools: a typed frame's
 * top-level {@code result} and an ADK part's {@code functionResponse.response}. Those (usually the whole timeline,
 * most of a turn's bytes) are only checked and skipped; the tree holds a {@link Raw} slice of the bytes in their
 * place, which {@code ChatEvent.ToolResult} reads when the user first asks for it. Every other value is read by
 * the SDK's mapper, exactly as {@code readTree} would.
 */
final class EventReader {
    private static final ObjectReader VALUES = Json.mapper().reader();
    private static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();

    /** A value left as bytes, for a tree to read later; the array is the event's own, never changed. */
    static final class Raw {
        final byte[] bytes;
        final int off;
        final int len;

        private Raw(byte[] bytes, int off, int len) {
            this.bytes = bytes;
            this.off = off;
            this.len = len;
        }

        /** The value as a tree. */
        JsonNode read() throws IOException {
            return VALUES.readTree(bytes, off, len);
        }

        @Override
        public String toString() {
            return "(" + len + " bytes of JSON)"; // never the content: it may hold what is masked later
        }
    }

    private EventReader() {
    }

    /**
     * Reads the event.
     *
     * @param b   the bytes
     * @param len how many, from index 0
     * @return the tree
     * @throws IOException when the bytes are not one JSON value (or hold trailing tokens)
     */
    static JsonNode read(byte[] b, int len) throws IOException {
        try (JsonParser p = Json.mapper().getFactory().createParser(b, 0, len)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("no JSON value");
            }
            JsonNode root = t == JsonToken.START_OBJECT ? root(p, b) : VALUES.readTree(p);
            if (p.nextToken() != null) {
                throw new IOException("trailing tokens after the JSON value");
            }
            return root;
        }
    }

    /** The root object: its {@code result} raw, its {@code content} read for parts. */
    private static ObjectNode root(JsonParser p, byte[] b) throws IOException {
        ObjectNode o = NODES.objectNode();
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if (f.equals("result") && t == JsonToken.START_OBJECT) {
                o.set(f, raw(p, b));
            } else if (f.equals("content") && t == JsonToken.START_OBJECT) {
                o.set(f, content(p, b));
            } else {
                o.set(f, value(p));
            }
        }
        return o;
    }

    private static ObjectNode content(JsonParser p, byte[] b) throws IOException {
        ObjectNode o = NODES.objectNode();
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if (f.equals("parts") && t == JsonToken.START_ARRAY) {
                ArrayNode parts = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    parts.add(e == JsonToken.START_OBJECT ? part(p, b) : value(p));
                }
                o.set(f, parts);
            } else {
                o.set(f, value(p));
            }
        }
        return o;
    }

    private static ObjectNode part(JsonParser p, byte[] b) throws IOException {
        ObjectNode o = NODES.objectNode();
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if (f.equals("functionResponse") && t == JsonToken.START_OBJECT) {
                ObjectNode r = NODES.objectNode();
                for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
                    JsonToken u = p.nextToken();
                    r.set(g, g.equals("response") && u == JsonToken.START_OBJECT ? raw(p, b) : value(p));
                }
                o.set(f, r);
            } else {
                o.set(f, value(p));
            }
        }
        return o;
    }

    /**
     * The value the parser is at. Strings, integers, booleans and nulls are made here, as the mapper makes them
     * (asking the mapper for each small value costs a look-up of its deserializer every time); containers and
     * decimals are the mapper's.
     */
    private static JsonNode value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                return VALUES.readTree(p);
        }
    }

    /** Skips the object the parser is at (checking its syntax) and keeps its bytes. */
    private static JsonNode raw(JsonParser p, byte[] b) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        return new POJONode(new Raw(b, start, end - start));
    }
}
