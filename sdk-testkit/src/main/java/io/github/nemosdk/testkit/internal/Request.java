package io.github.nemosdk.testkit.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A received request as handlers see it. Immutable, except that the body of a streamed request
 * (a route declared with {@link Router.Builder#streamingRoute}) can be read only once.
 */
final class Request {

    /** The most a handler reads of a streamed body as text. */
    static final int MAX_TEXT_BODY = 1024 * 1024;

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final InputStream bodyStream;
    private final Map<String, String> pathParams;
    private final ChatFault chatFault;
    private byte[] streamedText;

    Request(String method, String path, Map<String, List<String>> headers, byte[] body,
            Map<String, String> pathParams, ChatFault chatFault) {
        this(method, path, headers, body, null, pathParams, chatFault);
    }

    private Request(String method, String path, Map<String, List<String>> headers, byte[] body,
            InputStream bodyStream, Map<String, String> pathParams, ChatFault chatFault) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.body = body;
        this.bodyStream = bodyStream;
        this.pathParams = pathParams;
        this.chatFault = chatFault;
    }

    /** A request whose body has not been read yet: the handler reads it from {@link #bodyStream()}. */
    static Request streamed(String method, String path, Map<String, List<String>> headers, InputStream body,
            Map<String, String> pathParams) {
        return new Request(method, path, headers, null, body, pathParams, null);
    }

    /** The chat stream fault injected for this request, if any. */
    Optional<ChatFault> chatFault() {
        return Optional.ofNullable(chatFault);
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    /** First value of a header (case-insensitive name). */
    Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The token of an {@code Authorization: Bearer <token>} header, if there is one. */
    Optional<String> bearerToken() {
        return header("Authorization")
                .map(String::trim)
                .filter(v -> v.length() > 7 && v.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer "))
                .map(v -> v.substring(7).trim())
                .filter(t -> !t.isEmpty());
    }

    /**
     * The body as a stream: for a streamed request, the connection's stream itself (read it once,
     * I/O errors mean the client went away).
     */
    InputStream bodyStream() {
        return bodyStream != null ? bodyStream : new ByteArrayInputStream(body);
    }

    /**
     * The body as a JSON object, or a 400 answer in the gateway envelope.
     *
     * @return the body
     */
    com.fasterxml.jackson.databind.JsonNode jsonObject() {
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = Json.parse(bodyText());
        } catch (IllegalArgumentException e) {
            throw ApiException.of(400, 400, "request body is not valid JSON");
        }
        if (!body.isObject()) {
            throw ApiException.of(400, 400, "request body must be a JSON object");
        }
        return body;
    }

    /**
     * The body decoded as UTF-8. A streamed body is read here (once, then kept).
     *
     * @throws ApiException 413 if a streamed body is larger than {@link #MAX_TEXT_BODY}
     * @throws UncheckedIOException if reading a streamed body fails
     */
    String bodyText() {
        if (bodyStream == null) {
            return new String(body, StandardCharsets.UTF_8);
        }
        if (streamedText == null) {
            try {
                byte[] read = bodyStream.readNBytes(MAX_TEXT_BODY + 1);
                if (read.length > MAX_TEXT_BODY) {
                    throw ApiException.of(413, 413, "request body too large");
                }
                streamedText = read;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(streamedText, StandardCharsets.UTF_8);
    }

    boolean hasBody() {
        return !bodyText().isBlank();
    }

    /** A value captured by a {@code {name}} segment of the route's path template. */
    String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }
}
