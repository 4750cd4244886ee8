package io.github.nemosdk.errors;

/**
 * A deadline passed: the response headers did not arrive within the request timeout, or the body stalled.
 */
public class NemoTimeoutException extends NemoException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what timed out and which setting controls it
     * @param cause   the underlying failure, or null
     */
    public NemoTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
