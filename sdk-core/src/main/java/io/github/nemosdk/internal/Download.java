package io.github.nemosdk.internal;

import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Copies a response body to a file, truncating it first, with an idle watchdog and a length check. */
final class Download {
    private Download() {
    }

    /**
     * Copies the body of a successful response.
     *
     * @param response  the response (its body is closed)
     * @param file      the temporary file to (over)write
     * @param idle      the longest wait for the next bytes
     * @param scheduler runs the watchdog
     * @param what      names the download in messages
     * @return the number of bytes written
     */
    static long copy(HttpResponse<InputStream> response, Path file, Duration idle, ScheduledExecutorService scheduler,
            String what) {
        InputStream in = response.body();
        long expected = response.headers().firstValueAsLong("content-length").orElse(-1);
        AtomicBoolean fired = new AtomicBoolean();
        long[] last = {System.nanoTime()};
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1),
                idle.toNanos() / 4));
        ScheduledFuture<?> guard = scheduler.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - last[0] >= idle.toNanos() && fired.compareAndSet(false, true)) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the copying thread sees the end
                }
            }
        }, period, period, TimeUnit.NANOSECONDS);
        long total = 0;
        try (InputStream body = in; OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = body.read(buf)) != -1) {
                out.write(buf, 0, n);
                total += n;
                last[0] = System.nanoTime();
            }
        } catch (IOException e) {
            if (fired.get()) {
                throw new NemoTimeoutException("The download of " + what + " stalled for longer than "
                        + idle.toMillis() + " ms (requestTimeout).", e);
            }
            throw new NemoTransportException("The download of " + what + " broke after " + total + " bytes ("
                    + e.getClass().getSimpleName() + ").", e);
        } finally {
            guard.cancel(false);
        }
        if (fired.get()) {
            throw new NemoTimeoutException("The download of " + what + " stalled for longer than " + idle.toMillis()
                    + " ms (requestTimeout).", null);
        }
        if (expected >= 0 && total != expected) {
            throw new NemoTransportException("The download of " + what + " ended after " + total + " of " + expected
                    + " bytes.", null);
        }
        if (total == 0) {
            throw new NemoTransportException("The download of " + what + " was empty.", null);
        }
        return total;
    }
}
