package io.github.nemosdk.errors;

/**
 * The root of every exception the SDK throws. It is unchecked: catch it (or one of its subclasses) where you can
 * act on a failure. Messages say what happened and what to do; they never contain tokens.
 */
public class NemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what happened and what to do
     */
    public NemoException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what happened and what to do
     * @param cause   the underlying failure
     */
    public NemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
