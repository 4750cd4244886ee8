package io.github.nemosdk.chat;

import io.github.nemosdk.state.Draft;
import java.util.function.Consumer;

/**
 * Chat turns on one session. Obtain it from {@code client.chat(sessionId)}. Thread-safe, but turns on one session
 * should not overlap. A message is never re-sent automatically: a failure after sending says whether the edit may
 * have been applied.
 */
public interface ChatClient {
    /**
     * The session this client talks to.
     *
     * @return the session id
     */
    String sessionId();

    /**
     * Sends a message and returns the events as they arrive. An expired token (1001) or a rate limit (429)
     * answered before the stream begins is recovered by the client's policies; after the first byte of the
     * response, nothing is retried.
     *
     * @param prompt the instruction, e.g. "add lo-fi music at 35% and fade it out"
     * @return the open stream; close it
     * @throws IllegalArgumentException if the prompt is blank or longer than 20,000 characters
     * @throws io.github.nemosdk.errors.NemoException if the message could not be sent
     */
    ChatStream stream(String prompt);

    /**
     * Sends a message and waits for the whole turn. Reads the state before sending, so that a silent turn or a
     * broken stream can be reported as a {@link TimelineChange}; after a broken stream it follows
     * {@link ChatRecovery} instead of re-sending.
     *
     * @param prompt the instruction
     * @return the reply
     * @throws io.github.nemosdk.errors.ChatStreamException if the server ended the turn with an error
     * @throws io.github.nemosdk.errors.ChatRecoveryFailedException if the stream broke and the timeline did not
     *         change within the recovery window
     */
    ChatReply send(String prompt);

    /**
     * Like {@link #send(String)}, also passing every event to a listener as it arrives (text chunks, heartbeats,
     * "still working"). The listener runs on the calling thread; an exception it throws is logged and ignored.
     *
     * @param prompt   the instruction
     * @param listener told about each event
     * @return the reply
     */
    ChatReply send(String prompt, Consumer<ChatEvent> listener);

    /**
     * Finds out what a turn whose stream broke did, without re-sending it: waits, reads the state until it differs
     * from {@code before}, as {@link ChatRecovery} describes.
     *
     * @param before the draft read before the message was sent
     * @return the change
     * @throws io.github.nemosdk.errors.ChatRecoveryFailedException if the timeline did not change in time
     */
    TimelineChange recover(Draft before);
}
