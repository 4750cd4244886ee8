package io.github.nemosdk.internal.sse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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

        /** The value as a tree (from its text should the byte parser refuse it: {@link Json#read}). */
        JsonNode read() throws IOException {
            return Json.read(bytes, off, len);
        }

        @Override
        public String toString() {
            return "(" + len + " bytes of JSON)"; // never the content: it may hold what is masked later
        }
    }

    private EventReader() {
    }

    /**
     * Reads the event. One that holds results of tools and passes {@link ResultScanner}'s check is read without its
     * results (each replaced by {@code {}} in a copy of the rest, usually a small part of the bytes), which are kept
     * as the slices the scanner found; any other event is read by the mapper whole, its results skipped by the
     * parser.
     *
     * @param b   the bytes
     * @param len how many, from index 0
     * @return the tree
     * @throws IOException when the bytes are not one JSON value (or hold trailing tokens), or when a limit of the
     *                     byte parser refuses them (names built to collide in its table among them: the caller reads
     *                     the text, which hashes names another way)
     */
    static JsonNode read(byte[] b, int len) throws IOException {
        try {
            return len >= SCAN_FROM ? readScanned(b, len) : readParsed(b, len);
        } catch (StreamConstraintsException refused) {
            Json.refusedByLimit(); // the caller reads the text
            throw refused;
        }
    }

    /** Events shorter than this hold no result worth scanning for (the mapper reads them as fast). */
    static final int SCAN_FROM = 1024;

    /**
     * Reads the event through {@link ResultScanner} whatever its length; for {@link #read} and tests.
     *
     * @param b   the bytes
     * @param len how many, from index 0
     * @return the tree
     * @throws IOException when the bytes are not one JSON value (or hold trailing tokens)
     */
    static JsonNode readScanned(byte[] b, int len) throws IOException {
        int[] results = ResultScanner.scan(b, len);
        if (results == null || results.length == 0) {
            return readParsed(b, len);
        }
        byte[] rest = withoutResults(b, len, results);
        return read(rest, rest.length, new Slices(b, results));
    }

    /**
     * Reads the event with the mapper alone, its results skipped by the parser; for tests, which compare both ways.
     *
     * @param b   the bytes
     * @param len how many, from index 0
     * @return the tree
     * @throws IOException when the bytes are not one JSON value (or hold trailing tokens)
     */
    static JsonNode readParsed(byte[] b, int len) throws IOException {
        return read(b, len, new Slices(b, null));
    }

    private static JsonNode read(byte[] b, int len, Slices slices) throws IOException {
        try (JsonParser p = Json.parser(b, 0, len)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("no JSON value");
            }
            JsonNode root = t == JsonToken.START_OBJECT ? root(p, slices) : VALUES.readTree(p);
            if (p.nextToken() != null) {
                throw new IOException("trailing tokens after the JSON value");
            }
            return root;
        } catch (NumberFormatException e) {
            throw Json.numberOutOfRange(e);
        }
    }

    /** A copy of the event with each result replaced by an empty object. */
    private static byte[] withoutResults(byte[] b, int len, int[] results) {
        int size = len;
        for (int k = 0; k < results.length; k += 2) {
            size -= results[k + 1] - results[k] - 2;
        }
        byte[] out = new byte[size];
        int from = 0;
        int o = 0;
        for (int k = 0; k < results.length; k += 2) {
            int n = results[k] - from;
            System.arraycopy(b, from, out, o, n);
            o += n;
            out[o++] = '{';
            out[o++] = '}';
            from = results[k + 1];
        }
        System.arraycopy(b, from, out, o, len - from);
        return out;
    }

    /** Where the results' bytes come from: the parser's offsets in the event, or the places the scanner found. */
    private static final class Slices {
        private final byte[] event;
        private final int[] found;
        private int next;

        Slices(byte[] event, int[] found) {
            this.event = event;
            this.found = found;
        }

        /** Skips the object the parser is at (checking what a later read needs) and gives the result's bytes. */
        JsonNode take(JsonParser p) throws IOException {
            if (found == null) {
                int start = (int) p.currentTokenLocation().getByteOffset();
                skip(p);
                int end = (int) p.currentLocation().getByteOffset();
                return new POJONode(new Raw(event, start, end - start));
            }
            p.skipChildren(); // the empty object in the result's place
            int k = 2 * next++;
            if (k >= found.length) {
                throw new IllegalStateException("more results than the scanner found");
            }
            return new POJONode(new Raw(event, found[k], found[k + 1] - found[k]));
        }
    }

    /**
     * Skips the container the parser is at, as {@code skipChildren} does, and reads each decimal whose exponent has
     * more than {@value #SAFE_EXPONENT_DIGITS} digits as the mapper would: one out of a decimal's range is refused
     * now, with the event, so that the result left as bytes reads when it is asked for.
     */
    private static void skip(JsonParser p) throws IOException {
        int open = 1;
        while (open > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return;
            }
            if (t.isStructStart()) {
                open++;
            } else if (t.isStructEnd()) {
                open--;
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT && exponentDigits(p) > SAFE_EXPONENT_DIGITS) {
                VALUES.readTree(p);
            }
        }
    }

    /**
     * Exponents of this many digits at most keep a number within a decimal's range (the mapper's limit on a number's
     * length leaves room for the rest).
     */
    static final int SAFE_EXPONENT_DIGITS = 9;

    /** How many digits the exponent of the number token has (0 without one). */
    private static int exponentDigits(JsonParser p) throws IOException {
        char[] c = p.getTextCharacters();
        int from = p.getTextOffset();
        int i = from + p.getTextLength();
        while (i > from && c[i - 1] >= '0' && c[i - 1] <= '9') {
            i--;
        }
        int digits = from + p.getTextLength() - i;
        if (i > from && (c[i - 1] == '+' || c[i - 1] == '-')) {
            i--;
        }
        return i > from && (c[i - 1] == 'e' || c[i - 1] == 'E') ? digits : 0;
    }

    /** The root object: its {@code result} raw, its {@code content} read for parts. */
    private static ObjectNode root(JsonParser p, Slices b) throws IOException {
        ObjectNode o = NODES.objectNode();
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if (f.equals("result") && t == JsonToken.START_OBJECT) {
                o.set(f, b.take(p));
            } else if (f.equals("content") && t == JsonToken.START_OBJECT) {
                o.set(f, content(p, b));
            } else {
                o.set(f, value(p));
            }
        }
        return o;
    }

    private static ObjectNode content(JsonParser p, Slices b) throws IOException {
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

    private static ObjectNode part(JsonParser p, Slices b) throws IOException {
        ObjectNode o = NODES.objectNode();
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            if (f.equals("functionResponse") && t == JsonToken.START_OBJECT) {
                ObjectNode r = NODES.objectNode();
                for (String g = p.nextFieldName(); g != null; g = p.nextFieldName()) {
                    JsonToken u = p.nextToken();
                    r.set(g, g.equals("response") && u == JsonToken.START_OBJECT ? b.take(p) : value(p));
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
}
