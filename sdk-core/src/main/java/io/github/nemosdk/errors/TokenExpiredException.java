package io.github.nemosdk.errors;

/**
 * The token was rejected as invalid or expired (code 1001, or 401 / 1010 / 1011 from a newer gateway).
 *
 * <p>The SDK only throws this after its own recovery: a refreshable token (an anonymous token, or a
 * {@link io.github.nemosdk.auth.TokenProvider} that can refresh) is re-acquired once and the call retried; a fixed
 * token given to the builder or through {@code NEMO_TOKEN} cannot be refreshed, and fails with this exception.
 */
public class TokenExpiredException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param advice        what the user should do, depending on where the token came from
     * @param httpStatus    the HTTP status
     * @param apiCode       the body's code, or null
     * @param serverMessage the server's message, or null
     * @param requestId     the request id, or null
     */
    public TokenExpiredException(String advice, int httpStatus, Integer apiCode, String serverMessage,
            String requestId) {
        super("The API token was rejected as invalid or expired. " + advice, httpStatus, apiCode, serverMessage,
                requestId);
    }
}
