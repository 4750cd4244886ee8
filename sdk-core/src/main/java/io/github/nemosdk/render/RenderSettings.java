package io.github.nemosdk.render;

import java.time.Duration;
import java.util.Objects;

/**
 * How exports wait for renders: the poll interval and the total time allowed. Immutable; set on the client with
 * {@code NemoClient.builder().renderSettings(...)}.
 */
public final class RenderSettings {
    private static final RenderSettings DEFAULTS = new RenderSettings(Duration.ofSeconds(10), Duration.ofMinutes(10));

    private final Duration pollInterval;
    private final Duration timeout;

    private RenderSettings(Duration pollInterval, Duration timeout) {
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /**
     * Poll every 10 s (the service documents 10–30 s), give up after 10 minutes (renders take 30–90 s).
     *
     * @return the defaults
     */
    public static RenderSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Custom settings.
     *
     * @param pollInterval the wait between status reads, more than zero
     * @param timeout      the total wait for one render, more than zero
     * @return the settings
     */
    public static RenderSettings of(Duration pollInterval, Duration timeout) {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(timeout, "timeout");
        if (pollInterval.isZero() || pollInterval.isNegative() || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("pollInterval and timeout must be more than zero");
        }
        return new RenderSettings(pollInterval, timeout);
    }

    /**
     * The wait between status reads.
     *
     * @return the interval
     */
    public Duration pollInterval() {
        return pollInterval;
    }

    /**
     * The total wait for one render.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "RenderSettings{pollInterval=" + pollInterval + ", timeout=" + timeout + "}";
    }
}
