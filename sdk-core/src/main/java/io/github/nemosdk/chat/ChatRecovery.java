package io.github.nemosdk.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * How the SDK finds out what happened after a chat stream broke, without re-sending the message: wait
 * {@link #initialWait()} and read the state; if the timeline changed, report the change; otherwise read it again
 * every {@link #pollInterval()}, up to {@link #maxRereads()} times, then fail with
 * {@link io.github.nemosdk.errors.ChatRecoveryFailedException}. Also how a silent turn is confirmed: the state is
 * read right after the turn and, while unchanged, again up to {@link #silentRechecks()} times,
 * {@link #silentRecheckInterval()} apart. Immutable.
 */
public final class ChatRecovery {
    private static final ChatRecovery DEFAULTS = builder().build();

    private final Duration initialWait;
    private final Duration pollInterval;
    private final int maxRereads;
    private final int silentRechecks;
    private final Duration silentRecheckInterval;

    private ChatRecovery(Builder b) {
        this.initialWait = b.initialWait;
        this.pollInterval = b.pollInterval;
        this.maxRereads = b.maxRereads;
        this.silentRechecks = b.silentRechecks;
        this.silentRecheckInterval = b.silentRecheckInterval;
    }

    /**
     * The documented behaviour: 30 s, then every 60 s up to 5 more reads; silent turns re-checked 3 times, 2 s
     * apart.
     *
     * @return the defaults
     */
    public static ChatRecovery defaults() {
        return DEFAULTS;
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
     * The wait before the first read after a broken stream.
     *
     * @return the wait
     */
    public Duration initialWait() {
        return initialWait;
    }

    /**
     * The wait between later reads.
     *
     * @return the interval
     */
    public Duration pollInterval() {
        return pollInterval;
    }

    /**
     * How many times the state is read again after the first unchanged read.
     *
     * @return the number of re-reads
     */
    public int maxRereads() {
        return maxRereads;
    }

    /**
     * How many more times the state of a silent turn is read while it shows no change.
     *
     * @return the number of re-checks
     */
    public int silentRechecks() {
        return silentRechecks;
    }

    /**
     * The wait between re-checks of a silent turn.
     *
     * @return the interval
     */
    public Duration silentRecheckInterval() {
        return silentRecheckInterval;
    }

    @Override
    public String toString() {
        return "ChatRecovery{initialWait=" + initialWait + ", pollInterval=" + pollInterval + ", maxRereads="
                + maxRereads + ", silentRechecks=" + silentRechecks + ", silentRecheckInterval="
                + silentRecheckInterval + "}";
    }

    /** Builds {@link ChatRecovery}. */
    public static final class Builder {
        private Duration initialWait = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofSeconds(60);
        private int maxRereads = 5;
        private int silentRechecks = 3;
        private Duration silentRecheckInterval = Duration.ofSeconds(2);

        private Builder() {
        }

        /**
         * Sets the wait before the first read.
         *
         * @param d zero or more
         * @return this builder
         */
        public Builder initialWait(Duration d) {
            this.initialWait = nonNegative("initialWait", d);
            return this;
        }

        /**
         * Sets the wait between later reads.
         *
         * @param d zero or more
         * @return this builder
         */
        public Builder pollInterval(Duration d) {
            this.pollInterval = nonNegative("pollInterval", d);
            return this;
        }

        /**
         * Sets how many times the state is read again.
         *
         * @param n 0 to 100
         * @return this builder
         */
        public Builder maxRereads(int n) {
            this.maxRereads = range("maxRereads", n);
            return this;
        }

        /**
         * Sets how many times a silent turn's state is re-checked.
         *
         * @param n 0 to 100
         * @return this builder
         */
        public Builder silentRechecks(int n) {
            this.silentRechecks = range("silentRechecks", n);
            return this;
        }

        /**
         * Sets the wait between re-checks of a silent turn.
         *
         * @param d zero or more
         * @return this builder
         */
        public Builder silentRecheckInterval(Duration d) {
            this.silentRecheckInterval = nonNegative("silentRecheckInterval", d);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public ChatRecovery build() {
            return new ChatRecovery(this);
        }

        private static int range(String name, int n) {
            if (n < 0 || n > 100) {
                throw new IllegalArgumentException(name + " must be between 0 and 100, got " + n);
            }
            return n;
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
