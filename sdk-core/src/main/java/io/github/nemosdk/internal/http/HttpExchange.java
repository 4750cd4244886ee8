package io.github.nemosdk.internal.http;

import io.github.nemosdk.errors.ClientClosedException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoInterruptedException;
import io.github.nemosdk.internal.ClientConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bottom layer of the transport: one HTTP exchange with the JDK client. Sends a built request, collects a bounded
 * body (or hands over a stream), keeps the body deadlines, and turns every I/O failure into the SDK's typed
 * exception. It owns what {@code close()} must end: the exchanges under way, the watchdog thread, and the HTTP
 * client when the SDK created it. It knows nothing of tokens, retries or sessions.
 */
public final class HttpExchange implements AutoCloseable {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final ClientConfig cfg;
    private final HttpClient http;
    private final boolean ownsHttp;
    private final ExchangeFailures failures;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Streams, requests and downloads under way, ended by {@link #close()}. */
    private final LiveExchanges live = new LiveExchanges();
    private final Watchdog watchdog = new Watchdog(closed);
    /** Deadlines of the bodies being collected: a sweep every 100 ms at most, a quarter of the timeout at least. */
    private final BodyDeadlines bodyDeadlines;

    /**
     * Creates the layer.
     *
     * @param cfg      the client settings (timeouts, size limit, ticker)
     * @param http     the HTTP client
     * @param ownsHttp whether {@link #close()} shuts the HTTP client down
     * @param secrets  the tokens sent, masked in failure messages
     */
    public HttpExchange(ClientConfig cfg, HttpClient http, boolean ownsHttp, Secrets secrets) {
        this.cfg = cfg;
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.failures = new ExchangeFailures(cfg, secrets);
        this.bodyDeadlines = new BodyDeadlines(watchdog::get, Math.min(TimeUnit.MILLISECONDS.toNanos(100),
                cfg.requestTimeout.toNanos() / 4), cfg.ticker);
    }

    /**
     * What this client has under way, for {@link #close()} to end.
     *
     * @return the live exchanges
     */
    public LiveExchanges live() {
        return live;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Sends a request and waits for its response headers; the body is the handler's.
     *
     * @param <B>     the body type
     * @param request the request
     * @param call    names the call in failures and says whether the server may have acted on it
     * @param handler the body handler
     * @return the response
     * @throws NemoException typed: a timeout, a refused or broken connection, an interrupt, a closed client
     */
    public <B> HttpResponse<B> send(HttpRequest request, Request call, HttpResponse.BodyHandler<B> handler) {
        try {
            return exchange(request, handler);
        } catch (IOException e) {
            throw failures.sendFailure(e, request, call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NemoInterruptedException(e);
        }
    }

    /**
     * Sends a request whose whole body is wanted as bytes. Waits for the headers as the HTTP client's timeout allows,
     * and for the body at most the request timeout more. A success larger than {@code maxResponseBytes} fails; an
     * error body is cut to its first 64 KiB. The body is read into a {@link BoundedBody} subscribed to the JDK's
     * body publisher: the JDK (17 and 25, at least) hands a response over at once when its body subscriber is one of
     * its own, but passes one with a subscriber of ours through its executor (one more thread hand-off per call).
     *
     * @param request     the request
     * @param call        names the call in failures and says whether the server may have acted on it
     * @param bodyTimeout how long the body may take after the headers (the client's, or a derived client's,
     *                    request timeout)
     * @return the status, headers and body
     * @throws NemoException typed, as {@link #send}, and for a body that stalled, broke or is too large
     */
    public Collected collect(HttpRequest request, Request call, java.time.Duration bodyTimeout) {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(request, call, PUBLISHED);
        BoundedBody body = read(response, response.body(), request, bodyTimeout, Cancellation.NONE);
        try {
            return new Collected(response.statusCode(), response.headers(), body.getBody().toCompletableFuture().get());
        } catch (InterruptedException e) {
            body.stop(() -> new NemoInterruptedException(e)); // the connection goes; the caller is told below
            throw Interrupts.interrupted("the response of " + call.name(), e);
        } catch (ExecutionException e) {
            return bodyFailure(e.getCause(), response, call, bodyTimeout);
        }
    }

    /** The handler of collected bodies: the JDK's publisher, which {@link #read} subscribes a bounded body to. */
    private static final HttpResponse.BodyHandler<Flow.Publisher<List<ByteBuffer>>> PUBLISHED =
            HttpResponse.BodyHandlers.ofPublisher();

    /**
     * Reads a response's published body into a {@link BoundedBody}, under its deadline; {@link #close()} ends it as a
     * closed client and a cancel of the call as cancelled. Should that fail to start, the body is let go.
     *
     * @return the body, whose {@code getBody()} completes with the bytes or fails with a {@link BoundedBody.Failure}
     */
    private BoundedBody read(HttpResponse<?> response, Flow.Publisher<List<ByteBuffer>> published,
            HttpRequest request, Duration bodyTimeout, Cancellation cancel) {
        try {
            boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
            BoundedBody body = BoundedBody.of(response.headers(), ok ? cfg.maxResponseBytes : MAX_ERROR_BODY, ok,
                    bodyDeadlines, bodyTimeout);
            LiveExchanges.Registration registration =
                    live.add(() -> body.stop(() -> new ClientClosedException(what(request))));
            Cancellation.Hook hook = cancel.onCancel(() -> body.stop(
                    () -> new java.util.concurrent.CancellationException(what(request) + " was cancelled")));
            body.getBody().whenComplete((b, t) -> {
                registration.close();
                hook.remove();
                body.disarm();
            });
            published.subscribe(body);
            return body;
        } catch (RuntimeException | Error e) {
            discard(published); // its connection must not wait for a reader that never comes
            throw e;
        }
    }

    /** What a collected body that failed ends as: a cut error body, or the typed failure. */
    private Collected bodyFailure(Throwable failure, HttpResponse<?> response, Request call, Duration bodyTimeout) {
        if (failure instanceof BoundedBody.Truncated) {
            return new Collected(response.statusCode(), response.headers(), ((BoundedBody.Truncated) failure).kept());
        }
        if (failure instanceof BoundedBody.TooLarge) {
            throw failures.tooLarge(call);
        }
        if (failure instanceof BoundedBody.Aborted) {
            throw failures.bodyStalled(call, (IOException) failure, bodyTimeout);
        }
        if (failure instanceof BoundedBody.Stopped) {
            throw ((BoundedBody.Stopped) failure).reason();
        }
        if (failure instanceof BoundedBody.BodyFailed) {
            Throwable cause = failure.getCause();
            throw failures.bodyBroke(call, cause instanceof IOException ? (IOException) cause : (IOException) failure);
        }
        throw new java.util.concurrent.CompletionException(failure); // a body ends with one of the above only
    }

    /**
     * {@link #collect} without a thread waiting. The headers come on the thread the JDK hands a response to (its
     * {@code sendAsync} completes on {@code CompletableFuture}'s default executor: the common pool, or a new thread
     * per completion where the common pool has a single thread); the body is collected there and on the HTTP
     * client's threads, and the future completes on whichever reads its last bytes. Cancelling the call ends the
     * exchange (which releases its connection; before the headers, JDK 16 and later) and fails the future as
     * cancelled; {@link #close()} fails it as a closed client.
     *
     * @param request     the request
     * @param call        names the call in failures and says whether the server may have acted on it
     * @param bodyTimeout how long the body may take after the headers
     * @param cancel      the call's cancellation
     * @return the status, headers and body; failed with the typed exception {@link #collect} throws
     */
    public java.util.concurrent.CompletableFuture<Collected> collectAsync(HttpRequest request, Request call,
            Duration bodyTimeout, Cancellation cancel) {
        return openAsync(request, call, info -> null, bodyTimeout, cancel);
    }

    /**
     * {@link #collectAsync}, except that the body of an answer {@code open} gives a subscriber for goes to that
     * subscriber ({@link Collected#opened} is what it gives).
     *
     * @param request     the request
     * @param call        names the call in failures
     * @param open        the subscriber for an answer's body, or null to collect it
     * @param bodyTimeout how long a collected body may take after the headers
     * @param cancel      the call's cancellation
     * @return the answer; failed with the typed exception {@link #collect} throws
     */
    public java.util.concurrent.CompletableFuture<Collected> openAsync(HttpRequest request, Request call,
            java.util.function.Function<HttpResponse.ResponseInfo, HttpResponse.BodySubscriber<?>> open,
            Duration bodyTimeout, Cancellation cancel) {
        CompletableFuture<Collected> out = new CompletableFuture<>();
        // an opened body is handed over as soon as it is subscribed, on the HTTP client's own threads: the future
        // sendAsync returns completes on CompletableFuture's default executor, which on small machines is a new
        // thread per completion, and thousands of streams opening at once would each run their start on one
        java.util.concurrent.Executor handOver = http.executor().orElse(null);
        HttpResponse.BodyHandler<Object> handler = info -> {
            HttpResponse.BodySubscriber<?> opened = open.apply(info);
            if (opened == null) {
                @SuppressWarnings("unchecked") // the same subscriber: the JDK hands its own over without a hop
                HttpResponse.BodySubscriber<Object> published =
                        (HttpResponse.BodySubscriber<Object>) (HttpResponse.BodySubscriber<?>) PUBLISHED.apply(info);
                return published;
            }
            return new Opened<>(opened, handOver == null ? null : body -> handOver.execute(
                    () -> out.complete(new Collected(info.statusCode(), info.headers(), null, body))));
        };
        exchangeAsync(request, handler, cancel).whenComplete((response, e) -> {
            try {
                if (e != null) {
                    Throwable t = Futures.unwrap(e);
                    throw t instanceof IOException ? failures.sendFailure((IOException) t, request, call) : t;
                }
                Object body = response.body();
                if (body instanceof Opened.Result) {
                    out.complete(new Collected(response.statusCode(), response.headers(), null,
                            ((Opened.Result) body).value));
                    return;
                }
                @SuppressWarnings("unchecked") // what PUBLISHED gives
                Flow.Publisher<List<ByteBuffer>> published = (Flow.Publisher<List<ByteBuffer>>) body;
                read(response, published, request, bodyTimeout, cancel).getBody().whenComplete((bytes, failure) -> {
                    try {
                        out.complete(failure == null ? new Collected(response.statusCode(), response.headers(), bytes)
                                : bodyFailure(Futures.unwrap(failure), response, call, bodyTimeout));
                    } catch (Throwable t) {
                        out.completeExceptionally(t);
                    }
                });
            } catch (Throwable t) {
                out.completeExceptionally(t);
            }
        });
        return out;
    }

    /**
     * Sends a request with {@code HttpClient.sendAsync}, registered with the client's live exchanges and the call's
     * cancellation: either ends the exchange (the JDK cancels it and releases its connection, JDK 16 and later) and
     * fails the future, a {@link ClientClosedException} for {@link #close()}, a {@link
     * java.util.concurrent.CancellationException} for a cancel. A response that arrives after either is let go.
     * I/O failures are left to the caller, unwrapped.
     *
     * @param <B>     the body type
     * @param request the request
     * @param handler the body handler
     * @param cancel  the call's cancellation
     * @return the response
     */
    public <B> java.util.concurrent.CompletableFuture<HttpResponse<B>> exchangeAsync(HttpRequest request,
            HttpResponse.BodyHandler<B> handler, Cancellation cancel) {
        String what = what(request);
        if (closed.get()) { // nothing is sent for a closed client
            return Futures.failed(new ClientClosedException(what));
        }
        if (cancel.isCancelled()) { // nor for a cancelled call
            return Futures.failed(new java.util.concurrent.CancellationException(what + " was cancelled"));
        }
        java.util.concurrent.CompletableFuture<HttpResponse<B>> out = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<HttpResponse<B>>> sent =
                new java.util.concurrent.atomic.AtomicReference<>();
        // registered before the request goes out: a cancel or close from now on ends it
        LiveExchanges.Registration registration = live.add(() -> {
            out.completeExceptionally(new ClientClosedException(what));
            cancelSent(sent);
        });
        Cancellation.Hook hook = cancel.onCancel(() -> {
            out.completeExceptionally(new java.util.concurrent.CancellationException(what + " was cancelled"));
            cancelSent(sent);
        });
        if (out.isDone()) { // cancelled or closed meanwhile: nothing is sent
            registration.close();
            hook.remove();
            return out;
        }
        java.util.concurrent.CompletableFuture<HttpResponse<B>> pending;
        try {
            pending = http.sendAsync(request, handler);
        } catch (RuntimeException e) {
            registration.close();
            hook.remove();
            return Futures.failed(e);
        }
        sent.set(pending);
        if (out.isDone()) {
            pending.cancel(true); // ended between the check and the send
        }
        pending.whenComplete((response, e) -> {
            registration.close();
            hook.remove();
            if (e != null) {
                out.completeExceptionally(closed.get() ? new ClientClosedException(what) : Futures.unwrap(e));
            } else if (!out.complete(response)) {
                discard(response.body()); // it came just as the call ended
            }
        });
        return out;
    }

    /**
     * Sends a request and waits for its response like {@code HttpClient.send}, registered with the client's live
     * exchanges so that {@link #close()} ends the wait (and the exchange) at once; an interrupt lets the exchange go
     * too. I/O failures are left to the caller: for requests outside the API (a render's output URL), whose failures
     * read differently.
     *
     * @param <B>     the body type
     * @param request the request
     * @param handler the body handler
     * @return the response
     * @throws IOException          as {@code HttpClient.send}
     * @throws InterruptedException as {@code HttpClient.send}
     * @throws ClientClosedException if the client is or becomes closed
     */
    public <B> HttpResponse<B> exchange(HttpRequest request, HttpResponse.BodyHandler<B> handler)
            throws IOException, InterruptedException {
        if (closed.get()) { // nothing is sent for a closed client
            throw new ClientClosedException(what(request));
        }
        // HttpClient.send, not sendAsync: sendAsync completes its future on CompletableFuture's default executor,
        // which is a new thread per call where the common pool has one thread (2-core machines); send completes on
        // the HTTP client's own threads. close() ends the wait by interrupting this thread, which makes send cancel
        // the exchange (JDK 16 and later); the interrupt is taken back before the call fails as a closed client.
        Thread caller = Thread.currentThread();
        java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger(SENDING);
        LiveExchanges.Registration registration = live.add(() -> {
            synchronized (state) { // the interrupt lands while the state says so: see below
                if (state.compareAndSet(SENDING, ENDED_BY_CLOSE)) {
                    caller.interrupt();
                }
            }
        });
        HttpResponse<B> response = null;
        Exception failure = null;
        try {
            response = http.send(request, handler);
        } catch (InterruptedException | IOException | RuntimeException e) {
            failure = e;
        } finally {
            registration.close();
        }
        boolean endedByClose;
        synchronized (state) {
            endedByClose = !state.compareAndSet(SENDING, ANSWERED);
        }
        if (endedByClose) {
            Thread.interrupted(); // the interrupt was close()'s, not the caller's: take it back
            if (response != null) {
                discard(response.body()); // it came just as the client closed
            }
            throw new ClientClosedException(what(request));
        }
        if (failure instanceof InterruptedException) {
            throw (InterruptedException) failure; // the caller's own interrupt: send() cancelled the exchange
        }
        if (failure != null && closed.get()) {
            throw new ClientClosedException(what(request));
        }
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
        return response;
    }

    /** The request as failures name it: its method and path. */
    private static String what(HttpRequest request) {
        return request.method() + " " + request.uri().getRawPath();
    }

    private static void cancelSent(
            java.util.concurrent.atomic.AtomicReference<? extends java.util.concurrent.CompletableFuture<?>> sent) {
        java.util.concurrent.CompletableFuture<?> p = sent.get();
        if (p != null) {
            p.cancel(true);
        }
    }

    private static final int SENDING = 0;
    private static final int ANSWERED = 1;
    private static final int ENDED_BY_CLOSE = 2;

    /** Lets go of a body nobody will read, so its connection is released. */
    private static void discard(Object body) {
        if (body instanceof Opened.Result) {
            body = ((Opened.Result) body).value; // an event stream handed over by openAsync
        }
        if (body instanceof InputStream) {
            closeQuietly((InputStream) body);
        } else if (body instanceof java.util.concurrent.Flow.Publisher) {
            @SuppressWarnings("unchecked")
            java.util.concurrent.Flow.Publisher<Object> p = (java.util.concurrent.Flow.Publisher<Object>) body;
            p.subscribe(new java.util.concurrent.Flow.Subscriber<Object>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                    s.cancel();
                }

                @Override
                public void onNext(Object item) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onComplete() {
                }
            });
        }
    }

    /** A response read whole. */
    public static final class Collected {
        /** The HTTP status. */
        public final int status;
        /** The headers. */
        public final java.net.http.HttpHeaders headers;
        /** The body, complete or (for an error) its first bytes; null for a body given to a subscriber. */
        public final byte[] body;
        /** What the subscriber {@link #openAsync} was given made of the body, or null. */
        public final Object opened;

        Collected(int status, java.net.http.HttpHeaders headers, byte[] body) {
            this(status, headers, body, null);
        }

        private Collected(int status, java.net.http.HttpHeaders headers, byte[] body, Object opened) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.opened = opened;
        }
    }

    /** Marks what a given subscriber made of a body, to tell it from collected bytes. */
    private static final class Opened<T> implements HttpResponse.BodySubscriber<Object> {
        /** The subscriber's result. */
        static final class Result {
            final Object value;

            Result(Object value) {
                this.value = value;
            }
        }

        private final HttpResponse.BodySubscriber<T> inner;
        /** Given the body once it can be handed over, or null. */
        private final java.util.function.Consumer<Object> onOpen;

        Opened(HttpResponse.BodySubscriber<T> inner, java.util.function.Consumer<Object> onOpen) {
            this.inner = inner;
            this.onOpen = onOpen;
        }

        @Override
        public java.util.concurrent.CompletionStage<Object> getBody() {
            return inner.getBody().thenApply(Result::new);
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            inner.onSubscribe(subscription);
            if (onOpen != null) {
                java.util.concurrent.CompletableFuture<T> body = inner.getBody().toCompletableFuture();
                if (body.isDone() && !body.isCompletedExceptionally()) {
                    try {
                        onOpen.accept(body.join());
                    } catch (RuntimeException refused) {
                        // the executor refused (the client is closing): the body is handed over the usual way
                    }
                }
            }
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> item) {
            inner.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            inner.onError(throwable);
        }

        @Override
        public void onComplete() {
            inner.onComplete();
        }
    }

    /**
     * Reads a response body that came as a stream (the non-stream answer of a streaming call, mostly an error), at
     * most the request timeout long, and closes it.
     *
     * @param response    the response
     * @param call        names the call in failures
     * @param bodyTimeout how long the body may take
     * @return the body; for a success larger than {@code maxResponseBytes} a failure, for an error its first 64 KiB
     * @throws NemoException typed: a body that stalled, broke or is too large, an interrupt
     */
    public byte[] readBody(HttpResponse<InputStream> response, Request call, java.time.Duration bodyTimeout) {
        boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
        long limit = ok ? cfg.maxResponseBytes : MAX_ERROR_BODY;
        InputStream in = response.body();
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> guard;
        try {
            guard = watchdog.get().schedule(() -> {
                fired.set(true);
                closeQuietly(in);
            }, bodyTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ClientClosedException e) {
            closeQuietly(in); // the connection goes with the closed client
            throw e;
        }
        try {
            // only the non-stream answers of streaming calls come here (mostly errors): no need for sizing tricks
            int max = (int) Math.min(limit, Integer.MAX_VALUE - 64);
            byte[] body = in.readNBytes(max + 1); // one byte beyond the limit tells a body that is too large
            if (body.length > max) {
                if (ok) {
                    throw failures.tooLarge(call);
                }
                return Arrays.copyOf(body, max); // an error body: its first bytes are enough
            }
            return body;
        } catch (IOException e) {
            if (fired.get()) {
                throw failures.bodyStalled(call, e, bodyTimeout);
            }
            if (Interrupts.caused(e)) {
                throw Interrupts.interrupted("the response of " + call.name(), e);
            }
            throw failures.bodyBroke(call, e);
        } finally {
            guard.cancel(false);
            closeQuietly(in);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /**
     * The client's watchdog scheduler (one daemon thread), for stream deadlines.
     *
     * @return the scheduler
     * @throws ClientClosedException once the client is closed
     */
    public java.util.concurrent.ScheduledExecutorService scheduler() {
        return watchdog.get();
    }

    /**
     * Ends everything under way (each ends with a {@link ClientClosedException}), then stops the watchdog and, when
     * owned, the HTTP client (JDK 21+). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        live.closeAll();
        watchdog.shutdown();
        if (ownsHttp) {
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(http);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // before JDK 21 the client's threads end once it is unreachable
            }
            io.github.nemosdk.internal.HttpClients.release(http);
        }
    }
}
