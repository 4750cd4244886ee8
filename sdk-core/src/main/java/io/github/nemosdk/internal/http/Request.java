package io.github.nemosdk.internal.http;

import io.github.nemosdk.SessionReplacement;
import io.github.nemosdk.errors.NemoApiException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One API request, described so that every attempt can be built afresh: layers derive a new request with a header
 * added, the session replaced or the attempt counted; nothing is changed in place. Immutable.
 */
public final class Request {
    /** How the request proves who is calling. */
    public enum Auth {
        /** A bearer token, added by the auth layer. */
        BEARER,
        /** No token: the client id ({@code X-Client-Id}), added by the client-id layer, as when acquiring one. */
        CLIENT_ID
    }

    private final String method;
    private final String name;
    private final Function<String, String> path;
    private final String sessionId;
    private final boolean sessionRecoverable;
    private final SessionReplacement replacement;
    private final RequestBody body;
    private final ResponseKind expects;
    private final RetrySafety safety;
    private final Auth auth;
    private final Duration headerTimeout;
    private final String timeoutSetting;
    private final UnaryOperator<NemoApiException> refusals;
    private final String[] headers;
    private final int attempt;

    private Request(Builder b, String sessionId, SessionReplacement replacement, String[] headers, int attempt) {
        this.method = b.method;
        this.name = b.name;
        this.path = b.path;
        this.sessionRecoverable = b.sessionRecoverable;
        this.body = b.body;
        this.expects = b.expects;
        this.safety = b.safety;
        this.auth = b.auth;
        this.headerTimeout = b.headerTimeout;
        this.timeoutSetting = b.timeoutSetting;
        this.refusals = b.refusals;
        this.sessionId = sessionId;
        this.replacement = replacement;
        this.headers = headers;
        this.attempt = attempt;
    }

    private Request(Request from, String sessionId, SessionReplacement replacement, String[] headers, int attempt) {
        this.method = from.method;
        this.name = from.name;
        this.path = from.path;
        this.sessionRecoverable = from.sessionRecoverable;
        this.body = from.body;
        this.expects = from.expects;
        this.safety = from.safety;
        this.auth = from.auth;
        this.headerTimeout = from.headerTimeout;
        this.timeoutSetting = from.timeoutSetting;
        this.refusals = from.refusals;
        this.sessionId = sessionId;
        this.replacement = replacement;
        this.headers = headers;
        this.attempt = attempt;
    }

    /**
     * Starts a GET: idempotent, with a bearer token.
     *
     * @param name a short name for logs and messages, e.g. {@code credits}
     * @param path the path under the base URL
     * @return a builder
     */
    public static Builder get(String name, String path) {
        return new Builder("GET", name, s -> path).safety(RetrySafety.IDEMPOTENT);
    }

    /**
     * Starts a POST: not idempotent, with a bearer token.
     *
     * @param name a short name for logs and messages
     * @param path the path under the base URL
     * @return a builder
     */
    public static Builder post(String name, String path) {
        return new Builder("POST", name, s -> path);
    }

    /**
     * The HTTP method.
     *
     * @return the HTTP method
     */
    public String method() {
        return method;
    }

    /**
     * The short name for logs and messages.
     *
     * @return the short name for logs and messages
     */
    public String name() {
        return name;
    }

    /**
     * The path under the base URL, for the session in force.
     *
     * @return the path under the base URL, for the session in force
     */
    public String path() {
        return path.apply(sessionId);
    }

    /**
     * The session the request is about (after any replacement), or null.
     *
     * @return the session the request is about (after any replacement), or null
     */
    public String sessionId() {
        return sessionId;
    }

    /**
     * Whether the request makes sense on a fresh session after a replacement.
     *
     * @return whether the request makes sense on a fresh session after a replacement
     */
    public boolean isSessionRecoverable() {
        return sessionRecoverable;
    }

    /**
     * The replacement made for this request, or null.
     *
     * @return the replacement made for this request, or null
     */
    public SessionReplacement replacement() {
        return replacement;
    }

    /**
     * The body.
     *
     * @return the body
     */
    public RequestBody body() {
        return body;
    }

    /**
     * What the request expects back.
     *
     * @return what the request expects back
     */
    public ResponseKind expects() {
        return expects;
    }

    /**
     * What is safe to repeat.
     *
     * @return what is safe to repeat
     */
    public RetrySafety safety() {
        return safety;
    }

    /**
     * How the request proves who is calling.
     *
     * @return how the request proves who is calling
     */
    public Auth auth() {
        return auth;
    }

    /**
     * The time allowed for the response headers, or null for the client's request timeout.
     *
     * @return the time allowed for the response headers, or null for the client's request timeout
     */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /**
     * The setting a timeout message names.
     *
     * @return the setting a timeout message names
     */
    public String timeoutSetting() {
        return timeoutSetting;
    }

    /**
     * The 1-based attempt number, for logs.
     *
     * @return the 1-based attempt number, for logs
     */
    public int attempt() {
        return attempt;
    }

    /**
     * The headers layers added, as name/value pairs.
     *
     * @return a copy: {@code [name0, value0, name1, value1, ...]}
     */
    public String[] headers() {
        return headers.clone();
    }

    /**
     * Rewrites an error the server answered, with what the feature knows about its own endpoint's refusals.
     *
     * @param e the decoded error
     * @return the error to throw
     */
    public NemoApiException refusal(NemoApiException e) {
        return refusals.apply(e);
    }

    /**
     * This request with a header added.
     *
     * @param name  the header name
     * @param value its value
     * @return a new request
     */
    public Request withHeader(String name, String value) {
        String[] h = Arrays.copyOf(headers, headers.length + 2);
        h[headers.length] = Objects.requireNonNull(name, "name");
        h[headers.length + 1] = Objects.requireNonNull(value, "value");
        return new Request(this, sessionId, replacement, h, attempt);
    }

    /**
     * This request on another session.
     *
     * @param id          the session id to use
     * @param replacement the replacement that produced it, or null for a plain resolution
     * @return a new request
     */
    public Request onSession(String id, SessionReplacement replacement) {
        return new Request(this, id, replacement != null ? replacement : this.replacement, headers, attempt);
    }

    /**
     * This request as a given attempt.
     *
     * @param attempt the 1-based attempt number
     * @return a new request
     */
    public Request asAttempt(int attempt) {
        return attempt == this.attempt ? this : new Request(this, sessionId, replacement, headers, attempt);
    }

    @Override
    public String toString() {
        return method + " " + name;
    }

    /** Builds a {@link Request}; a builder is used once. */
    public static final class Builder {
        private final String method;
        private final String name;
        private Function<String, String> path;
        private String sessionId;
        private boolean sessionRecoverable;
        private RequestBody body = RequestBody.NONE;
        private ResponseKind expects = ResponseKind.JSON;
        private RetrySafety safety = RetrySafety.NOT_IDEMPOTENT;
        private Auth auth = Auth.BEARER;
        private Duration headerTimeout;
        private String timeoutSetting = "requestTimeout(...)";
        private UnaryOperator<NemoApiException> refusals = e -> e;

        private Builder(String method, String name, Function<String, String> path) {
            this.method = method;
            this.name = name;
            this.path = path;
        }

        /**
         * Binds the request to a session: the path is computed from the session id in force for each attempt.
         *
         * @param sessionId   the session
         * @param pathFn      the path for a session id
         * @param recoverable whether the request makes sense on a fresh session after a replacement
         * @return this builder
         */
        public Builder session(String sessionId, Function<String, String> pathFn, boolean recoverable) {
            this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
            this.path = pathFn;
            this.sessionRecoverable = recoverable;
            return this;
        }

        /**
         * Sets the body.
         *
         * @param body the body
         * @return this builder
         */
        public Builder body(RequestBody body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /**
         * Sets what the request expects back.
         *
         * @param kind the response kind
         * @return this builder
         */
        public Builder expects(ResponseKind kind) {
            this.expects = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /**
         * Sets what is safe to repeat.
         *
         * @param safety the retry safety
         * @return this builder
         */
        public Builder safety(RetrySafety safety) {
            this.safety = Objects.requireNonNull(safety, "safety");
            return this;
        }

        /**
         * Marks the request as the anonymous token acquisition: no token, with the client id.
         *
         * @return this builder
         */
        public Builder withClientId() {
            this.auth = Auth.CLIENT_ID;
            return this;
        }

        /**
         * Sets the time allowed for the response headers, and the setting a timeout message names.
         *
         * @param timeout the timeout
         * @param setting e.g. {@code ChatSettings.idleTimeout}
         * @return this builder
         */
        public Builder headerTimeout(Duration timeout, String setting) {
            this.headerTimeout = Objects.requireNonNull(timeout, "timeout");
            this.timeoutSetting = Objects.requireNonNull(setting, "setting");
            return this;
        }

        /**
         * Rewrites errors the server answered before any layer judges them: the place for what a feature knows about
         * its own endpoint's refusals (an exception of another type is then handled as that type).
         *
         * @param refusals given the decoded error, returns the one to throw
         * @return this builder
         */
        public Builder refusals(UnaryOperator<NemoApiException> refusals) {
            this.refusals = Objects.requireNonNull(refusals, "refusals");
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public Request build() {
            return new Request(this, sessionId, null, new String[0], 1);
        }
    }
}
