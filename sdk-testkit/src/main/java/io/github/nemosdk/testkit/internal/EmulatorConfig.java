package io.github.nemosdk.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Validated, immutable settings of one emulator. */
public final class EmulatorConfig {

    private final int port;
    private final Clock clock;
    private final Duration tokenTtl;
    private final int initialCredits;
    private final int tokenLimitPerClient;

    /**
     * Creates a configuration.
     *
     * @param port                TCP port on 127.0.0.1, {@code 0} for a free one
     * @param clock               time source for token issue and expiry
     * @param tokenTtl            lifetime of anonymous tokens, positive
     * @param initialCredits      available credits of a new anonymous user, not negative
     * @param tokenLimitPerClient anonymous tokens one client id may obtain, not negative
     * @throws IllegalArgumentException if a value is out of range
     */
    public EmulatorConfig(int port, Clock clock, Duration tokenTtl, int initialCredits, int tokenLimitPerClient) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("tokenTtl must be positive: " + tokenTtl);
        }
        if (initialCredits < 0) {
            throw new IllegalArgumentException("initialCredits must not be negative: " + initialCredits);
        }
        if (tokenLimitPerClient < 0) {
            throw new IllegalArgumentException("tokenLimitPerClient must not be negative: " + tokenLimitPerClient);
        }
        this.port = port;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.initialCredits = initialCredits;
        this.tokenLimitPerClient = tokenLimitPerClient;
    }

    /**
     * The requested port, {@code 0} for any free one.
     *
     * @return the requested port, {@code 0} for any free one
     */
    public int port() {
        return port;
    }

    /**
     * The time source.
     *
     * @return the time source
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Lifetime of anonymous tokens.
     *
     * @return lifetime of anonymous tokens
     */
    public Duration tokenTtl() {
        return tokenTtl;
    }

    /**
     * Credits of a new anonymous user.
     *
     * @return credits of a new anonymous user
     */
    public int initialCredits() {
        return initialCredits;
    }

    /**
     * Tokens one client id may obtain over the emulator's life.
     *
     * @return tokens one client id may obtain over the emulator's life
     */
    public int tokenLimitPerClient() {
        return tokenLimitPerClient;
    }
}
