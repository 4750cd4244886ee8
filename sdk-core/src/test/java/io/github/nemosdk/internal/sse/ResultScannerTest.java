package io.github.nemosdk.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.github.nemosdk.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan that finds tools' results without tokenizing them: where it finds them, what it leaves to the mapper, and
 * that events read through it come out exactly as the mapper alone reads them, broken events included.
 */
class ResultScannerTest {

    @Test
    void findsATypedResultAndEachAdkResponseWhereTheyLie() {
        String typed = "{\"type\":\"tool_result\",\"result\" : {\"a\":[1,{\"b\":\"}\"}]} ,\"name\":\"n\"}";
        assertThat(found(typed)).containsExactly("{\"a\":[1,{\"b\":\"}\"}]}");
        String adk = "{\"content\":{\"role\":\"user\",\"parts\":[{\"text\":\"x\"},{\"functionResponse\":{\"name\":\"a\","
                + "\"response\":{\"draft\":{\"t\":[]}}}},7,{\"functionResponse\":{\"response\":{}}}]},\"result\":{\"k\":1}}";
        assertThat(found(adk)).containsExactly("{\"draft\":{\"t\":[]}}", "{}", "{\"k\":1}");
    }

    @Test
    void findsNothingWhereNoResultIsLookedFor() {
        for (String event : new String[] {
            "{\"type\":\"tool_result\",\"result\":[1,2]}", // not an object
            "{\"data\":{\"result\":{\"a\":1}}}", // not at the top
            "{\"response\":{\"a\":1},\"content\":{\"response\":{\"a\":1}}}", // not in a functionResponse
            "{\"content\":{\"parts\":{\"functionResponse\":{\"response\":{\"a\":1}}}}}", // parts not a list
            "{\"content\":{\"parts\":[[{\"functionResponse\":{\"response\":{\"a\":1}}}]]}}", // not a part
            "{\"functionResponse\":{\"response\":{\"a\":1}}}", // not in a part
        }) {
            assertThat(found(event)).as(event).isEmpty();
        }
    }

    @Test
    void leavesToTheMapperWhatItCannotVouchFor() {
        String deep = "{\"result\":" + "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH) + "}";
        for (String event : new String[] {
            "{\"res\\u0075lt\":{\"a\":1}}", // an escaped name where a result is looked for
            "{\"result\":{\"a\":01}}", // a leading zero
            "{\"result\":{\"a\":1" + "0".repeat(50) + "}}", // a long number
            "{\"result\":{\"a\":1e1000000000}}", "{\"result\":{\"a\":2E-0000000001}}", // a long exponent
            "{\"result\":{\"a\":1.}}", "{\"result\":{\"a\":-}}", "{\"result\":{\"a\":1e}}", "{\"result\":{\"a\":.5}}",
            "{\"result\":{\"a\":\"tab\there\"}}", // a control character left unescaped
            "{\"result\":{\"a\":\"\\x\"}}", "{\"result\":{\"a\":\"\\u12g4\"}}", // bad escapes
            "{\"result\":{\"\\ud83d\\\\ude00\":1}}", "{\"result\":{\"a\":\"\\ude00\"}}", // halves of a
            "{\"result\":{\"a\":\"\\ud83d\"}}", "{\"result\":{\"a\":\"\\ud83d\\u0041\"}}", // surrogate pair
            "{\"result\":{\"a\":tru}}", "{\"result\":{\"a\":nul}}", "{\"result\":{\"a\":truex}}",
            "{\"result\":{\"a\":[1,]}}", "{\"result\":{,}}", "{\"result\":{\"a\" 1}}", "{\"result\":{\"a\":1}",
            "{\"result\":{\"a\":1}} x", "[{\"result\":{}}]", "\"text\"", "", "   ",
            "{\"result\":{\"" + "n".repeat(1001) + "\":1}}", // a long name
            deep,
        }) {
            byte[] b = event.getBytes(StandardCharsets.UTF_8);
            assertThat(ResultScanner.scan(b, b.length)).as(event).isNull();
        }
        for (byte[] bad : new byte[][] {
            {(byte) 0xC0, (byte) 0x80}, // overlong
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
            {(byte) 0xE2, (byte) 0x82}, // cut short
            {(byte) 0x80}, {(byte) 0xFF},
        }) {
            byte[] b = concat("{\"result\":{\"a\":\"", bad, "\"}}");
            assertThat(ResultScanner.scan(b, b.length)).as("bytes %s", java.util.Arrays.toString(bad)).isNull();
        }
        byte[] bom = concat("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"result\":{}}");
        assertThat(ResultScanner.scan(bom, bom.length)).isNull();
    }

    @Test
    void acceptsWhatIsPlainlyValid() {
        byte[] b = ("{\"result\":{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9 é 中 😀 \\ud83d\\ude00\",\"n\":[0,-0,12,-3.250,1e9,2E-7,"
                + "-0.0e+1],\"l\":[true,false,null],\"e\":{},\"a\":[]}}\r\n\t ").getBytes(StandardCharsets.UTF_8);
        assertThat(ResultScanner.scan(b, b.length)).hasSize(2);
        String deepest = "{\"result\":" + "[".repeat(Json.MAX_NESTING_DEPTH - 2) + "]".repeat(Json.MAX_NESTING_DEPTH - 2)
                + "}";
        assertThat(found(deepest)).hasSize(0); // an array: valid, and no result
    }

    @Test
    void randomAndDamagedEventsReadExactlyAsTheMapperAloneReadsThem() throws IOException {
        Random random = new Random(20261205);
        int scanned = 0;
        int refused = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] event = damage(random, event(random).getBytes(StandardCharsets.UTF_8));
            if (event.length >= EventReader.SCAN_FROM) {
                scanned++;
            }
            Object fast = outcome(() -> EventReader.read(event, event.length));
            Object mapper = outcome(() -> EventReader.readParsed(event, event.length));
            String text = new String(event, StandardCharsets.UTF_8);
            assertThat(fast).as("event %d: %s", i, text).isEqualTo(mapper);
            if (REFUSED.equals(mapper)) {
                refused++;
            }
            int[] found = ResultScanner.scan(event, event.length);
            if (found != null) { // what the scan passes, the mapper's parser passes: the whole event and each result
                assertThat(tokens(event, 0, event.length)).as(text).isPositive();
                for (int k = 0; k < found.length; k += 2) {
                    assertThat(tokens(event, found[k], found[k + 1] - found[k])).as(text).isPositive();
                }
            }
        }
        assertThat(scanned).as("events long enough to be scanned").isGreaterThan(1000);
        assertThat(refused).as("damaged events refused").isBetween(500, 3500);
    }

    private static final String REFUSED = "refused";

    /** How many tokens the mapper's parser reads in the bytes (values are not converted: syntax only). */
    static int tokens(byte[] b, int off, int len) throws IOException {
        int n = 0;
        try (com.fasterxml.jackson.core.JsonParser p = Json.mapper().getFactory().createParser(b, off, len)) {
            while (p.nextToken() != null) {
                n++;
            }
        }
        return n;
    }

    /**
     * The tree, with each result slice shown as its text (a slice has no equality of its own), or the refusal. An
     * unchecked exception from the reader, or a slice that does not read, fails the test.
     */
    static Object outcome(Reading r) {
        try {
            return shown(r.read());
        } catch (IOException e) {
            return REFUSED; // the message may name a position: only the refusal is compared
        } catch (RuntimeException e) { // a decimal out of range is refused (IOException) like any unreadable JSON
            throw new AssertionError("an unchecked exception from the reader", e);
        }
    }

    interface Reading {
        JsonNode read() throws IOException;
    }

    private static Object shown(JsonNode n) {
        if (n instanceof POJONode && ((POJONode) n).getPojo() instanceof EventReader.Raw) {
            EventReader.Raw raw = (EventReader.Raw) ((POJONode) n).getPojo();
            try {
                raw.read();
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("a result left as bytes does not read when asked for", e);
            }
            return Json.mapper().getNodeFactory().textNode("RAW " + new String(raw.bytes, raw.off, raw.len,
                    StandardCharsets.UTF_8));
        }
        if (n.isObject()) {
            ObjectNode o = Json.mapper().createObjectNode();
            n.properties().forEach(f -> o.set(f.getKey(), (JsonNode) shown(f.getValue())));
            return o;
        }
        if (n.isArray()) {
            var a = Json.mapper().createArrayNode();
            n.forEach(e -> a.add((JsonNode) shown(e)));
            return a;
        }
        return n;
    }

    private static List<String> found(String event) {
        byte[] b = event.getBytes(StandardCharsets.UTF_8);
        int[] r = ResultScanner.scan(b, b.length);
        assertThat(r).as(event).isNotNull();
        List<String> out = new ArrayList<>();
        for (int k = 0; k < r.length; k += 2) {
            out.add(new String(b, r[k], r[k + 1] - r[k], StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] concat(String a, byte[] mid, String c) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] z = c.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[x.length + mid.length + z.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(mid, 0, out, x.length, mid.length);
        System.arraycopy(z, 0, out, x.length + mid.length, z.length);
        return out;
    }

    /** A typed frame or an ADK event with results, long enough to be scanned more often than not. */
    private static String event(Random r) {
        StringBuilder s = new StringBuilder();
        if (r.nextBoolean()) {
            s.append("{\"type\":\"tool_result\",\"id\":").append(string(r)).append(',');
            if (r.nextInt(4) == 0) {
                s.append("\"result\":").append(value(r, 3)).append(',');
            }
            s.append(ws(r)).append("\"result\"").append(ws(r)).append(':').append(ws(r)).append(object(r, 4));
            s.append(",\"pad\":\"").append("p".repeat(r.nextInt(1500))).append("\"}");
        } else {
            s.append("{\"id\":").append(string(r)).append(",\"content\":{\"role\":\"user\",\"parts\":[");
            int parts = 1 + r.nextInt(3);
            for (int p = 0; p < parts; p++) {
                if (p > 0) {
                    s.append(',').append(ws(r));
                }
                switch (r.nextInt(4)) {
                    case 0:
                        s.append("{\"text\":").append(string(r)).append('}');
                        break;
                    case 1:
                        s.append(value(r, 2));
                        break;
                    default:
                        s.append("{\"functionResponse\":{\"id\":\"f").append(p).append("\",\"response\":")
                                .append(r.nextInt(5) == 0 ? value(r, 3) : object(r, 4)).append("}}");
                }
            }
            s.append("]},\"pad\":\"").append("p".repeat(r.nextInt(1500))).append("\",\"timestamp\":")
                    .append(number(r)).append('}');
        }
        return s.toString();
    }

    private static String object(Random r, int depth) {
        StringBuilder s = new StringBuilder("{");
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(',').append(ws(r));
            }
            s.append(string(r)).append(ws(r)).append(':').append(ws(r)).append(value(r, depth - 1));
        }
        return s.append(ws(r)).append('}').toString();
    }

    private static String value(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 8 : 6);
        switch (kind) {
            case 0:
            case 1:
                return string(r);
            case 2:
            case 3:
                return number(r);
            case 4:
                return new String[] {"true", "false", "null"}[r.nextInt(3)];
            case 5:
                return "[]";
            case 6:
                return object(r, depth);
            default:
                StringBuilder s = new StringBuilder("[");
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    s.append(i > 0 ? "," : "").append(ws(r)).append(value(r, depth - 1));
                }
                return s.append(']').toString();
        }
    }

    private static final String[] PIECES = {"a", "track", " ", "é", "中", "😀", "\\n", "\\\"", "\\\\", "\\u00e9",
        "\\ud83d\\ude00", "\\/", "result", "response", "}", "{", "[", ",", ":"};

    private static String string(Random r) {
        StringBuilder s = new StringBuilder("\"");
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return s.append('"').toString();
    }

    private static String number(Random r) {
        if (r.nextInt(40) == 0) {
            // long exponents: in a decimal's range or out of it (refused by the mapper: Jackson 2.15 reads a
            // positive one as an infinite double)
            return new String[] {"1e999999999", "1e1000000000", "7E+12345678901", "1.5e-2147483649",
                "2e-00000000001"}[r.nextInt(5)];
        }
        switch (r.nextInt(6)) {
            case 0:
                return Integer.toString(r.nextInt(2000) - 1000);
            case 1:
                return Long.toString(r.nextLong());
            case 2:
                return (r.nextBoolean() ? "-" : "") + r.nextInt(100) + "." + r.nextInt(1000) + "0";
            case 3:
                return r.nextInt(10) + (r.nextBoolean() ? "e" : "E-") + r.nextInt(30);
            case 4:
                return "123456789012345678901234567890";
            default:
                return "0";
        }
    }

    private static String ws(Random r) {
        return r.nextInt(4) == 0 ? new String[] {" ", "\n", "\t ", "\r\n"}[r.nextInt(4)] : "";
    }

    private static final byte[] DAMAGE = {'{', '}', '[', ']', ',', ':', '"', '\\', '0', '-', 'e', '.', ' ', 't', 'u',
        0x00, 0x1f, (byte) 0x80, (byte) 0xC0, (byte) 0xED, (byte) 0xF4, (byte) 0xFF};

    /** Half the events: one to three bytes replaced, inserted or removed. */
    private static byte[] damage(Random r, byte[] b) {
        if (r.nextBoolean()) {
            return b;
        }
        byte[] out = b;
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            int at = r.nextInt(out.length);
            byte with = DAMAGE[r.nextInt(DAMAGE.length)];
            switch (r.nextInt(3)) {
                case 0:
                    out = out.clone();
                    out[at] = with;
                    break;
                case 1:
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = with;
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                    break;
                default:
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
            }
        }
        return out;
    }
}
