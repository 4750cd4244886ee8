package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable HTTP answer produced by a handler or a fault. The dispatcher adds
 * {@code X-Request-Id} when writing it.
 */
final class Response {

    static final String JSON = "application/json";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;
    private final boolean truncated;

    private Response(int status, String contentType, byte[] body, Map<String, String> headers, boolean truncated) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
        this.truncated = truncated;
    }

    static Response json(int status, JsonNode body) {
        return new Response(status, JSON, Json.bytes(body), Map.of(), false);
    }

    /** {@code 200} with the success envelope around {@code data}. */
    static Response success(JsonNode data) {
        return json(200, Json.success(data));
    }

    static Response of(int status, String contentType, byte[] body) {
        return new Response(status, contentType, body.clone(), Map.of(), false);
    }

    /**
     * A response whose headers promise {@code declaredLength} body bytes but whose connection is
     * closed after {@code partialBody}, so the client sees an I/O error.
     */
    static Response truncated(int status, String contentType, byte[] partialBody) {
        return new Response(status, contentType, partialBody.clone(), Map.of(), true);
    }

    Response withHeaders(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extra);
        return new Response(status, contentType, body, Collections.unmodifiableMap(merged), truncated);
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    /** The body; callers must not modify the array. */
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
}
