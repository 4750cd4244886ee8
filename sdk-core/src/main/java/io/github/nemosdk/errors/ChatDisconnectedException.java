package io.github.nemosdk.errors;

/**
 * The chat stream broke after the message was sent. The edit may have been applied; the SDK never re-sends the
 * message (that would apply the edit twice and charge twice). Find out with
 * {@code client.chat(id).recover(before)}, which reads the state until it changes, or check the state yourself.
 */
public class ChatDisconnectedException extends NemoTransportException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     * @param cause   the I/O failure
     */
    public ChatDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
