package io.github.nemosdk.async;

import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.chat.TimelineChange;
import io.github.nemosdk.state.Draft;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Chat turns on one session without a waiting thread. Obtain it from {@code client.async().chat(sessionId)}.
 */
public interface AsyncChatClient {
    /**
     * The session this client talks to.
     *
     * @return the session id
     */
    String sessionId();

    /**
     * A chat turn as a publisher of its events. The message is sent when the one subscriber subscribes (a second
     * subscriber gets an error rather than sending it again); no thread waits for the answer; events are delivered
     * as demand allows, and the network is read no faster than the subscriber requests. Cancelling the
     * subscription closes the exchange. Errors are those of {@code ChatStream}, signalled through {@code onError}.
     *
     * @param prompt the instruction
     * @return the publisher
     * @throws IllegalArgumentException at once, if the prompt is blank or too long
     */
    Flow.Publisher<ChatEvent> stream(String prompt);

    /**
     * Sends a message and completes with the whole reply (see {@code ChatClient#send}). It runs the blocking turn
     * on the client's executor; cancelling the future interrupts it, which ends the exchange.
     *
     * @param prompt the instruction
     * @return the reply
     * @throws IllegalArgumentException at once, if the prompt is blank or too long
     */
    CompletableFuture<ChatReply> send(String prompt);

    /**
     * Finds out what a broken turn did (see {@code ChatClient#recover}), on the client's executor.
     *
     * @param before the draft read before the message was sent
     * @return the change
     */
    CompletableFuture<TimelineChange> recover(Draft before);
}
