package io.github.nemosdk.errors;

/**
 * Export was refused with HTTP 402: the account's plan does not allow it (a subscription limit, not a credit
 * issue), or the request lacked the attribution headers. Not retried.
 */
public class ExportBlockedException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param httpStatus    the HTTP status
     * @param apiCode       the body's code, or null
     * @param serverMessage the server's message, or null
     * @param requestId     the request id, or null
     */
    public ExportBlockedException(int httpStatus, Integer apiCode, String serverMessage, String requestId) {
        super("Export is blocked: the free plan does not allow it (a subscription limit, not credits), or the"
                + " attribution headers were missing. Upgrade the plan, and keep product(...) or attribution(...)"
                + " set on the client.", httpStatus, apiCode, serverMessage, requestId);
    }
}
