package io.github.nemosdk.chat;

import java.util.stream.Stream;

/**
 * The events of one chat turn, as they arrive. Iterate it once (a for-each loop, or {@link #stream()}) and close
 * it; the turn ends when the server closes the connection.
 *
 * <pre>{@code
 * try (ChatStream events = client.chat(sessionId).stream("add lo-fi music at 35% and fade it out")) {
 *     for (ChatEvent e : events) {
 *         if (e instanceof ChatEvent.Text) System.out.print(((ChatEvent.Text) e).text());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #close()} may be called at any time from any thread, also inside the loop: it cancels the exchange
 * and ends the iteration quietly. Failures end the iteration with an exception after every earlier event was
 * delivered: {@link io.github.nemosdk.errors.ChatStreamException} (the server's error frame),
 * {@link io.github.nemosdk.errors.ChatTimeoutException} (a deadline of {@link ChatSettings}),
 * {@link io.github.nemosdk.errors.ChatDisconnectedException} (the connection broke) and
 * {@link io.github.nemosdk.errors.ChatProtocolException} (a malformed or oversized stream). In all of them the
 * message was sent and may have been acted on; it is never re-sent.
 */
public interface ChatStream extends Iterable<ChatEvent>, AutoCloseable {
    /**
     * The events as a sequential stream; closing it closes this chat stream.
     *
     * @return the stream of events
     * @throws IllegalStateException if the events were already iterated
     */
    Stream<ChatEvent> stream();

    /**
     * The session the message was sent to.
     *
     * @return the session id
     */
    String sessionId();

    /**
     * Cancels the turn's exchange and frees the connection. Idempotent, thread-safe, prompt.
     */
    @Override
    void close();
}
