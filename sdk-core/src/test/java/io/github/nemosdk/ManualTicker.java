package io.github.nemosdk;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that moves only when a test advances it. */
public final class ManualTicker implements Ticker {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

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
}
