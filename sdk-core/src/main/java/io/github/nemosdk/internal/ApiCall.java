package io.github.nemosdk.internal;

import io.github.nemosdk.SessionReplacement;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One API operation, described so that the transport can build a fresh request for every attempt: the path may
 * depend on the (possibly replaced) session id and headers may be recomputed (token, client id).
 *
 * @param <T> the operation's result
 */
public final class ApiCall<T> {
    /** Maps a decoded response to the operation's result. */
    @FunctionalInterface
    public interface Mapper<T> {
        /**
         * Maps the response.
         *
         * @param response    the decoded response
         * @param sessionId   the session the call ran on (after any replacement), or null
         * @param replacement the replacement made during the call, or null
         * @return the result
         */
        T map(ResponseDecoder.Decoded response, String sessionId, SessionReplacement replacement);
    }

    final String method;
    final String name;
    final Function<String, String> path;
    final String sessionId;
    final byte[] body;
    final boolean authenticated;
    final boolean idempotent;
    final boolean sessionRecoverable;
    final boolean tokenCall;
    final Supplier<String> clientId;
    final Mapper<T> mapper;
    final boolean streaming;
    final java.time.Duration headerTimeout;
    final Supplier<java.net.http.HttpRequest.BodyPublisher> publisher;
    final String contentType;
    final boolean replayable;
    final boolean publisherBody;
    final java.util.function.Predicate<String> streamTypes;
    final String timeoutSetting;
    final java.util.function.IntPredicate transientStatuses;
    final java.util.function.UnaryOperator<io.github.nemosdk.errors.NemoApiException> errorMapper;

    private ApiCall(Builder<T> b) {
        this.method = b.method;
        this.name = b.name;
        this.path = b.path;
        this.sessionId = b.sessionId;
        this.body = b.body;
        this.authenticated = b.authenticated;
        this.idempotent = b.idempotent;
        this.sessionRecoverable = b.sessionRecoverable;
        this.tokenCall = b.tokenCall;
        this.clientId = b.clientId;
        this.mapper = Objects.requireNonNull(b.mapper, "mapper");
        this.streaming = b.streaming;
        this.headerTimeout = b.headerTimeout;
        this.publisher = b.publisher;
        this.contentType = b.contentType;
        this.replayable = b.replayable;
        this.publisherBody = b.publisherBody;
        this.streamTypes = b.streamTypes;
        this.timeoutSetting = b.timeoutSetting;
        this.transientStatuses = b.transientStatuses;
        this.errorMapper = b.errorMapper;
    }

    /**
     * Whether a content type is an event stream (or absent, as some proxies send it).
     *
     * @param contentType the lower-case header value, empty when absent
     * @return true for {@code text/event-stream} or no type
     */
    public static boolean isEventStreamType(String contentType) {
        return contentType.isEmpty() || contentType.startsWith("text/event-stream");
    }

    /**
     * Whether a content type can be a media file: binary types, or none; not text, HTML or JSON.
     *
     * @param contentType the lower-case header value, empty when absent
     * @return true for e.g. {@code video/mp4} or {@code application/octet-stream}
     */
    public static boolean isMediaType(String contentType) {
        return contentType.isEmpty() || !(contentType.startsWith("text/") || contentType.contains("json")
                || contentType.contains("html") || contentType.contains("xml"));
    }

    /**
     * Starts a GET (idempotent, authenticated).
     *
     * @param name a short name for logs, e.g. {@code credits}
     * @param path the path under the base URL
     * @return a builder
     */
    public static Builder<Object> get(String name, String path) {
        return new Builder<>("GET", name, s -> path).idempotent(true);
    }

    /**
     * Starts a POST (not idempotent, authenticated).
     *
     * @param name a short name for logs
     * @param path the path under the base URL
     * @return a builder
     */
    public static Builder<Object> post(String name, String path) {
        return new Builder<>("POST", name, s -> path);
    }

    /**
     * Builds {@link ApiCall}s.
     *
     * @param <T> the result type
     */
    public static final class Builder<T> {
        private final String method;
        private final String name;
        private Function<String, String> path;
        private String sessionId;
        private byte[] body;
        private boolean authenticated = true;
        private boolean idempotent;
        private boolean sessionRecoverable;
        private boolean tokenCall;
        private Supplier<String> clientId;
        private Mapper<T> mapper;
        private boolean streaming;
        private java.time.Duration headerTimeout;
        private Supplier<java.net.http.HttpRequest.BodyPublisher> publisher;
        private String contentType;
        private boolean replayable = true;
        private boolean publisherBody;
        private java.util.function.Predicate<String> streamTypes = ApiCall::isEventStreamType;
        private String timeoutSetting = "requestTimeout(...)";
        private java.util.function.IntPredicate transientStatuses = s -> s == 502 || s == 503 || s == 504;
        private java.util.function.UnaryOperator<io.github.nemosdk.errors.NemoApiException> errorMapper = e -> e;

        private Builder(String method, String name, Function<String, String> path) {
            this.method = method;
            this.name = name;
            this.path = path;
        }

        /**
         * Binds the call to a session: the path is computed from the session id in force for each attempt.
         *
         * @param sessionId   the session
         * @param pathFn      the path for a session id
         * @param recoverable whether the call makes sense on a fresh session after a replacement
         * @return this builder
         */
        public Builder<T> session(String sessionId, Function<String, String> pathFn, boolean recoverable) {
            this.sessionId = sessionId;
            this.path = pathFn;
            this.sessionRecoverable = recoverable;
            return this;
        }

        /**
         * Sets a JSON body.
         *
         * @param json the body bytes (UTF-8 JSON)
         * @return this builder
         */
        public Builder<T> jsonBody(byte[] json) {
            this.body = json;
            return this;
        }

        /**
         * Like {@link #streaming(java.time.Duration)}, handing the body over as a non-blocking
         * {@code Flow.Publisher<List<ByteBuffer>>} ({@link ResponseDecoder.Decoded#publisher()}) instead of an
         * {@code InputStream}.
         *
         * @param headerTimeout the time allowed for the response headers
         * @return this builder
         */
        public Builder<T> streamingPublisher(java.time.Duration headerTimeout) {
            this.publisherBody = true;
            return streaming(headerTimeout);
        }

        /**
         * Sets which {@code Content-Type}s (lower case, possibly empty) a successful streaming response may have to
         * be handed over; any other is read and decoded like a normal response. Default: an event stream, or no
         * content type at all.
         *
         * @param types the accepted types
         * @return this builder
         */
        public Builder<T> streamTypes(java.util.function.Predicate<String> types) {
            this.streamTypes = types;
            return this;
        }

        /**
         * Names the setting that controls this call's header timeout, for the timeout message.
         *
         * @param setting e.g. {@code ChatSettings.idleTimeout}
         * @return this builder
         */
        public Builder<T> timeoutSetting(String setting) {
            this.timeoutSetting = setting;
            return this;
        }

        /**
         * Sets a streamed body.
         *
         * @param publisher   makes the body publisher for each attempt
         * @param contentType the {@code Content-Type}
         * @param replayable  whether the body can be sent again (false for a one-shot stream: no retry at all)
         * @return this builder
         */
        public Builder<T> body(Supplier<java.net.http.HttpRequest.BodyPublisher> publisher, String contentType,
                boolean replayable) {
            this.publisher = publisher;
            this.contentType = contentType;
            this.replayable = replayable;
            return this;
        }

        /**
         * Sets the time allowed for the response headers (for calls whose body takes long to send).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder<T> headerTimeout(java.time.Duration timeout) {
            this.headerTimeout = timeout;
            return this;
        }

        /**
         * Marks the call as safe to repeat.
         *
         * @param idempotent true for reads
         * @return this builder
         */
        public Builder<T> idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /**
         * Marks the call as the anonymous token acquisition: unauthenticated, with {@code X-Client-Id}.
         *
         * @param clientId supplies the client id for each attempt
         * @return this builder
         */
        public Builder<T> tokenAcquisition(Supplier<String> clientId) {
            this.tokenCall = true;
            this.authenticated = false;
            this.clientId = clientId;
            return this;
        }

        /**
         * Marks the call as an event stream: a successful {@code text/event-stream} response is handed over open,
         * as {@link ResponseDecoder.Decoded#stream()}, instead of being read. Only failures before the stream
         * begins are retried.
         *
         * @param headerTimeout the time allowed for the response headers
         * @return this builder
         */
        public Builder<T> streaming(java.time.Duration headerTimeout) {
            this.streaming = true;
            this.headerTimeout = headerTimeout;
            return this;
        }

        /**
         * The HTTP statuses that count as a failure in transit for an idempotent call, retried with backoff like a
         * broken connection. Default 502, 503 and 504.
         *
         * @param statuses true for a status worth retrying
         * @return this builder
         */
        public Builder<T> transientStatuses(java.util.function.IntPredicate statuses) {
            this.transientStatuses = statuses;
            return this;
        }

        /**
         * Rewrites an error the server answered before the recovery policies judge it: the place for what a
         * feature knows about its own endpoint's refusals (an exception of another type is then handled as that
         * type, e.g. not renewed as an expired token).
         *
         * @param mapper given the decoded error, returns the one to throw
         * @return this builder
         */
        public Builder<T> mapError(java.util.function.UnaryOperator<io.github.nemosdk.errors.NemoApiException> mapper) {
            this.errorMapper = mapper;
            return this;
        }

        /**
         * Sets the result mapper and builds.
         *
         * @param <R>    the result type
         * @param mapper maps the decoded response
         * @return the call
         */
        @SuppressWarnings("unchecked")
        public <R> ApiCall<R> map(Mapper<R> mapper) {
            Builder<R> self = (Builder<R>) (Builder<?>) this;
            self.mapper = mapper;
            return new ApiCall<>(self);
        }
    }
}
