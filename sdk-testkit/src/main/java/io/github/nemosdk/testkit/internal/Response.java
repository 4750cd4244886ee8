package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable HTTP answer produced by a handler or a fault: a complete body, a deliberately
 * truncated one, a file's contents, or a {@link StreamBody} written as a chunked stream. The dispatcher adds
 * {@code X-Request-Id} when writing it.
 */
final class Response {

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;
    private final boolean truncated;
    private final StreamBody stream;
    private final Path file;

    private Response(int status, String contentType, byte[] body, Map<String, String> headers, boolean truncated,
            StreamBody stream) {
        this(status, contentType, body, headers, truncated, stream, null);
    }

    private Response(int status, String contentType, byte[] body, Map<String, String> headers, boolean truncated,
            StreamBody stream, Path file) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
        this.truncated = truncated;
        this.stream = stream;
        this.file = file;
    }

    /** {@code status} with the contents of {@code file} as the body, sent with its length. */
    static Response file(int status, String contentType, Path file) {
        return new Response(status, contentType, new byte[0], Map.of(), false, null,
                Objects.requireNonNull(file, "file"));
    }

    static Response json(int status, JsonNode body) {
        return new Response(status, JSON, Json.bytes(body), Map.of(), false, null);
    }

    /** {@code 200} with the success envelope around {@code data}. */
    static Response success(JsonNode data) {
        return json(200, Json.success(data));
    }

    static Response of(int status, String contentType, byte[] body) {
        return new Response(status, contentType, body.clone(), Map.of(), false, null);
    }

    /**
     * A response whose headers promise {@code declaredLength} body bytes but whose connection is
     * closed after {@code partialBody}, so the client sees an I/O error.
     */
    static Response truncated(int status, String contentType, byte[] partialBody) {
        return new Response(status, contentType, partialBody.clone(), Map.of(), true, null);
    }

    /** A {@code 200 text/event-stream} answer sent with chunked encoding, written by {@code body}. */
    static Response eventStream(StreamBody body) {
        return new Response(200, EVENT_STREAM, new byte[0], Map.of("Cache-Control", "no-cache"), false,
                Objects.requireNonNull(body, "body"));
    }

    Response withHeaders(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new Response(status, contentType, body, Collections.unmodifiableMap(merged), truncated, stream, file);
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    /** The body; callers must not modify the array. Empty for a stream. */
    byte[] body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** Whether the connection is to be cut after {@link #body()} although more was announced. */
    boolean truncated() {
        return truncated;
    }

    /** The writer of a streamed body, or null for a complete (or truncated) body. */
    StreamBody stream() {
        return stream;
    }

    /** The file whose contents are the body, or null when the body is in {@link #body()} or a stream. */
    Path file() {
        return file;
    }
}
