package io.github.nemosdk.internal.http;

import io.github.nemosdk.errors.ClientClosedException;
import io.github.nemosdk.internal.ClientConfig;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the feature clients use to reach the API: a stack of layers to send requests through, and the client's
 * shared runtime (settings, waits, the exchange that {@link #close()} ends, the secrets to mask). Sibling transports
 * made with {@link #over} share the runtime; closing any closes the client.
 */
public final class Transport implements AutoCloseable {
    private final ClientConfig cfg;
    private final HttpExchange exchange;
    private final Secrets secrets;
    private final Pause pause;
    private final Timer timer;
    private final Handler stack;
    private final UnaryOperator<String> sessions;
    private final Supplier<URI> registrationLink;
    /** For a view of a shared runtime (a derived client): closing it ends its own calls only; null otherwise. */
    private final AtomicBoolean viewClosed;

    /**
     * Creates a transport.
     *
     * @param cfg              the client settings
     * @param exchange         the exchange at the bottom of the stack
     * @param secrets          the tokens the client sent
     * @param pause            the client's waits
     * @param timer            the client's asynchronous waits
     * @param stack            the layers requests go through
     * @param sessions         maps a session id to the one in force (after replacements)
     * @param registrationLink where an anonymous user registers, or a supplier of null
     */
    public Transport(ClientConfig cfg, HttpExchange exchange, Secrets secrets, Pause pause, Timer timer,
            Handler stack, UnaryOperator<String> sessions, Supplier<URI> registrationLink) {
        this(cfg, exchange, secrets, pause, timer, stack, sessions, registrationLink, null);
    }

    private Transport(ClientConfig cfg, HttpExchange exchange, Secrets secrets, Pause pause, Timer timer,
            Handler stack, UnaryOperator<String> sessions, Supplier<URI> registrationLink, AtomicBoolean viewClosed) {
        this.viewClosed = viewClosed;
        this.timer = timer;
        this.cfg = cfg;
        this.exchange = exchange;
        this.secrets = secrets;
        this.pause = pause;
        this.stack = stack;
        this.sessions = sessions;
        this.registrationLink = registrationLink;
    }

    /**
     * A transport sharing this one's runtime, sending through another stack.
     *
     * @param stack            the layers
     * @param sessions         maps a session id to the one in force
     * @param registrationLink where an anonymous user registers
     * @return the transport
     */
    public Transport over(Handler stack, UnaryOperator<String> sessions, Supplier<URI> registrationLink) {
        return new Transport(cfg, exchange, secrets, pause, timer, stack, sessions, registrationLink,
                viewClosed);
    }

    /**
     * A view of this transport's runtime with other settings and stack, for a derived client: its {@link #close()}
     * ends only its own new calls; closing this transport ends both.
     *
     * @param settings the derived client's settings
     * @param stack    the layers
     * @param sessions maps a session id to the one in force
     * @return the view
     */
    public Transport view(ClientConfig settings, Handler stack, UnaryOperator<String> sessions) {
        return new Transport(settings, exchange, secrets, pause, timer, stack, sessions, registrationLink,
                new AtomicBoolean());
    }

    /**
     * The client's waits, shared by derived clients.
     *
     * @return the waits
     */
    public Pause pause() {
        return pause;
    }

    /**
     * Sends a request through the stack and maps the response.
     *
     * @param <T>     the result type
     * @param request the request
     * @param mapper  maps the response of a success
     * @return the result
     * @throws io.github.nemosdk.errors.NemoException when the request fails after recovery
     */
    public <T> T execute(Request request, Function<Response, T> mapper) {
        if (isClosed()) {
            throw new ClientClosedException(null);
        }
        Response response;
        try {
            response = stack.send(request);
        } catch (SettledFailure f) {
            throw f.failure();
        }
        return mapper.apply(response);
    }

    /**
     * Sends a call through the stack.
     *
     * @param <T>  the result type
     * @param call the call
     * @return the result
     * @throws io.github.nemosdk.errors.NemoException when the request fails after recovery
     */
    public <T> T execute(Call<T> call) {
        return execute(call.request(), call.mapper());
    }

    /**
     * Sends a call through the stack without a thread waiting for the answer.
     *
     * @param <T>    the result type
     * @param call   the call
     * @param cancel the call's cancellation
     * @return the result; failed with what {@link #execute} throws
     */
    public <T> java.util.concurrent.CompletableFuture<T> executeAsync(Call<T> call, Cancellation cancel) {
        return executeAsync(call.request(), cancel, call.mapper());
    }

    /**
     * Sends a request through the stack without a thread waiting for the answer, and maps the response.
     *
     * @param <T>     the result type
     * @param request the request
     * @param cancel  the call's cancellation
     * @param mapper  maps the response of a success (on the thread that completes the exchange: it must not block)
     * @return the result; failed with what {@link #execute} throws
     */
    public <T> java.util.concurrent.CompletableFuture<T> executeAsync(Request request, Cancellation cancel,
            Function<Response, T> mapper) {
        if (isClosed()) {
            return Futures.failed(new ClientClosedException(null));
        }
        return Futures.map(Futures.mapFailure(Futures.attempt(() -> stack.sendAsync(request, cancel)),
                e -> e instanceof SettledFailure ? ((SettledFailure) e).failure() : e), mapper);
    }

    /**
     * The client's asynchronous waits.
     *
     * @return the timer
     */
    public Timer timer() {
        return timer;
    }

    /**
     * Waits with the client's waits; {@link #close()} ends them.
     *
     * @param d how long; zero returns at once
     */
    public void sleep(Duration d) {
        pause.sleep(d);
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
    public ScheduledExecutorService scheduler() {
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
     * @return the link, or null when the token is not anonymous
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
        return sessions.apply(sessionId);
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
        return exchange.isClosed() || viewClosed != null && viewClosed.get();
    }

    /**
     * Ends everything under way (open streams, pending requests, waits, downloads: each ends with a
     * {@link ClientClosedException}), then stops the watchdog and, when owned, the HTTP client (JDK 21+). Idempotent.
     */
    @Override
    public void close() {
        if (viewClosed != null) {
            viewClosed.set(true); // a derived client: the shared runtime stays open
            return;
        }
        exchange.close();
        pause.close();
    }
}
