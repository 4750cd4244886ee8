package io.github.nemosdk.testkit.internal;

import java.util.Map;

/**
 * Thrown by handlers to answer with a gateway error envelope
 * ({@code {"code":<code>,"message":<message>,"data":null}}) and the given HTTP status, or (for the
 * render endpoints, {@link #render}) with a render envelope.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Response response;

    private ApiException(int httpStatus, int code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.response = Response.json(httpStatus, Json.error(code, message)).withHeaders(headers);
    }

    private ApiException(String message, Response response) {
        super(message, null, false, false);
        this.response = response;
    }

    /** An error in the render envelope: {@code {"success":false,"error":<message>}} with {@code httpStatus}. */
    static ApiException render(int httpStatus, String message) {
        return new ApiException(message, Response.json(httpStatus, Json.renderError(message)));
    }

    /** A FastAPI-style refusal, as ADK servers answer: {@code {"detail":<message>}} with {@code httpStatus}. */
    static ApiException detail(int httpStatus, String message) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.object();
        body.put("detail", message);
        return new ApiException(message, Response.json(httpStatus, body));
    }

    static ApiException of(int httpStatus, int code, String message) {
        return new ApiException(httpStatus, code, message, Map.of());
    }

    static ApiException withHeaders(int httpStatus, int code, String message, Map<String, String> headers) {
        return new ApiException(httpStatus, code, message, headers);
    }

    /** 401 / 1001, the answer to every authentication failure. */
    static ApiException tokenInvalid() {
        return of(401, 1001, "token invalid or expired");
    }

    /** HTTP 200 with code 1002, as the real service answers for a missing session. */
    static ApiException sessionNotFound() {
        return of(200, 1002, "session not found");
    }

    Response response() {
        return response;
    }
}
