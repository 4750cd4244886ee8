package io.github.nemosdk.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * Deadlines and limits of chat turns. A turn may run 15 minutes; the SDK closes a stream that runs past
 * {@link #turnTimeout()}, that carries only heartbeats for {@link #heartbeatOnlyTimeout()}, or that delivers no
 * byte at all for {@link #idleTimeout()}. Immutable; set on the client with
 * {@code NemoClient.builder().chatSettings(...)}.
 */
public final class ChatSettings {
    private static final ChatSettings DEFAULTS = builder().build();

    private final Duration turnTimeout;
    private final Duration heartbeatOnlyTimeout;
    private final Duration idleTimeout;
    private final Duration stillWorkingInterval;
    private final int maxLineBytes;
    private final int maxEventBytes;
    private final ChatRecovery recovery;
    private final boolean partialEvents;

    private ChatSettings(Builder b) {
        this.turnTimeout = b.turnTimeout;
        this.heartbeatOnlyTimeout = b.heartbeatOnlyTimeout;
        this.idleTimeout = b.idleTimeout;
        this.stillWorkingInterval = b.stillWorkingInterval;
        this.maxLineBytes = b.maxLineBytes;
        this.maxEventBytes = b.maxEventBytes;
        this.recovery = b.recovery;
        this.partialEvents = b.partialEvents;
    }

    /**
     * The defaults: 15 min per turn, 10 min of heartbeats only, 5 min without a byte, "still working" every
     * 2 min, lines up to 1 MiB and events up to 8 MiB, {@link ChatRecovery#defaults()}, complete messages only (no
     * partial events).
     *
     * @return the defaults
     */
    public static ChatSettings defaults() {
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
     * A builder starting from these settings.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The longest a turn may take, from sending the message to the end of the stream.
     *
     * @return the deadline
     */
    public Duration turnTimeout() {
        return turnTimeout;
    }

    /**
     * How long only heartbeats may arrive before the turn counts as timed out.
     *
     * @return the deadline
     */
    public Duration heartbeatOnlyTimeout() {
        return heartbeatOnlyTimeout;
    }

    /**
     * How long the stream may deliver nothing at all (also the wait for the response headers).
     *
     * @return the idle deadline
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * After each stretch this long with only heartbeats, the stream adds a {@link ChatEvent.StillWorking}.
     *
     * @return the interval
     */
    public Duration stillWorkingInterval() {
        return stillWorkingInterval;
    }

    /**
     * The longest line of the event stream accepted.
     *
     * @return bytes
     */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /**
     * The largest event payload accepted.
     *
     * @return bytes
     */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /**
     * How {@code send} finds out what happened after a broken stream, and confirms silent edits.
     *
     * @return the recovery settings
     */
    public ChatRecovery recovery() {
        return recovery;
    }

    /**
     * Whether the SDK asks the server for partial events ({@code "streaming": true} in the request), so text arrives
     * token by token as {@link ChatEvent.Text#isPartial() partial} chunks before the complete message. Off by
     * default: every message then arrives whole, once.
     *
     * @return true when partial events are requested
     */
    public boolean partialEvents() {
        return partialEvents;
    }

    @Override
    public String toString() {
        return "ChatSettings{turnTimeout=" + turnTimeout + ", heartbeatOnlyTimeout=" + heartbeatOnlyTimeout
                + ", idleTimeout=" + idleTimeout + ", stillWorkingInterval=" + stillWorkingInterval
                + ", maxLineBytes=" + maxLineBytes + ", maxEventBytes=" + maxEventBytes + ", recovery=" + recovery
                + ", partialEvents=" + partialEvents + "}";
    }

    /** Builds {@link ChatSettings}. */
    public static final class Builder {
        private Duration turnTimeout = Duration.ofMinutes(15);
        private Duration heartbeatOnlyTimeout = Duration.ofMinutes(10);
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration stillWorkingInterval = Duration.ofMinutes(2);
        private int maxLineBytes = 1 << 20;
        private int maxEventBytes = 8 << 20;
        private ChatRecovery recovery = ChatRecovery.defaults();
        private boolean partialEvents;

        private Builder() {
        }

        private Builder(ChatSettings s) {
            turnTimeout = s.turnTimeout;
            heartbeatOnlyTimeout = s.heartbeatOnlyTimeout;
            idleTimeout = s.idleTimeout;
            stillWorkingInterval = s.stillWorkingInterval;
            maxLineBytes = s.maxLineBytes;
            maxEventBytes = s.maxEventBytes;
            recovery = s.recovery;
            partialEvents = s.partialEvents;
        }

        /**
         * Sets the longest a turn may take.
         *
         * @param d more than zero
         * @return this builder
         */
        public Builder turnTimeout(Duration d) {
            this.turnTimeout = positive("turnTimeout", d);
            return this;
        }

        /**
         * Sets how long only heartbeats may arrive.
         *
         * @param d more than zero
         * @return this builder
         */
        public Builder heartbeatOnlyTimeout(Duration d) {
            this.heartbeatOnlyTimeout = positive("heartbeatOnlyTimeout", d);
            return this;
        }

        /**
         * Sets how long the stream may deliver nothing at all.
         *
         * @param d more than zero
         * @return this builder
         */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive("idleTimeout", d);
            return this;
        }

        /**
         * Sets the interval of {@link ChatEvent.StillWorking} events.
         *
         * @param d more than zero
         * @return this builder
         */
        public Builder stillWorkingInterval(Duration d) {
            this.stillWorkingInterval = positive("stillWorkingInterval", d);
            return this;
        }

        /**
         * Sets the longest line accepted.
         *
         * @param bytes 1 KiB to 64 MiB
         * @return this builder
         */
        public Builder maxLineBytes(int bytes) {
            this.maxLineBytes = size("maxLineBytes", bytes);
            return this;
        }

        /**
         * Sets the largest event accepted.
         *
         * @param bytes 1 KiB to 64 MiB
         * @return this builder
         */
        public Builder maxEventBytes(int bytes) {
            this.maxEventBytes = size("maxEventBytes", bytes);
            return this;
        }

        /**
         * Sets the recovery behaviour.
         *
         * @param recovery the settings
         * @return this builder
         */
        public Builder recovery(ChatRecovery recovery) {
            this.recovery = Objects.requireNonNull(recovery, "recovery");
            return this;
        }

        /**
         * Asks the server for partial events ({@code "streaming": true}): text then arrives token by token, for UIs
         * that show it as it is written. Each message still ends with a complete (non-partial)
         * {@link ChatEvent.Text} holding only what was not streamed yet, so joining the texts of a turn gives every
         * message once; {@link ChatClient#send(String)} returns the same reply either way.
         *
         * @param partialEvents true to stream partial text; false (the default) for complete messages only
         * @return this builder
         */
        public Builder partialEvents(boolean partialEvents) {
            this.partialEvents = partialEvents;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public ChatSettings build() {
            return new ChatSettings(this);
        }

        private static int size(String name, int bytes) {
            if (bytes < 1024 || bytes > (64 << 20)) {
                throw new IllegalArgumentException(name + " must be between 1 KiB and 64 MiB, got " + bytes);
            }
            return bytes;
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
