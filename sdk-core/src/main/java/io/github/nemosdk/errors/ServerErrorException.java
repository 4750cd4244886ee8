package io.github.nemosdk.errors;

/**
 * The service or a proxy in front of it failed (HTTP 5xx). Usually temporary: idempotent reads are retried by the
 * SDK; anything else is left to the caller because the server may have acted on it.
 */
public class ServerErrorException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param httpStatus    the HTTP status (500–599)
     * @param apiCode       the body's code, or null
     * @param serverMessage the server's message (or the text of an HTML error page), or null
     * @param requestId     the request id, or null
     */
    public ServerErrorException(int httpStatus, Integer apiCode, String serverMessage, String requestId) {
        super("The Nemo service failed with HTTP " + httpStatus + ". This is usually temporary: try again in a"
                + " moment.", httpStatus, apiCode, serverMessage, requestId);
    }
}
