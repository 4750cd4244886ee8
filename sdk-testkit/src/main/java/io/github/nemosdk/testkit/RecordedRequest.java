package io.github.nemosdk.testkit;

import java.nio.charset.StandardCharsets;
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
    private final long bodyLength;
    private final Endpoint endpoint;

    private RecordedRequest(String method, String path, Map<String, List<String>> headers, String body,
            long bodyLength, Endpoint endpoint) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.body = body;
        this.bodyLength = bodyLength;
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
        return new RecordedRequest(method, path, headers, body, body.getBytes(StandardCharsets.UTF_8).length,
                endpoint);
    }

    /**
     * Creates a recorded request whose body text is only a prefix of what was received, as the
     * emulator records uploads (see {@link #body()}).
     *
     * @param method     the HTTP method
     * @param path       the raw path without the query string
     * @param headers    lower-case header names to their values; used as given, so pass an unmodifiable map
     * @param body       the recorded body text
     * @param bodyLength the number of body bytes received, not negative
     * @param endpoint   the endpoint the request was routed to, or null when none matched
     * @return the request
     * @throws IllegalArgumentException if {@code bodyLength} is negative
     */
    public static RecordedRequest of(String method, String path, Map<String, List<String>> headers, String body,
            long bodyLength, Endpoint endpoint) {
        if (bodyLength < 0) {
            throw new IllegalArgumentException("bodyLength must not be negative: " + bodyLength);
        }
        return new RecordedRequest(method, path, headers, body, bodyLength, endpoint);
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
     * The body as text. For every endpoint but {@link Endpoint#UPLOAD} it is the whole body decoded
     * as UTF-8. Upload bodies may be large and are never held in memory, so for
     * {@link Endpoint#UPLOAD} only the first 64 KiB (65,536 bytes) are kept: decoded as ISO-8859-1
     * when the request is {@code multipart/form-data} (one character per byte, so binary file bytes
     * survive: {@code body().getBytes(ISO_8859_1)} gives the bytes back), as UTF-8 otherwise. Compare
     * with {@link #bodyLength()} to tell whether it was cut.
     *
     * @return the body, empty if the request had none
     */
    public String body() {
        return body;
    }

    /**
     * How many body bytes the request had, the whole body even when {@link #body()} holds only its
     * beginning (uploads).
     *
     * @return the body's length in bytes
     */
    public long bodyLength() {
        return bodyLength;
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
                + ", body=" + bodyLength + " bytes]";
    }
}
