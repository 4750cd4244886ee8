package io.github.nemosdk.errors;

/**
 * The chat endpoint refused the message before the turn began, with an HTTP 400 or 404 and no API code (a body-less
 * 400, or a {@code {"detail": …}} answer): nothing reached the assistant, nothing was applied and nothing was
 * charged. Sending the same request again gets the same answer: the server did not accept the request itself, which
 * usually means the base URL does not point at the Nemo API, or the session id is not one the chat endpoint knows.
 * A {@code 404 {"detail":"Session not found: …"}} is reported as {@link SessionNotFoundException} instead.
 */
public class ChatRequestRejectedException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param sessionId     the session the message was for
     * @param httpStatus    the HTTP status (400 or 404)
     * @param serverMessage the server's message ({@code detail}), or null
     * @param requestId     the request id, or null
     */
    public ChatRequestRejectedException(String sessionId, int httpStatus, String serverMessage, String requestId) {
        super("The chat endpoint refused the message for session " + sessionId + " before the turn began"
                + (serverMessage == null ? " and gave no reason" : "") + ": nothing was applied or charged, and"
                + " sending it again will get the same answer. Check that NEMO_API_URL (baseUrl) points at the Nemo"
                + " API" + (httpStatus == 404 ? " and that the session id is right" : " (a server that expects"
                + " another request format answers this way)") + "; if it does, report the request id.",
                httpStatus, null, serverMessage, requestId);
    }

    /**
     * Always {@link ErrorCode#UNKNOWN}: the refusal carries no API code (a 400 here is not a missing client id).
     *
     * @return {@link ErrorCode#UNKNOWN}
     */
    @Override
    public ErrorCode errorCode() {
        return ErrorCode.UNKNOWN;
    }
}
