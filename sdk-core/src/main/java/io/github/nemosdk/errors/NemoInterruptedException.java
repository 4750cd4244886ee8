package io.github.nemosdk.errors;

/**
 * The calling thread was interrupted while the SDK waited (for a response, a chat event, an upload, a render or a
 * download, or between retries). The exchange is abandoned and its connection released; the thread's interrupt flag
 * is set again before this is thrown.
 */
public class NemoInterruptedException extends NemoException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param cause the interruption
     */
    public NemoInterruptedException(InterruptedException cause) {
        super("Interrupted while waiting for the Nemo API; the call was abandoned.", cause);
    }

    /**
     * Creates the exception for an interruption noticed another way, e.g. an {@code InterruptedIOException} of a
     * read.
     *
     * @param message what was abandoned
     * @param cause   how the interruption showed
     */
    public NemoInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
