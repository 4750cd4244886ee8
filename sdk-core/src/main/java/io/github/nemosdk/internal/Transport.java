package io.github.nemosdk.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.Policy;
import dev.failsafe.RetryPolicy;
import io.github.nemosdk.SessionRecovery;
import io.github.nemosdk.SessionReplacement;
import io.github.nemosdk.auth.TokenProvider;
import io.github.nemosdk.errors.ClientClosedException;
import io.github.nemosdk.errors.MissingClientIdException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoInterruptedException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.errors.TokenExpiredException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends {@link ApiCall}s over an {@link HttpExchange} (the layer below, which owns the HTTP client, the body
 * deadlines and the mapping of I/O failures): builds a fresh request for every attempt (so a refreshed token or a replaced session is
 * used), decodes the response, and recovers through Failsafe retry policies composed per call, outermost first:
 * <ol>
 *   <li>session: on 1002, under {@code RECREATE} and for calls that make sense on a fresh session, replace the
 *       session and retry once;</li>
 *   <li>rate limit: on 429, wait {@code Retry-After} (or the default 30 s) plus upward jitter, if that is within
 *       the cap and the retry budget;</li>
 *   <li>transient: connection failures, timeouts and 502/503/504 on idempotent calls, and connection failures
 *       before anything was sent on any call, with exponential backoff;</li>
 *   <li>client id: on 400 when acquiring a token, persist a new client id and retry once;</li>
 *   <li>auth: on 1001/1010/1011/401 with a refreshable token source, invalidate the rejected token and retry
 *       once.</li>
 * </ol>
 * Waits between attempts go through the configured {@code Sleeper}, never through Failsafe's own sleep, so tests
 * can run retries instantly. Rate-limit and transient retries share one attempt budget.
 */
public final class Transport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private final ClientConfig cfg;
    private final HttpExchange exchange;
    private final ResponseDecoder decoder;
    /** The tokens this client sent, masked in whatever the server sends back. */
    private final Secrets secrets = Secrets.create();
    private final String base;
    private final String userAgent = SdkInfo.userAgent();
    /** Open until {@link #close()}: the client's own waits end when it opens. */
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
    private volatile TokenProvider tokens;
    /** The last token that passed the format check (compared by reference). */
    private volatile String checkedToken;
    private volatile ClientIdStore clientIds;
    private volatile SessionReplacer replacer;
    private volatile Supplier<URI> registrationLink = () -> null;

    /**
     * Creates a transport.
     *
     * @param cfg      the client settings
     * @param http     the HTTP client
     * @param ownsHttp whether {@link #close()} should shut the HTTP client down
     */
    public Transport(ClientConfig cfg, HttpClient http, boolean ownsHttp) {
        this.cfg = cfg;
        this.exchange = new HttpExchange(cfg, http, ownsHttp, secrets);
        this.decoder = new ResponseDecoder(cfg.clock, secrets);
        this.base = cfg.baseUrl.toString().replaceAll("/+$", "");
    }

    /**
     * Wires the collaborators that themselves need the transport.
     *
     * @param tokens           the token source
     * @param clientIds        the client id store
     * @param replacer         the session replacer
     * @param registrationLink supplies the anonymous user's registration link, or null
     */
    public void wire(TokenProvider tokens, ClientIdStore clientIds, SessionReplacer replacer,
            Supplier<URI> registrationLink) {
        this.tokens = tokens;
        this.clientIds = clientIds;
        this.replacer = replacer;
        this.registrationLink = registrationLink;
    }

    /**
     * Waits with the configured sleeper; an interruption restores the flag and becomes a
     * {@link NemoInterruptedException}.
     *
     * @param d how long; zero returns at once
     */
    public void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            if (cfg.sleeper == null) {
                // the client's own wait: close() ends it at once
                if (closing.await(d.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new ClientClosedException("a wait between calls");
                }
            } else {
                cfg.sleeper.sleep(d);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NemoInterruptedException(e);
        }
        ensureOpen();
    }

    /**
     * What this client has under way, for {@link #close()} to end.
     *
     * @return the live exchanges
     */
    public LiveExchanges live() {
        return exchange.live();
    }

    /**
     * The client's watchdog scheduler (one daemon thread), for stream deadlines.
     *
     * @return the scheduler
     */
    public java.util.concurrent.ScheduledExecutorService scheduler() {
        return exchange.scheduler();
    }

    /**
     * The tokens this client has sent, to clean what the server sends back.
     *
     * @return the registry
     */
    public Secrets secrets() {
        return secrets;
    }

    /**
     * Where the anonymous user of the current token registers ({@code <web>/register?bind=<user id>}).
     *
     * @return the link, or null when the token is not anonymous or its user is not known
     */
    public URI registrationLink() {
        return registrationLink.get();
    }

    /**
     * The client settings.
     *
     * @return the settings
     */
    public ClientConfig config() {
        return cfg;
    }

    /**
     * The session id a caller's id currently maps to (after replacements).
     *
     * @param sessionId the id the caller named
     * @return the id in force
     */
    public String resolveSession(String sessionId) {
        return replacer == null ? sessionId : replacer.resolve(sessionId);
    }

    /**
     * Runs a call with recovery.
     *
     * @param <T>  the result type
     * @param call the call
     * @return the result
     * @throws NemoException when the call fails after recovery
     */
    public <T> T execute(ApiCall<T> call) {
        ensureOpen();
        CallState st = new CallState(call.sessionId == null ? null : resolveSession(call.sessionId),
                cfg.clock.instant());
        RuntimeException first;
        try {
            // most calls succeed at once: the recovery policies are built only when the first attempt fails
            return attempt(call, st);
        } catch (TokenSourceFailure f) {
            throw f.failure;
        } catch (NemoException e) {
            first = e;
        }
        try {
            return Failsafe.with(policies(call, st)).get(ctx -> {
                if (ctx.isFirstAttempt()) {
                    throw first; // the failure of the attempt above, judged by the policies as if made here
                }
                return attempt(call, st);
            });
        } catch (TokenSourceFailure f) {
            throw f.failure;
        } catch (FailsafeException e) {
            Throwable c = e.getCause();
            if (c instanceof TokenSourceFailure) {
                throw ((TokenSourceFailure) c).failure;
            }
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new NemoException("Unexpected failure of " + call.name + ": " + c, c);
        }
    }

    private <T> List<Policy<T>> policies(ApiCall<T> call, CallState st) {
        List<Policy<T>> list = new ArrayList<>(5);
        if (call.sessionId != null && call.sessionRecoverable && cfg.sessionRecovery == SessionRecovery.RECREATE
                && replacer != null) {
            list.add(RetryPolicy.<T>builder()
                    .handleIf((r, e) -> e instanceof SessionNotFoundException)
                    .withMaxRetries(1)
                    .onRetry(ev -> st.needNewSession = true)
                    .build());
        }
        if (!call.replayable) {
            list.add(RetryPolicy.<T>builder().handleIf((r, e) -> false).build());
            return list;
        }
        list.add(RetryPolicy.<T>builder()
                .handleIf((r, e) -> e instanceof RateLimitedException
                        && st.allowRetry(call, rateLimitDelay((RateLimitedException) e), e))
                .withMaxAttempts(cfg.retry.maxAttempts())
                .build());
        list.add(RetryPolicy.<T>builder()
                .handleIf((r, e) -> isTransient(call, e) && st.allowRetry(call, backoff(st.transientRetries + 1), e)
                        && st.countTransient())
                .withMaxAttempts(cfg.retry.maxAttempts())
                .build());
        if (call.tokenCall) {
            list.add(RetryPolicy.<T>builder()
                    .handleIf((r, e) -> e instanceof MissingClientIdException && clientIds != null)
                    .withMaxRetries(1)
                    .onRetry(ev -> {
                        LOG.log(level(), "The server refused the client id; retrying once with a new one");
                        clientIds.regenerate();
                    })
                    .build());
        }
        if (call.authenticated) {
            list.add(RetryPolicy.<T>builder()
                    .handleIf((r, e) -> e instanceof TokenExpiredException && tokens.canRefresh())
                    .withMaxRetries(1)
                    .onRetry(ev -> {
                        LOG.log(level(), "The token was rejected; acquiring a new one and retrying " + call.name);
                        tokens.invalidate(st.lastToken);
                    })
                    .build());
        }
        return list;
    }

    private static boolean isWellFormed(String token) {
        return !token.isBlank() && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static boolean isTransient(ApiCall<?> call, Throwable e) {
        if (e instanceof NemoTransportException || e instanceof NemoTimeoutException) {
            Throwable c = e.getCause();
            boolean notSent = c instanceof ConnectException || c instanceof HttpConnectTimeoutException;
            return notSent || call.idempotent;
        }
        // a server error, or a refusal of no documented kind (408): not a credit, session or auth answer
        if (call.idempotent && (e instanceof ServerErrorException || e.getClass() == NemoApiException.class)) {
            return call.transientStatuses.test(((NemoApiException) e).httpStatus());
        }
        return false;
    }

    private Duration rateLimitDelay(RateLimitedException e) {
        Duration asked = e.retryAfter().orElse(null);
        if (asked != null && asked.compareTo(cfg.retry.maxRetryAfter()) > 0) {
            return null;
        }
        return jitterUp(asked != null ? asked : cfg.retry.defaultRateLimitDelay());
    }

    private Duration backoff(int retry) {
        long initial = cfg.retry.initialBackoff().toMillis();
        long max = cfg.retry.maxBackoff().toMillis();
        long d = initial;
        for (int i = 1; i < retry && d < max; i++) {
            d *= 2;
        }
        return jitterUp(Duration.ofMillis(Math.min(d, max)));
    }

    private Duration jitterUp(Duration d) {
        double j = cfg.retry.jitter();
        if (j <= 0 || d.isZero()) {
            return d;
        }
        long extra = (long) (d.toNanos() * j * ThreadLocalRandom.current().nextDouble());
        return d.plusNanos(extra);
    }

    private System.Logger.Level level() {
        return cfg.verboseLogging ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
    }

    /** Per-call mutable state, confined to the calling thread. */
    private final class CallState {
        final Instant start;
        String sessionId;
        SessionReplacement replacement;
        String lastToken;
        Duration pendingDelay = Duration.ZERO;
        int retries;
        int transientRetries;
        int attempts;
        boolean needNewSession;

        CallState(String sessionId, Instant start) {
            this.sessionId = sessionId;
            this.start = start;
        }

        /** Decides a rate-limit or transient retry against the shared budget and records its delay. */
        boolean allowRetry(ApiCall<?> call, Duration delay, Throwable cause) {
            if (delay == null || retries + 1 >= cfg.retry.maxAttempts()) {
                return false;
            }
            Duration elapsed = Duration.between(start, cfg.clock.instant());
            if (elapsed.plus(delay).compareTo(cfg.retry.maxElapsed()) > 0) {
                return false;
            }
            retries++;
            pendingDelay = delay;
            LOG.log(level(), () -> "Retrying " + call.name + " in " + delay.toMillis() + " ms after: "
                    + cause.getClass().getSimpleName() + " (retry " + retries + " of "
                    + (cfg.retry.maxAttempts() - 1) + ")");
            return true;
        }

        boolean countTransient() {
            transientRetries++;
            return true;
        }
    }

    /** Carries a failure of the token source through the policies untouched: it was already retried. */
    private static final class TokenSourceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient RuntimeException failure;

        TokenSourceFailure(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private <T> T attempt(ApiCall<T> call, CallState st) {
        st.attempts++;
        Duration delay = st.pendingDelay;
        st.pendingDelay = Duration.ZERO;
        sleep(delay);
        ensureOpen();
        if (st.needNewSession) {
            st.needNewSession = false;
            SessionReplacement r = replacer.replace(st.sessionId);
            st.replacement = r;
            st.sessionId = r.newSessionId();
        }
        String path = call.path.apply(st.sessionId);
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(call.headerTimeout != null ? call.headerTimeout : cfg.requestTimeout)
                .header("User-Agent", userAgent)
                .header("Accept", call.streaming ? "text/event-stream" : "application/json")
                .header("X-Skill-Source", cfg.attribution.source())
                .header("X-Skill-Version", cfg.attribution.version())
                .header("X-Skill-Platform", cfg.attribution.platform());
        if (call.authenticated) {
            String token;
            try {
                token = tokens.token();
            } catch (NemoException e) {
                throw new TokenSourceFailure(e);
            }
            // a provider usually returns the same String every time: check each new one only once
            if (token == null || token != checkedToken && !isWellFormed(token)) {
                throw new TokenSourceFailure(new NemoException("The token provider returned an empty or malformed"
                        + " token; it must be non-blank printable ASCII without spaces."));
            }
            if (token != checkedToken) {
                secrets.sent(token); // whatever the server echoes back is cleaned of it
            }
            checkedToken = token;
            st.lastToken = token;
            rb.header("Authorization", "Bearer " + token);
        }
        if (call.tokenCall) {
            rb.header("X-Client-Id", call.clientId.get());
        }
        if (call.publisher != null) {
            rb.header("Content-Type", call.contentType);
            rb.method(call.method, call.publisher.get());
        } else if (call.body != null) {
            rb.header("Content-Type", "application/json");
            rb.method(call.method, HttpRequest.BodyPublishers.ofByteArray(call.body));
        } else {
            rb.method(call.method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = rb.build();
        long t0 = cfg.ticker.nanoTime();
        if (!call.publisherBody && !call.streaming) {
            HttpExchange.Collected response = exchange.collect(request, call);
            return decodeBody(request, path, response.status, response.headers, response.body, t0, call, st);
        }
        HttpResponse<InputStream> response;
        if (call.publisherBody) {
            HttpResponse<Object> either = exchange.send(request, call, info -> publisherWhenStreaming(info, call));
            if (either.body() instanceof java.util.concurrent.Flow.Publisher) {
                @SuppressWarnings("unchecked")
                java.util.concurrent.Flow.Publisher<List<java.nio.ByteBuffer>> body =
                        (java.util.concurrent.Flow.Publisher<List<java.nio.ByteBuffer>>) either.body();
                LOG.log(level(), () -> request.method() + " " + path + " -> " + either.statusCode() + " event stream"
                        + " opened (attempt " + st.attempts + ", " + call.name + ") request "
                        + Redaction.headers(request.headers()));
                return call.mapper.map(ResponseDecoder.Decoded.ofPublisher(body, decoder.requestId(either.headers())),
                        st.sessionId, st.replacement);
            }
            @SuppressWarnings("unchecked")
            HttpResponse<InputStream> plain = (HttpResponse<InputStream>) (HttpResponse<?>) either;
            response = plain;
        } else {
            response = OrderedBody.wrap(exchange.send(request, call, HttpResponse.BodyHandlers.ofPublisher()));
        }
        int status = response.statusCode();
        boolean ok = status >= 200 && status < 300;
        if (call.streaming && ok && call.streamTypes.test(contentType(response.headers()))) {
            LOG.log(level(), () -> request.method() + " " + path + " -> " + status + " event stream opened (attempt "
                    + st.attempts + ", " + call.name + ") request " + Redaction.headers(request.headers()));
            return call.mapper.map(decoder.stream(response), st.sessionId, st.replacement);
        }
        byte[] body = exchange.readBody(response, call);
        return decodeBody(request, path, status, response.headers(), body, t0, call, st);
    }

    /** Logs a complete response and decodes its body. */
    private <T> T decodeBody(HttpRequest request, String path, int status, java.net.http.HttpHeaders headers,
            byte[] body, long t0, ApiCall<T> call, CallState st) {
        long millis = TimeUnit.NANOSECONDS.toMillis(cfg.ticker.nanoTime() - t0);
        LOG.log(level(), () -> request.method() + " " + path + " -> " + status + " in " + millis + " ms (attempt "
                + st.attempts + ", " + call.name + ") request " + Redaction.headers(request.headers())
                + " response " + Optional.ofNullable(decoder.requestId(headers)).map(id -> "x-request-id=" + id)
                        .orElse("without request id"));
        ResponseDecoder.Decoded decoded;
        try {
            decoded = decoder.decode(status, headers, body, new ErrorContext(st.sessionId,
                    call.authenticated && tokens.canRefresh(), call.tokenCall, registrationLink));
        } catch (NemoApiException e) {
            throw call.errorMapper.apply(e);
        }
        return call.mapper.map(decoded, st.sessionId, st.replacement);
    }

    private static String contentType(java.net.http.HttpHeaders headers) {
        return headers.firstValue("content-type").orElse("").trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** A body handler giving a publisher for an accepted stream and an input stream for anything else. */
    private static HttpResponse.BodySubscriber<Object> publisherWhenStreaming(HttpResponse.ResponseInfo info,
            ApiCall<?> call) {
        if (info.statusCode() >= 200 && info.statusCode() < 300 && call.streamTypes.test(contentType(info.headers()))) {
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofPublisher(), p -> p);
        }
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), in -> in);
    }

    private void ensureOpen() {
        if (exchange.isClosed()) {
            throw new ClientClosedException(null);
        }
    }

    /**
     * The exchange layer, for requests outside the API (a render's output URL): no token, no retries, but ended by
     * {@link #close()} like any other.
     *
     * @return the layer
     */
    public HttpExchange exchange() {
        return exchange;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return exchange.isClosed();
    }

    /**
     * Ends everything under way (open streams, pending requests, waits, downloads: each ends with a
     * {@link ClientClosedException}), then stops the watchdog and, when owned, the HTTP client (JDK 21+). Idempotent.
     */
    @Override
    public void close() {
        exchange.close(); // idempotent, as is the count-down that ends the client's own waits
        closing.countDown();
    }
}
