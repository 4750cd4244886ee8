package io.github.nemosdk.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * The server is rate limiting this client (HTTP 429). The SDK waits and retries within its retry settings before
 * throwing this; when it does, {@link #retryAfter()} says how long the server asked to wait.
 */
public class RateLimitedException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /** The server's requested wait, or null. */
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param retryAfter    the wait the server asked for, or null when it gave none
     * @param httpStatus    the HTTP status
     * @param apiCode       the body's code, or null
     * @param serverMessage the server's message, or null
     * @param requestId     the request id, or null
     */
    public RateLimitedException(Duration retryAfter, int httpStatus, Integer apiCode, String serverMessage,
            String requestId) {
        super("Rate limited by the Nemo API" + (retryAfter != null
                ? "; the server asked to wait " + retryAfter.getSeconds() + " s"
                : "") + ". Wait and try again, or allow more attempts or a longer wait with"
                + " NemoClient.builder().retry(...).", httpStatus, apiCode, serverMessage, requestId);
        this.retryAfter = retryAfter;
    }

    /**
     * How long the server asked to wait ({@code Retry-After}).
     *
     * @return the wait, when the response said
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
