package io.github.nemosdk.testkit;

import io.github.nemosdk.testkit.internal.EmulatorConfig;
import io.github.nemosdk.testkit.internal.EmulatorServer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A stateful, in-process emulator of the Nemo video API, served over HTTP on 127.0.0.1.
 *
 * <p>It implements anonymous tokens ({@code POST /api/auth/anonymous-token}), session creation
 * ({@code POST /api/tasks/me/with-session/nemo_agent}), credits
 * ({@code GET /api/credits/balance/simple}) and session state
 * ({@code GET /api/state/nemo_agent/me/<sid>/latest}) with the real service's envelopes and error
 * codes; every response carries {@code X-Request-Id}. Point the code under test at
 * {@link #baseUrl()}:
 *
 * <pre>{@code
 * try (NemoEmulator emu = NemoEmulator.start()) {
 *     emu.inject(Endpoint.CREDITS, Fault.rateLimited(Duration.ofSeconds(2)), 1);
 *     // ... run the client against emu.baseUrl() ...
 *     assertThat(emu.requestCount(Endpoint.CREDITS)).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>All methods are thread-safe. The server runs on daemon threads named {@code nemo-emulator-*},
 * which {@link #close()} stops. Inspection methods ({@link #requests()}, {@link #draft} ...) keep
 * working after {@code close()}.
 */
public final class NemoEmulator implements AutoCloseable {

    private final EmulatorServer server;
    private final URI baseUrl;

    private NemoEmulator(EmulatorServer server) {
        this.server = server;
        this.baseUrl = URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * Starts an emulator with default settings on a free loopback port.
     *
     * @return the running emulator
     * @throws UncheckedIOException if the server cannot be started
     */
    public static NemoEmulator start() {
        return builder().start();
    }

    /**
     * A builder for an emulator with non-default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base URL to configure clients with, {@code http://127.0.0.1:<port>} (no trailing slash).
     *
     * @return the base URL
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Makes the next {@code times} requests to {@code endpoint} fail with {@code fault}; later
     * requests are served normally again. Faults apply before authentication and are counted and
     * recorded like other requests. Faults injected for the same endpoint queue up: each takes
     * effect once the earlier ones are used up.
     *
     * @param endpoint the endpoint to disturb
     * @param fault    the failure to answer with
     * @param times    how many requests fail, at least 1
     * @throws IllegalArgumentException if {@code times} is less than 1
     */
    public void inject(Endpoint endpoint, Fault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        server.faults().inject(endpoint, fault.spec(), times);
    }

    /** Drops every pending fault on every endpoint. */
    public void clearFaults() {
        server.faults().clear();
    }

    /**
     * How many requests {@code endpoint} has received, faulted ones included.
     *
     * @param endpoint the endpoint
     * @return the count since start
     */
    public int requestCount(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return server.log().count(endpoint);
    }

    /**
     * Every request received since start, including faulted and unroutable ones, in arrival order.
     *
     * @return an unmodifiable snapshot
     */
    public List<RecordedRequest> requests() {
        return server.log().snapshot();
    }

    /**
     * How many anonymous tokens the emulator has handed out since start.
     *
     * @return the count
     */
    public int tokensIssued() {
        return server.state().tokensIssued();
    }

    /**
     * Invalidates every token issued so far: later calls with them get HTTP 401, code 1001.
     * Tokens issued afterwards are valid.
     */
    public void expireAllTokens() {
        server.state().expireAllTokens();
    }

    /**
     * Invalidates one token: later calls with it get HTTP 401, code 1001.
     *
     * @param token a token this emulator issued
     * @throws IllegalArgumentException if this emulator did not issue {@code token}
     */
    public void revokeToken(String token) {
        server.state().revokeToken(token);
    }

    /**
     * Deletes a session: later calls on it get code 1002 (session not found).
     *
     * @param sessionId the session's id
     * @throws IllegalArgumentException if there is no such session or it was already deleted
     */
    public void deleteSession(String sessionId) {
        server.state().deleteSession(sessionId);
    }

    /**
     * Replaces a session's {@code state.draft}. The JSON is stored as a tree and served back
     * unchanged apart from whitespace: unknown keys, key order and number precision are kept.
     *
     * @param sessionId the session's id
     * @param draftJson the new draft, usually an object such as {@code {"t":[...]}}
     * @throws IllegalArgumentException if there is no such session or {@code draftJson} is not JSON
     */
    public void setDraft(String sessionId, String draftJson) {
        server.state().setDraft(sessionId, draftJson);
    }

    /**
     * A session's current draft as compact JSON; a new session's draft is {@code {"t":[]}}.
     *
     * @param sessionId the session's id
     * @return the draft
     * @throws IllegalArgumentException if there is no such session
     */
    public String draft(String sessionId) {
        return server.state().draft(sessionId);
    }

    /**
     * Sets the credit balance of the user who owns {@code token} (valid or not). The user's other
     * tokens, and later anonymous tokens for the same client id, see the same balance.
     *
     * @param token     a token this emulator issued
     * @param available credits available, not negative
     * @param frozen    credits reserved by running work, not negative
     * @throws IllegalArgumentException if the token is unknown or a value is negative
     */
    public void setCredits(String token, int available, int frozen) {
        server.state().setCredits(token, available, frozen);
    }

    /**
     * Stops the server, cutting open connections, and its threads. Idempotent. Recorded requests
     * and state stay readable.
     */
    @Override
    public void close() {
        server.close();
    }

    /** The base URL, for diagnostics. */
    @Override
    public String toString() {
        return "NemoEmulator[" + baseUrl + "]";
    }

    /**
     * Settings for a {@link NemoEmulator}. Defaults: a free port, the system UTC clock, tokens
     * valid for 7 days, 100 initial credits, 10 anonymous tokens per client id.
     */
    public static final class Builder {

        private int port;
        private Clock clock = Clock.systemUTC();
        private Duration tokenTtl = Duration.ofDays(7);
        private int initialCredits = 100;
        private int tokenLimitPerClient = 10;

        private Builder() {
        }

        /**
         * The TCP port to listen on (on 127.0.0.1).
         *
         * @param port 1..65535, or 0 (the default) for a free port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The clock used to stamp and check token expiry; inject a controllable clock to test
         * expiry without waiting.
         *
         * @param clock the time source
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long anonymous tokens stay valid after issue.
         *
         * @param tokenTtl a positive duration
         * @return this builder
         */
        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = Objects.requireNonNull(tokenTtl, "tokenTtl");
            return this;
        }

        /**
         * Available credits of each new anonymous user.
         *
         * @param initialCredits not negative
         * @return this builder
         */
        public Builder initialCredits(int initialCredits) {
            this.initialCredits = initialCredits;
            return this;
        }

        /**
         * How many anonymous tokens one client id may obtain over the emulator's life; beyond it
         * the endpoint answers HTTP 429 with {@code Retry-After: 3600}.
         *
         * @param tokenLimitPerClient not negative
         * @return this builder
         */
        public Builder tokenLimitPerClient(int tokenLimitPerClient) {
            this.tokenLimitPerClient = tokenLimitPerClient;
            return this;
        }

        /**
         * Starts an emulator with these settings.
         *
         * @return the running emulator
         * @throws IllegalArgumentException if a setting is out of range
         * @throws UncheckedIOException     if the port cannot be bound
         */
        public NemoEmulator start() {
            EmulatorConfig config = new EmulatorConfig(port, clock, tokenTtl, initialCredits, tokenLimitPerClient);
            return new NemoEmulator(EmulatorServer.start(config));
        }
    }
}
