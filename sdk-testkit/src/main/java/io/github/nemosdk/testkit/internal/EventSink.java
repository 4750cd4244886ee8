package io.github.nemosdk.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events to a chunked response body, flushing each one so the client sees it
 * at once. Used by one thread.
 */
final class EventSink {

    /** Thrown by {@link #abort()} to unwind the writer once the connection is cut. */
    static final class Aborted extends IOException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("stream aborted on purpose", null);
        }
    }

    private final OutputStream out;

    EventSink(OutputStream out) {
        this.out = out;
    }

    /** One event: {@code data: <payload>} and a blank line. The payload must not contain line breaks. */
    void data(String payload) throws IOException {
        raw("data: " + payload + "\n\n");
    }

    /**
     * One event written as a Java ADK server writes it: {@code data:<payload>} with no space, and a blank
     * line. The payload must not contain line breaks.
     */
    void dataNoSpace(String payload) throws IOException {
        raw("data:" + payload + "\n\n");
    }

    /** An event with an empty {@code data:} line (a keep-alive). */
    void emptyData() throws IOException {
        raw("data: \n\n");
    }

    /** An SSE comment line such as {@code : ping}, followed by a blank line. */
    void comment(String text) throws IOException {
        raw(": " + text + "\n\n");
    }

    private void raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Cuts the connection abruptly, without the chunked encoding's closing chunk, so the client's
     * read fails with an I/O error rather than seeing a clean end of the stream.
     *
     * <p>The JDK server offers no way to reach the socket from a handler, but it writes through an
     * interruptible {@link java.nio.channels.SocketChannel}: a write made while the thread is
     * interrupted closes the channel. The interrupt is cleared again before returning.
     *
     * @throws IOException always ({@link Aborted}), to unwind the writer
     */
    void abort() throws IOException {
        boolean wasInterrupted = Thread.interrupted();
        try {
            out.flush();
            Thread.currentThread().interrupt();
            // An extra blank line is harmless SSE in case it ever got through.
            out.write('\n');
            out.flush();
        } catch (IOException expected) {
            // ClosedByInterruptException: the connection is gone, as intended.
        } finally {
            Thread.interrupted();
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
        throw new Aborted();
    }
}
