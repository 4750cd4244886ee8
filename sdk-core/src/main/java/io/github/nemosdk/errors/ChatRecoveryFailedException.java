package io.github.nemosdk.errors;

/**
 * After a broken chat stream, the session's timeline did not change within the recovery window: the edit was most
 * likely not applied. Check the timeline, then send the message again if it is still wanted.
 */
public class ChatRecoveryFailedException extends NemoException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was checked and what to do
     * @param cause   the failure that broke the stream, or null
     */
    public ChatRecoveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
