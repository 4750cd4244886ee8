package io.github.nemosdk.testkit.internal;

import io.github.nemosdk.testkit.Endpoint;
import java.util.List;
import java.util.Map;

/** One received request as recorded, immutable. */
public final class LoggedRequest {

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final String body;
    private final Endpoint endpoint;

    LoggedRequest(String method, String path, Map<String, List<String>> headers, String body, Endpoint endpoint) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.body = body;
        this.endpoint = endpoint;
    }

    /**
     * The HTTP method.
     *
     * @return the HTTP method
     */
    public String method() {
        return method;
    }

    /**
     * The raw path, without query string.
     *
     * @return the raw path, without query string
     */
    public String path() {
        return path;
    }

    /**
     * Unmodifiable, case-insensitive map of lower-case header names to their values.
     *
     * @return unmodifiable, case-insensitive map of lower-case header names to their values
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The body decoded as UTF-8, empty if there was none.
     *
     * @return the body decoded as UTF-8, empty if there was none
     */
    public String body() {
        return body;
    }

    /**
     * The endpoint the request was routed to, or {@code null} if it matched none.
     *
     * @return the endpoint the request was routed to, or {@code null} if it matched none
     */
    public Endpoint endpoint() {
        return endpoint;
    }
}
