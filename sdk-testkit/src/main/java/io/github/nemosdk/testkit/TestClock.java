package io.github.nemosdk.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock {@link NemoEmulatorExtension} gives the emulator and its clients: it follows the system
 * clock plus an offset, and {@link #sleep(Duration)} (the clients' sleeper) returns at once after
 * moving the offset forward by the wait. So a client never really waits between retries or render
 * polls, yet renders progress and deadlines pass as if it had. The offset only grows. Thread-safe.
 */
final class TestClock extends Clock {

    private final Clock base;
    private final AtomicLong offsetNanos;

    TestClock() {
        this(Clock.systemUTC(), new AtomicLong());
    }

    private TestClock(Clock base, AtomicLong offsetNanos) {
        this.base = base;
        this.offsetNanos = offsetNanos;
    }

    /**
     * A sleeper: moves this clock forward by {@code duration} and returns at once.
     *
     * @param duration the wait asked for; zero or negative does nothing
     * @throws InterruptedException if the calling thread is interrupted, as a real sleep would
     */
    void sleep(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "duration");
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting " + duration);
        }
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE;
        }
        long add = nanos;
        offsetNanos.getAndUpdate(current -> current > Long.MAX_VALUE - add ? Long.MAX_VALUE : current + add);
    }

    /** How far this clock is ahead of the system clock. */
    Duration offset() {
        return Duration.ofNanos(offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(base.getZone()) ? this : new TestClock(base.withZone(zone), offsetNanos);
    }

    @Override
    public Instant instant() {
        return base.instant().plusNanos(offsetNanos.get());
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public String toString() {
        return "TestClock[system clock + " + offset() + (base.getZone().equals(ZoneOffset.UTC) ? "" : ", " + getZone())
                + "]";
    }
}
