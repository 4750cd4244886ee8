package io.github.nemosdk;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the calling thread; tests inject one that records the requested
 * delays and returns at once, so retry behaviour is tested in milliseconds.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits for the given time.
     *
     * @param duration how long to wait; never negative
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The default sleeper: {@link Thread#sleep(long)}.
     *
     * @return a sleeper that blocks the calling thread
     */
    static Sleeper system() {
        return d -> {
            if (!d.isZero() && !d.isNegative()) {
                Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            }
        };
    }
}
