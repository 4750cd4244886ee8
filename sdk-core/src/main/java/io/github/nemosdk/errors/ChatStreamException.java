package io.github.nemosdk.errors;

import java.util.Optional;

/**
 * The server ended a chat turn with an error frame ({@code {"error": …}}, or an event carrying
 * {@code errorCode} / {@code errorMessage}). Every event before it was delivered. The turn may have applied part of
 * the edit: read the state before sending again.
 */
public class ChatStreamException extends NemoException {
    private static final long serialVersionUID = 1L;

    /** The server's message, cleaned. */
    private final String serverMessage;
    /** The server's error code, or null. */
    private final String errorCode;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's message, cleaned
     * @param errorCode     the server's error code, or null
     */
    public ChatStreamException(String serverMessage, String errorCode) {
        super("The assistant reported an error during the chat turn" + (errorCode == null ? "" : " (" + errorCode
                + ")") + ": " + serverMessage + ". Part of the edit may have been applied: read the state before"
                + " sending the message again.");
        this.serverMessage = serverMessage;
        this.errorCode = errorCode;
    }

    /**
     * The server's message.
     *
     * @return the message
     */
    public String serverMessage() {
        return serverMessage;
    }

    /**
     * The server's error code ({@code errorCode} of an ADK event, or {@code error_details.error_type} /
     * {@code error_details.code} of an error frame).
     *
     * @return the code, when the server sent one
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
