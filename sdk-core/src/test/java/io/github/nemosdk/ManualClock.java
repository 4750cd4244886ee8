package io.github.nemosdk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told: hand it to the client with a sleeper that {@link #advance}s it. */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /**
     * Creates the clock.
     *
     * @param start the time it shows until moved
     */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /**
     * Moves the clock forward.
     *
     * @param d how far
     */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
