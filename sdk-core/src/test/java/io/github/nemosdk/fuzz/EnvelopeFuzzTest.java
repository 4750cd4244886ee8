package io.github.nemosdk.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.internal.http.Decoded;
import io.github.nemosdk.internal.http.ResponseDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arbitrary status, content type and body through {@link ResponseDecoder#decode}: it returns or throws a
 * {@link NemoException} subtype, nothing else, and no exception message (nor that of a cause) shows a
 * {@code nmv_} token unmasked. Regression mode (seeds in {@code EnvelopeFuzzTestInputs/decode/}) runs in every
 * {@code mvn test}; see FUZZING.md.
 */
class EnvelopeFuzzTest {
    /** What {@code Redaction} masks as a Nemo token; SDK-written text never contains it. */
    private static final Pattern TOKEN = Pattern.compile("(?i)nmv_[A-Za-z0-9_\\-.]{4,}");
    private static final ResponseDecoder DECODER =
            new ResponseDecoder(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC),
                    io.github.nemosdk.internal.http.Secrets.none());
    /** The session a decoded call was about, or none. */
    private static final String[] CONTEXTS = {"s-1", null};

    /**
     * Input layout, readable in the seed files: the status line, the content-type line, the retry-after line, then
     * the body bytes. A status line that is not a number gives a status from its hash, so any int can occur.
     */
    @FuzzTest(maxDuration = "3m")
    void decode(byte[] data) {
        int first = indexOf(data, 0);
        int second = indexOf(data, first + 1);
        int third = indexOf(data, second + 1);
        String statusLine = line(data, 0, first);
        int status = statusLine.matches("\\d{1,3}") ? Integer.parseInt(statusLine)
                : statusLine.hashCode() % 1000;
        String contentType = line(data, first + 1, second);
        String retryAfter = line(data, second + 1, third);
        byte[] body = Arrays.copyOfRange(data, Math.min(third + 1, data.length), data.length);

        Map<String, List<String>> map = new LinkedHashMap<>();
        // headers are not the body: keep token-like text out of them, the property is about the body
        if (!contentType.isEmpty() && !TOKEN.matcher(contentType).find()) {
            map.put("content-type", List.of(contentType));
        }
        if (!retryAfter.isEmpty() && !TOKEN.matcher(retryAfter).find()) {
            map.put("retry-after", List.of(retryAfter));
        }
        HttpHeaders headers = HttpHeaders.of(map, (k, v) -> true);
        String ctx = CONTEXTS[(status & 0xff) % CONTEXTS.length];
        try {
            Decoded d = DECODER.decode(status, headers, body, ctx);
            if (d == null || d.root() == null || d.data() == null) {
                throw new AssertionError("decode returned a null value for HTTP " + status);
            }
        } catch (NemoException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                String message = t.getMessage();
                Matcher m = TOKEN.matcher(message == null ? "" : message);
                while (m.find()) {
                    // a message cut at 300 chars ends in "...": "nmv_ab..." is two characters of a word, no token
                    if (m.group().replaceAll("\\.+$", "").length() < "nmv_".length() + 4) {
                        continue;
                    }
                    throw new AssertionError("token " + m.group() + " unmasked in the message of "
                            + t.getClass().getName() + ": " + message, e);
                }
            }
        }
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = Math.max(0, from); i < data.length; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return data.length;
    }

    private static String line(byte[] data, int from, int to) {
        from = Math.min(from, data.length);
        to = Math.max(from, Math.min(to, data.length));
        return new String(data, from, to - from, StandardCharsets.UTF_8).trim();
    }
}
