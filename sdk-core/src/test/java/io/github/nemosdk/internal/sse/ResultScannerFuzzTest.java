package io.github.nemosdk.internal.sse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.internal.Json;
import java.io.IOException;

/**
 * Arbitrary bytes as an event's JSON, read through {@link ResultScanner} ({@link EventReader#readScanned}) and by the
 * mapper alone ({@link EventReader#readParsed}): both refuse it, or both give the same tree with the same result
 * slices; and whatever the scanner passes (the event, each result) the mapper's parser passes too. Regression mode
 * (seeds in {@code ResultScannerFuzzTestInputs/read/}) runs in every {@code mvn test}; see FUZZING.md.
 */
class ResultScannerFuzzTest {

    /** Input layout: the event's bytes. */
    @FuzzTest(maxDuration = "3m")
    void read(byte[] event) throws IOException {
        Object scanned = outcome(() -> EventReader.readScanned(event, event.length));
        Object parsed = outcome(() -> EventReader.readParsed(event, event.length));
        if (!scanned.equals(parsed)) {
            throw new AssertionError("read through the scanner: " + scanned + "\nread by the mapper: " + parsed);
        }
        int[] found = ResultScanner.scan(event, event.length);
        if (found != null) {
            syntax(event, 0, event.length);
            for (int k = 0; k < found.length; k += 2) {
                syntax(event, found[k], found[k + 1] - found[k]);
            }
        }
    }

    private interface Reading {
        JsonNode read() throws IOException;
    }

    /** The tree with each result slice shown as its text, or how the reading failed. */
    private static Object outcome(Reading r) {
        try {
            return show(r.read());
        } catch (IOException e) {
            return "refused"; // the message may name a position: only the refusal is compared
        } catch (RuntimeException e) {
            return e.getClass().getName(); // the mapper's own (a decimal it cannot hold, say)
        }
    }

    private static String show(JsonNode n) {
        StringBuilder s = new StringBuilder();
        show(n, s);
        return s.toString();
    }

    private static void show(JsonNode n, StringBuilder s) {
        if (n.isPojo() && ((com.fasterxml.jackson.databind.node.POJONode) n).getPojo() instanceof EventReader.Raw) {
            EventReader.Raw raw = (EventReader.Raw) ((com.fasterxml.jackson.databind.node.POJONode) n).getPojo();
            s.append("RAW<").append(new String(raw.bytes, raw.off, raw.len, java.nio.charset.StandardCharsets.UTF_8))
                    .append('>');
        } else if (n.isObject()) {
            s.append('{');
            n.properties().forEach(f -> {
                s.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(f.getKey())).append(':');
                show(f.getValue(), s);
                s.append(',');
            });
            s.append('}');
        } else if (n.isArray()) {
            s.append('[');
            n.forEach(e -> {
                show(e, s);
                s.append(',');
            });
            s.append(']');
        } else {
            s.append(n.getNodeType()).append(' ').append(n);
        }
    }

    /** Fails unless the mapper's parser reads the bytes as JSON (syntax only: values are not converted). */
    private static void syntax(byte[] b, int off, int len) {
        try (JsonParser p = Json.mapper().getFactory().createParser(b, off, len)) {
            while (p.nextToken() != null) {
                // every token
            }
        } catch (IOException e) {
            throw new AssertionError("the scanner passed what the mapper's parser refuses: " + e.getMessage(), e);
        }
    }
}
