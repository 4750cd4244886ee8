package io.github.nemosdk.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.http.Response;
import io.github.nemosdk.internal.http.Secrets;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderStatus;
import java.net.URI;
import java.time.Duration;

/** Reads the render service's status answers, in every documented shape, into {@link RenderJob}s. */
final class RenderJobReader {
    private RenderJobReader() {
    }

    /**
     * Reads a render status in any documented shape: the newest at top level ({@code taskId}, {@code status},
     * {@code progress}, {@code output: {url, duration, size}}, {@code error}), and the older render envelope
     * ({@code {"success":true,"data":{"id","status","progress","outputUrl"}}}, the URL possibly in a top-level
     * {@code output}).
     */
    static RenderJob parse(Response r, String expectedId, Secrets secrets) {
        JsonNode root = r.root();
        JsonNode d = r.data();
        // the SDK knows which render it asked about; the body's id is only a fallback
        String id = expectedId != null ? expectedId : firstText(d, "taskId", "id");
        JsonNode output = d.path("output").isObject() ? d.path("output") : root.path("output");
        String url = firstText(d, "outputUrl", "output_url", "url");
        if (url == null) {
            url = Json.text(output, "url");
        }
        Long progress = Json.number(d, "progress");
        String status = Json.text(d, "status");
        if (status == null) {
            throw new NemoProtocolException("The render response for " + id + " has no status"
                    + r.requestIdNote() + ".", null);
        }
        String error = errorText(d.get("error"));
        if (error == null) {
            error = firstText(d, "errorMessage", "message");
        }
        if (error == null && d != root) {
            error = errorText(root.get("error"));
        }
        return RenderJob.of(id, RenderStatus.parse(status), progress == null ? 0 : progress.intValue(),
                absolute(Json.uri(url)), seconds(output.get("duration")), positive(Json.number(output, "size")),
                Json.instant(d.get("createdAt")), Json.instant(d.get("completedAt")),
                error == null ? null : secrets.serverMessage(error));
    }

    /** An {@code error} that is a text or an object with a message. */
    private static String errorText(JsonNode error) {
        if (error == null || error.isNull()) {
            return null;
        }
        if (error.isObject()) {
            return firstText(error, "message", "detail", "code");
        }
        String s = error.asText();
        return s.isEmpty() ? null : s;
    }

    private static final java.math.BigDecimal MAX_SECONDS = java.math.BigDecimal.valueOf(Json.MAX_SECONDS);

    /** A duration in seconds (fractions allowed), or null (also when under a nanosecond or over a century). */
    private static Duration seconds(JsonNode v) {
        if (v == null || !(v.isNumber() || v.isTextual())) {
            return null;
        }
        try {
            java.math.BigDecimal s = new java.math.BigDecimal(v.asText().trim());
            long nanos = s.compareTo(MAX_SECONDS) > 0 ? 0 : s.movePointRight(9).longValue();
            return nanos <= 0 ? null : Duration.ofNanos(nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static Long positive(Long n) {
        return n == null || n <= 0 ? null : n;
    }

    private static String firstText(JsonNode n, String... fields) {
        for (String f : fields) {
            String v = Json.text(n, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static URI absolute(URI u) {
        return u != null && u.isAbsolute() ? u : null;
    }
}
