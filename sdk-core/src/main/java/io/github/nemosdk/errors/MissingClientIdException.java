package io.github.nemosdk.errors;

/**
 * The server asked for an {@code X-Client-Id} header (code 400) when acquiring a token. The SDK generates and
 * persists a new client id and retries once before throwing this.
 */
public class MissingClientIdException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param httpStatus    the HTTP status
     * @param apiCode       the body's code, or null
     * @param serverMessage the server's message, or null
     * @param requestId     the request id, or null
     */
    public MissingClientIdException(int httpStatus, Integer apiCode, String serverMessage, String requestId) {
        super("The server did not accept the client id (X-Client-Id) when issuing a token. Set a UUID with"
                + " NemoClient.builder().clientId(...) or NEMO_CLIENT_ID.", httpStatus, apiCode, serverMessage,
                requestId);
    }

    /**
     * Always {@link ErrorCode#MISSING_CLIENT_ID}.
     *
     * @return {@link ErrorCode#MISSING_CLIENT_ID}
     */
    @Override
    public ErrorCode errorCode() {
        return ErrorCode.MISSING_CLIENT_ID;
    }
}
