package io.github.nemosdk.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A received request as handlers see it: immutable. */
final class Request {

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Map<String, String> pathParams;
    private final ChatFault chatFault;

    Request(String method, String path, Map<String, List<String>> headers, byte[] body,
            Map<String, String> pathParams, ChatFault chatFault) {
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.body = body;
        this.pathParams = pathParams;
        this.chatFault = chatFault;
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

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
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
