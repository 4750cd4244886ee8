package io.github.nemosdk.render;

import java.time.Duration;
import java.util.Objects;

/**
 * How exports wait for renders: when to poll the status, and the total time allowed. Polling starts fast and backs
 * off, as NemoVideo's own command-line tool does (first after 2 s, then each wait 1.5 times the last, up to 15 s),
 * so a render of 30-90 s is noticed within seconds of finishing without polling a slow one too often; no poll starts
 * after the {@link #timeout()}. Immutable; set on the client with {@code NemoClient.builder().renderSettings(...)}.
 */
public final class RenderSettings {
    private static final RenderSettings DEFAULTS = builder().build();

    private final Duration initialPollInterval;
    private final double pollMultiplier;
    private final Duration maxPollInterval;
    private final Duration timeout;

    private RenderSettings(Builder b) {
        this.initialPollInterval = b.initialPollInterval;
        this.pollMultiplier = b.pollMultiplier;
        this.maxPollInterval = b.maxPollInterval;
        this.timeout = b.timeout;
    }

    /**
     * Poll after 2 s, then ×1.5 up to every 15 s; give up after 10 minutes (renders take 30–90 s).
     *
     * @return the defaults
     */
    public static RenderSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Settings that poll at one fixed interval.
     *
     * @param pollInterval the wait between status reads, more than zero
     * @param timeout      the total wait for one render, more than zero
     * @return the settings
     */
    public static RenderSettings of(Duration pollInterval, Duration timeout) {
        return builder().initialPollInterval(pollInterval).pollMultiplier(1.0).maxPollInterval(pollInterval)
                .timeout(timeout).build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these settings.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The wait before the second status read (the first is made at once).
     *
     * @return the first interval
     */
    public Duration initialPollInterval() {
        return initialPollInterval;
    }

    /**
     * How much longer each wait is than the one before.
     *
     * @return the factor, 1 for a fixed interval
     */
    public double pollMultiplier() {
        return pollMultiplier;
    }

    /**
     * The longest wait between two status reads.
     *
     * @return the cap
     */
    public Duration maxPollInterval() {
        return maxPollInterval;
    }

    /**
     * The total wait for one render.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The wait after the given status read.
     *
     * @param reads how many reads were made so far, 1 or more
     * @return {@code initialPollInterval × pollMultiplier^(reads-1)}, at most {@link #maxPollInterval()}
     */
    public Duration pollIntervalAfter(int reads) {
        double nanos = initialPollInterval.toNanos();
        long max = maxPollInterval.toNanos();
        for (int i = 1; i < reads && nanos < max; i++) {
            nanos *= pollMultiplier;
        }
        return Duration.ofNanos((long) Math.min(nanos, max));
    }

    @Override
    public String toString() {
        return "RenderSettings{initialPollInterval=" + initialPollInterval + ", pollMultiplier=" + pollMultiplier
                + ", maxPollInterval=" + maxPollInterval + ", timeout=" + timeout + "}";
    }

    /** Builds {@link RenderSettings}. */
    public static final class Builder {
        private Duration initialPollInterval = Duration.ofSeconds(2);
        private double pollMultiplier = 1.5;
        private Duration maxPollInterval = Duration.ofSeconds(15);
        private Duration timeout = Duration.ofMinutes(10);

        private Builder() {
        }

        private Builder(RenderSettings s) {
            initialPollInterval = s.initialPollInterval;
            pollMultiplier = s.pollMultiplier;
            maxPollInterval = s.maxPollInterval;
            timeout = s.timeout;
        }

        /**
         * Sets the wait before the second status read.
         *
         * @param d more than zero
         * @return this builder
         */
        public Builder initialPollInterval(Duration d) {
            this.initialPollInterval = positive("initialPollInterval", d);
            return this;
        }

        /**
         * Sets how much longer each wait is than the one before.
         *
         * @param factor 1 (a fixed interval) to 10
         * @return this builder
         */
        public Builder pollMultiplier(double factor) {
            if (!(factor >= 1.0 && factor <= 10.0)) {
                throw new IllegalArgumentException("pollMultiplier must be between 1 and 10, got " + factor);
            }
            this.pollMultiplier = factor;
            return this;
        }

        /**
         * Sets the longest wait between two status reads.
         *
         * @param d more than zero
         * @return this builder
         */
        public Builder maxPollInterval(Duration d) {
            this.maxPollInterval = positive("maxPollInterval", d);
            return this;
        }

        /**
         * Sets the total wait for one render.
         *
         * @param d more than zero
         * @return this builder
         */
        public Builder timeout(Duration d) {
            this.timeout = positive("timeout", d);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException if the first interval is longer than the longest
         */
        public RenderSettings build() {
            if (initialPollInterval.compareTo(maxPollInterval) > 0) {
                throw new IllegalArgumentException("initialPollInterval (" + initialPollInterval + ") must not be"
                        + " longer than maxPollInterval (" + maxPollInterval + ")");
            }
            return new RenderSettings(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, () -> name + " must not be null");
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be more than zero, got " + d);
            }
            return d;
        }
    }
}
