package io.github.nemosdk.errors;

/**
 * The chat stream broke the rules of the event-stream format or the SDK's limits (a line or event larger than
 * allowed). The stream is closed; the message was sent and the edit may have been applied.
 */
public class ChatProtocolException extends NemoProtocolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and which setting controls it
     */
    public ChatProtocolException(String message) {
        super(message, null);
    }
}
