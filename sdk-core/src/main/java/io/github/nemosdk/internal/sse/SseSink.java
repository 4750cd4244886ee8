package io.github.nemosdk.internal.sse;

/** Receives what an {@link SseParser} decodes, in stream order. */
public interface SseSink {
    /**
     * A complete event (a block of lines ended by a blank line, or by the end of the stream).
     *
     * @param e the event
     */
    void event(SseEvent e);

    /**
     * A comment line ({@code : ping}): the text after the colon, one leading space removed.
     *
     * @param text the comment text, possibly empty
     */
    void comment(String text);
}
