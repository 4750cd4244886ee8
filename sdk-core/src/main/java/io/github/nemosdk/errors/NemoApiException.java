package io.github.nemosdk.errors;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Nemo API answered with an error. Carries the HTTP status, the API code from the body (when there was one),
 * the server's message and the request id, so a failure can be reported to support. Subclasses exist for each
 * documented code; this class itself stands for codes the SDK does not know.
 */
public class NemoApiException extends NemoException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int httpStatus;
    /** The body's code, or null. */
    private final Integer apiCode;
    /** The cleaned server message, or null. */
    private final String serverMessage;
    /** The request id, or null. */
    private final String requestId;

    /**
     * Creates an API exception.
     *
     * @param message       what happened and what to do (the details are appended)
     * @param httpStatus    the HTTP status of the response
     * @param apiCode       the {@code code} of the body, or null when the body had none
     * @param serverMessage the server's message, or null
     * @param requestId     the request id from the response, or null
     */
    public NemoApiException(String message, int httpStatus, Integer apiCode, String serverMessage, String requestId) {
        super(message + details(httpStatus, apiCode, serverMessage, requestId));
        this.httpStatus = httpStatus;
        this.apiCode = apiCode;
        this.serverMessage = serverMessage;
        this.requestId = requestId;
    }

    private static String details(int httpStatus, Integer apiCode, String serverMessage, String requestId) {
        StringBuilder sb = new StringBuilder(" [HTTP ").append(httpStatus);
        if (apiCode != null) {
            sb.append(", code ").append(apiCode);
        }
        if (requestId != null) {
            sb.append(", request id ").append(requestId);
        }
        if (serverMessage != null && !serverMessage.isEmpty()) {
            sb.append(", server said: \"").append(serverMessage).append('"');
        }
        return sb.append(']').toString();
    }

    /**
     * The HTTP status of the response.
     *
     * @return the status, e.g. 200 for an error carried in a successful HTTP response
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The {@code code} field of the response body.
     *
     * @return the code, or empty when the body carried none (plain, HTML or empty bodies)
     */
    public OptionalInt apiCode() {
        return apiCode == null ? OptionalInt.empty() : OptionalInt.of(apiCode);
    }

    /**
     * The documented meaning of this error: the body's code when present, else the HTTP status. A bare HTTP 400 is
     * {@link ErrorCode#UNKNOWN} except on token acquisition ({@link MissingClientIdException}): only there does it
     * mean a missing client id.
     *
     * @return the error code
     */
    public ErrorCode errorCode() {
        if (apiCode != null) {
            ErrorCode c = ErrorCode.of(apiCode);
            if (c != ErrorCode.UNKNOWN) {
                return c;
            }
        }
        ErrorCode byStatus = ErrorCode.of(httpStatus);
        return byStatus == ErrorCode.MISSING_CLIENT_ID ? ErrorCode.UNKNOWN : byStatus;
    }

    /**
     * The server's own message, shortened and with anything that looks like a credential removed.
     *
     * @return the message, if the server sent one
     */
    public Optional<String> serverMessage() {
        return Optional.ofNullable(serverMessage);
    }

    /**
     * The request id the server assigned, for support requests.
     *
     * @return the request id, if the response carried one
     */
    @Override
    public Optional<String> requestId() {
        return requestId != null ? Optional.of(requestId) : super.requestId();
    }
}
