package io.github.nemosdk.testkit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A request the emulator received, as returned by {@link NemoEmulator#requests()}. Immutable.
 * {@link #toString()} masks the {@code Authorization} header, so recorded requests may be logged.
 */
public final class RecordedRequest {

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final String body;
    private final Endpoint endpoint;

    private RecordedRequest(String method, String path, Map<String, List<String>> headers, String body,
            Endpoint endpoint) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.body = body;
        this.endpoint = endpoint;
    }

    /**
     * Creates a recorded request (the emulator does; tests may too).
     *
     * @param method   the HTTP method
     * @param path     the raw path without the query string
     * @param headers  lower-case header names to their values; used as given, so pass an unmodifiable map
     * @param body     the body as UTF-8 text
     * @param endpoint the endpoint the request was routed to, or null when none matched
     * @return the request
     */
    public static RecordedRequest of(String method, String path, Map<String, List<String>> headers, String body,
            Endpoint endpoint) {
        return new RecordedRequest(method, path, headers, body, endpoint);
    }

    /**
     * The HTTP method, upper case.
     *
     * @return for example {@code "POST"}
     */
    public String method() {
        return method;
    }

    /**
     * The request path as sent (percent-encoding kept), without the query string.
     *
     * @return for example {@code "/api/credits/balance/simple"}
     */
    public String path() {
        return path;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, matched case-insensitively
     * @return the value, or empty if the request had no such header
     */
    public Optional<String> header(String name) {
        Objects.requireNonNull(name, "name");
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * All headers: an unmodifiable map from lower-case header name to its values in order. Its
     * {@code get} matches names case-insensitively.
     *
     * @return the headers
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The body decoded as UTF-8.
     *
     * @return the body, empty if the request had none
     */
    public String body() {
        return body;
    }

    /**
     * The endpoint the request was routed to.
     *
     * @return the endpoint, or empty if method and path matched none (answered 404 or 405)
     */
    public Optional<Endpoint> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** Method, path, endpoint and headers, with the {@code Authorization} value masked. */
    @Override
    public String toString() {
        String shownHeaders = headers.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getKey().equals("authorization") ? "[masked]" : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        return "RecordedRequest[" + method + " " + path + ", endpoint=" + endpoint + ", headers=" + shownHeaders
                + ", body=" + body.length() + " chars]";
    }
}
