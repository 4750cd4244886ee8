package io.github.nemosdk.internal.uploads;

import io.github.nemosdk.internal.Listeners;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read from a request body and reports them, at most every 64 KiB and at the end. */
public final class ProgressInputStream extends FilterInputStream {
    /** Receives progress. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Bytes read so far.
         *
         * @param done  bytes read
         * @param total the body's length
         */
        void onProgress(long done, long total);
    }

    private static final long STEP = 64 * 1024;

    private final long total;
    private final Listener listener;
    private long done;
    private long reported = -1;

    /**
     * Wraps a stream.
     *
     * @param in       the body
     * @param total    the body's length
     * @param listener told about progress, or null
     */
    public ProgressInputStream(InputStream in, long total, Listener listener) {
        super(in);
        this.total = total;
        this.listener = listener;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(long n) {
        done += n;
        if (listener != null && (done - reported >= STEP || done == total)) {
            reported = done;
            long sent = done;
            Listeners.tell("upload progress", () -> listener.onProgress(sent, total));
        }
    }
}
