package io.github.nemosdk;

import java.time.Duration;
import java.util.Objects;

/**
 * How the SDK retries calls that failed in a way that is safe to retry: rate limiting (429) before the server
 * acted, and network failures or 502 / 503 / 504 on idempotent reads. Re-authentication (one retry after a token
 * refresh) and session recreation are separate and do not count against {@link #maxAttempts()}. Immutable; build
 * one with {@link #builder()} or adjust the defaults with {@link #toBuilder()}.
 *
 * <p>Delays only ever wait at least as long as the server asked: jitter is added, never subtracted. A
 * {@code Retry-After} longer than {@link #maxRetryAfter()} is not waited for at all; the call fails at once with
 * {@link io.github.nemosdk.errors.RateLimitedException} carrying the server's delay.
 */
public final class RetrySettings {
    private static final RetrySettings DEFAULTS = new Builder().build();

    private final int maxAttempts;
    private final Duration maxRetryAfter;
    private final Duration defaultRateLimitDelay;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final Duration maxElapsed;

    private RetrySettings(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.maxRetryAfter = b.maxRetryAfter;
        this.defaultRateLimitDelay = b.defaultRateLimitDelay;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.maxElapsed = b.maxElapsed;
    }

    /**
     * The defaults: 3 attempts, {@code Retry-After} honoured up to 2 minutes, 30 s when a 429 gives no
     * {@code Retry-After}, backoff from 500 ms to 8 s, up to 20 % upward jitter, no retry scheduled past 5 minutes.
     *
     * @return the default settings
     */
    public static RetrySettings defaults() {
        return DEFAULTS;
    }

    /**
     * Settings that never retry (one attempt). Re-authentication after an expired token still happens.
     *
     * @return settings with {@code maxAttempts == 1}
     */
    public static RetrySettings disabled() {
        return builder().maxAttempts(1).build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * How many attempts a call makes at most, the first included.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The longest {@code Retry-After} the SDK waits for.
     *
     * @return the cap
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The wait after a 429 that carried no {@code Retry-After} (the service documents 30 s).
     *
     * @return the delay
     */
    public Duration defaultRateLimitDelay() {
        return defaultRateLimitDelay;
    }

    /**
     * The first backoff delay after a network failure or 502/503/504 on an idempotent read; doubled each time.
     *
     * @return the initial delay
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The largest backoff delay.
     *
     * @return the cap on backoff
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * The upward jitter as a fraction of the delay: a delay d becomes a random value in [d, d * (1 + jitter)].
     *
     * @return a fraction between 0 and 1
     */
    public double jitter() {
        return jitter;
    }

    /**
     * No retry is scheduled that would start later than this after the call began.
     *
     * @return the retry budget
     */
    public Duration maxElapsed() {
        return maxElapsed;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RetrySettings)) {
            return false;
        }
        RetrySettings r = (RetrySettings) o;
        return maxAttempts == r.maxAttempts && Double.compare(jitter, r.jitter) == 0
                && maxRetryAfter.equals(r.maxRetryAfter) && defaultRateLimitDelay.equals(r.defaultRateLimitDelay)
                && initialBackoff.equals(r.initialBackoff) && maxBackoff.equals(r.maxBackoff)
                && maxElapsed.equals(r.maxElapsed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, maxRetryAfter, defaultRateLimitDelay, initialBackoff, maxBackoff, jitter,
                maxElapsed);
    }

    @Override
    public String toString() {
        return "RetrySettings{maxAttempts=" + maxAttempts + ", maxRetryAfter=" + maxRetryAfter
                + ", defaultRateLimitDelay=" + defaultRateLimitDelay + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", maxElapsed=" + maxElapsed + "}";
    }

    /** Builds {@link RetrySettings}. Not thread-safe; the settings it builds are. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration maxRetryAfter = Duration.ofMinutes(2);
        private Duration defaultRateLimitDelay = Duration.ofSeconds(30);
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private double jitter = 0.2;
        private Duration maxElapsed = Duration.ofMinutes(5);

        private Builder() {
        }

        private Builder(RetrySettings s) {
            maxAttempts = s.maxAttempts;
            maxRetryAfter = s.maxRetryAfter;
            defaultRateLimitDelay = s.defaultRateLimitDelay;
            initialBackoff = s.initialBackoff;
            maxBackoff = s.maxBackoff;
            jitter = s.jitter;
            maxElapsed = s.maxElapsed;
        }

        /**
         * Sets how many attempts a call makes at most, the first included.
         *
         * @param maxAttempts 1 (no retry) to 20
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 20, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Sets the longest {@code Retry-After} the SDK waits for; a longer one fails the call at once.
         *
         * @param maxRetryAfter zero or more
         * @return this builder
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = nonNegative("maxRetryAfter", maxRetryAfter);
            return this;
        }

        /**
         * Sets the wait after a 429 without {@code Retry-After}.
         *
         * @param delay zero or more
         * @return this builder
         */
        public Builder defaultRateLimitDelay(Duration delay) {
            this.defaultRateLimitDelay = nonNegative("defaultRateLimitDelay", delay);
            return this;
        }

        /**
         * Sets the first backoff delay for network failures and 502/503/504 on idempotent reads.
         *
         * @param delay zero or more
         * @return this builder
         */
        public Builder initialBackoff(Duration delay) {
            this.initialBackoff = nonNegative("initialBackoff", delay);
            return this;
        }

        /**
         * Sets the largest backoff delay.
         *
         * @param delay zero or more
         * @return this builder
         */
        public Builder maxBackoff(Duration delay) {
            this.maxBackoff = nonNegative("maxBackoff", delay);
            return this;
        }

        /**
         * Sets the upward jitter fraction.
         *
         * @param jitter 0 (none) to 1 (up to double the delay)
         * @return this builder
         */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /**
         * Sets the retry budget: no retry starts later than this after the call began.
         *
         * @param maxElapsed zero or more
         * @return this builder
         */
        public Builder maxElapsed(Duration maxElapsed) {
            this.maxElapsed = nonNegative("maxElapsed", maxElapsed);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return immutable settings
         */
        public RetrySettings build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than"
                        + " initialBackoff (" + initialBackoff + ")");
            }
            return new RetrySettings(this);
        }

        private static Duration nonNegative(String name, Duration d) {
            Objects.requireNonNull(d, () -> name + " must not be null");
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
