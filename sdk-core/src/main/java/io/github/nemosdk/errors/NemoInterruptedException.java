package io.github.nemosdk.errors;

/**
 * The calling thread was interrupted while the SDK waited (for a response or between retries). The thread's
 * interrupt flag is set again before this is thrown.
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
}
