package io.github.nemosdk.testkit.internal;

import java.io.IOException;

/**
 * The body of a streamed (chunked) response, written by the request's thread after the headers
 * went out. The dispatcher always calls {@link #release()} afterwards, also when writing failed or
 * never started, so that work reserved for the stream (frozen credits) can be given back.
 */
interface StreamBody {

    /**
     * Writes the body event by event; returning ends the response cleanly.
     *
     * @throws IOException          if the client went away, or {@link EventSink#abort()} cut the connection
     * @throws InterruptedException if the emulator is closing
     */
    void writeTo(EventSink sink) throws IOException, InterruptedException;

    /** Called exactly once when the exchange is over, whatever happened. */
    default void release() {
    }
}
