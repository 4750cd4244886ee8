package io.github.nemosdk;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that moves only when a test advances it. */
public final class ManualTicker implements Ticker {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    /** A ticker standing at an arbitrary time until advanced. */
    public ManualTicker() {
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    /**
     * Moves the time forward.
     *
     * @param d how far
     */
    public void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /**
     * Runs this ticker faster than real time until closed: {@code step} every 10 ms, on a daemon thread.
     *
     * @param step how far each 10 ms move it
     * @return stops it
     */
    public Runnable runFaster(Duration step) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread clock = new Thread(() -> {
            while (!done.get()) {
                advance(step);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "manual-ticker");
        clock.setDaemon(true);
        clock.start();
        return () -> done.set(true);
    }
}
