package io.github.nemosdk.internal.render;

import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.internal.http.Interrupts;
import io.github.nemosdk.internal.http.LiveExchanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies a response body to a file, truncating it first, under three deadlines, then checks that what was written is
 * the whole video. The deadlines, all from {@code requestTimeout} ({@code idle} here):
 * <ul>
 * <li>no byte for {@code idle}: stalled;</li>
 * <li>less than {@link #MIN_PROGRESS_BYTES} in any window of {@code idle} while the body goes on: too slow (a server
 * dribbling a byte at a time keeps a connection alive forever without this);</li>
 * <li>with an announced length, longer than {@code idle} plus the time that length takes at
 * {@link #MIN_PROGRESS_BYTES} per {@code idle}: over its total deadline. A body without a length has no total
 * deadline (a fixed one would cut a large video on a slow line); the two rules above still bound it.</li>
 * </ul>
 * A body shorter than its {@code Content-Length}, empty, or not a whole MP4 ({@link MediaFileCheck}) is refused.
 */
final class Download {
    /** The least a download must bring in each window of {@code requestTimeout}, unless it ends. */
    static final long MIN_PROGRESS_BYTES = 64 * 1024;

    private Download() {
    }

    /** Which deadline ended a download. */
    enum Deadline { STALLED, TOO_SLOW, TOTAL }

    /** The progress of one copy, shared with the watchdog. */
    static final class Progress {
        final io.github.nemosdk.Ticker ticker;
        final long startNanos;
        volatile long lastByteNanos;
        volatile long bytes;
        long windowStartNanos; // watchdog only
        long windowStartBytes; // watchdog only
        final AtomicReference<Deadline> fired = new AtomicReference<>();

        Progress(io.github.nemosdk.Ticker ticker) {
            this.ticker = ticker;
            this.startNanos = ticker.nanoTime();
            this.lastByteNanos = startNanos;
            this.windowStartNanos = startNanos;
        }
    }

    /**
     * Copies the body of a successful response.
     *
     * @param response  the response (its body is closed)
     * @param file      the temporary file to (over)write
     * @param idle      the request timeout: the longest wait for the next bytes, and the progress window
     * @param scheduler runs the watchdog
     * @param ticker    the time source of the deadlines
     * @param live      the client's exchanges under way: its {@code close()} ends this download
     * @param what      names the download in messages
     * @return the number of bytes written
     */
    static long copy(HttpResponse<InputStream> response, Path file, Duration idle, ScheduledExecutorService scheduler,
            io.github.nemosdk.Ticker ticker, LiveExchanges live, String what) {
        InputStream in = response.body();
        java.util.concurrent.atomic.AtomicBoolean clientClosed = new java.util.concurrent.atomic.AtomicBoolean();
        LiveExchanges.Registration registration = live.add(() -> {
            clientClosed.set(true);
            try {
                in.close();
            } catch (IOException ignored) {
                // the copying thread sees the end
            }
        });
        long expected = response.headers().firstValueAsLong("content-length").orElse(-1);
        long idleNanos = idle.toNanos();
        long totalNanos = totalNanos(expected, idleNanos);
        Progress p = new Progress(ticker);
        long period = checkPeriodNanos(idleNanos);
        ScheduledFuture<?> guard;
        try {
            guard = scheduler.scheduleAtFixedRate(() -> {
                Deadline d = overdue(p, idleNanos, totalNanos);
                if (d != null && p.fired.compareAndSet(null, d)) {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // the copying thread sees the end
                    }
                }
            }, period, period, TimeUnit.NANOSECONDS);
        } catch (io.github.nemosdk.errors.ClientClosedException e) {
            registration.close();
            try {
                in.close(); // the client closed as the download began: its connection goes with it
            } catch (IOException ignored) {
                // nothing more to release
            }
            throw new io.github.nemosdk.errors.ClientClosedException("the download of " + what);
        }
        long total = 0;
        try (InputStream body = in; OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = body.read(buf)) != -1) {
                out.write(buf, 0, n);
                total += n;
                p.bytes = total;
                p.lastByteNanos = p.ticker.nanoTime();
            }
        } catch (IOException e) {
            if (clientClosed.get()) {
                throw new io.github.nemosdk.errors.ClientClosedException("the download of " + what);
            }
            if (p.fired.get() != null) {
                throw timeout(p.fired.get(), what, idle, total, e);
            }
            if (Interrupts.caused(e)) {
                throw Interrupts.interrupted("the download of " + what, e); // the body is closed: connection released
            }
            throw new NemoTransportException("The download of " + what + " broke after " + total + " bytes ("
                    + e.getClass().getSimpleName() + ").", e);
        } finally {
            guard.cancel(false);
            registration.close();
        }
        if (clientClosed.get()) {
            throw new io.github.nemosdk.errors.ClientClosedException("the download of " + what);
        }
        if (p.fired.get() != null) {
            throw timeout(p.fired.get(), what, idle, total, null);
        }
        verify(file, total, expected, response.headers(), what);
        return total;
    }

    /**
     * Refuses a download shorter than announced, empty, or not a whole video.
     *
     * @throws NemoTransportException naming what is wrong
     */
    static void verify(Path file, long total, long expected, java.net.http.HttpHeaders headers, String what) {
        if (expected >= 0 && total != expected) {
            throw new NemoTransportException("The download of " + what + " ended after " + total + " of " + expected
                    + " bytes.", null);
        }
        if (total == 0) {
            throw new NemoTransportException("The download of " + what + " was empty.", null);
        }
        String contentType = headers.firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        String problem;
        try {
            problem = MediaFileCheck.problem(file, contentType);
        } catch (IOException e) {
            throw new NemoTransportException("The download of " + what + " could not be checked (" + e + ").", e);
        }
        if (problem != null) {
            throw new NemoTransportException("The download of " + what + " is not a whole video: " + problem + ".",
                    null);
        }
    }

    /** The total deadline of a body of {@code expected} bytes (-1: none), a window of {@code idle} per 64 KiB. */
    static long totalNanos(long expected, long idleNanos) {
        long windows = expected >= 0 ? 1 + (expected + MIN_PROGRESS_BYTES - 1) / MIN_PROGRESS_BYTES : Long.MAX_VALUE;
        return windows > Long.MAX_VALUE / idleNanos ? Long.MAX_VALUE : windows * idleNanos;
    }

    /** How often the deadlines of a download with this idle timeout are checked. */
    static long checkPeriodNanos(long idleNanos) {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), idleNanos / 4));
    }

    /** The deadline that has passed, or null; runs on the watchdog. */
    static Deadline overdue(Progress p, long idleNanos, long totalNanos) {
        long now = p.ticker.nanoTime();
        if (now - p.lastByteNanos >= idleNanos) {
            return Deadline.STALLED;
        }
        if (now - p.startNanos >= totalNanos) {
            return Deadline.TOTAL;
        }
        if (now - p.windowStartNanos >= idleNanos) {
            long bytes = p.bytes;
            if (bytes - p.windowStartBytes < MIN_PROGRESS_BYTES) {
                return Deadline.TOO_SLOW;
            }
            p.windowStartNanos = now;
            p.windowStartBytes = bytes;
        }
        return null;
    }

    static NemoTimeoutException timeout(Deadline d, String what, Duration idle, long total, IOException e) {
        String ms = idle.toMillis() + " ms (requestTimeout)";
        switch (d) {
            case STALLED:
                return new NemoTimeoutException("The download of " + what + " stalled for longer than " + ms + ".",
                        e);
            case TOO_SLOW:
                return new NemoTimeoutException("The download of " + what + " was too slow: less than "
                        + MIN_PROGRESS_BYTES / 1024 + " KiB arrived in " + ms + " (" + total + " bytes in all).", e);
            default:
                return new NemoTimeoutException("The download of " + what + " ran past its total deadline (" + total
                        + " bytes in all); a larger requestTimeout allows longer downloads.", e);
        }
    }
}
