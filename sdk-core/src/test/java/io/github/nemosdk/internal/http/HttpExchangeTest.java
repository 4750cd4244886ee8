package io.github.nemosdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.nemosdk.Attribution;
import io.github.nemosdk.ManualTicker;
import io.github.nemosdk.RetrySettings;
import io.github.nemosdk.SessionRecovery;
import io.github.nemosdk.Sleeper;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.errors.ClientClosedException;
import io.github.nemosdk.errors.NemoInterruptedException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.internal.ClientConfig;
import io.github.nemosdk.internal.chat.DefaultChatStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bottom transport layer on its own: one exchange with a local server, no tokens, retries or sessions. */
class HttpExchangeTest {
    private static final long LIMIT = 1024;
    /** The request timeout of the client these tests build. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final ManualTicker ticker = new ManualTicker();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch hangArrived = new CountDownLatch(1);
    /** Counted down when the client hangs up on {@code /drip}. */
    private final CountDownLatch hungUp = new CountDownLatch(1);
    private HttpServer server;
    private HttpExchange exchange;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/ok", x -> answer(x, 200, "{\"code\":0}".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/big", x -> answer(x, 200, new byte[(int) LIMIT + 1]));
        server.createContext("/big-error", x -> answer(x, 502, new byte[200 * 1024]));
        server.createContext("/stall", x -> {
            x.sendResponseHeaders(200, 100);
            OutputStream out = x.getResponseBody();
            out.write("{\"co".getBytes(StandardCharsets.UTF_8));
            out.flush();
            await(release);
            x.close();
        });
        server.createContext("/drip", x -> { // a body that never ends, one byte at a time, until the client hangs up
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            try {
                out.write("{\"co".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 500 && release.getCount() > 0; i++) {
                    out.flush();
                    Thread.sleep(20);
                    out.write(' ');
                }
            } catch (IOException e) {
                hungUp.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        server.createContext("/hang", x -> {
            hangArrived.countDown();
            await(release);
            x.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        exchange = new HttpExchange(config(URI.create(base)), HttpClient.newHttpClient(), true, Secrets.create());
    }

    @AfterEach
    void stop() {
        release.countDown();
        exchange.close();
        server.stop(0);
    }

    private ClientConfig config(URI baseUrl) {
        return new ClientConfig(baseUrl, URI.create("https://nemovideo.com"), null, Attribution.of("s", "1", "p"),
                "en", Duration.ofSeconds(2), Duration.ofSeconds(30), RetrySettings.builder().build(),
                SessionRecovery.FAIL, r -> { }, Clock.systemUTC(), Sleeper.system(), ticker, false, LIMIT,
                ChatSettings.defaults(), new io.github.nemosdk.ClientListener() { });
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static Request call() {
        return Request.get("test call", "/x").build();
    }

    @Test
    void aWholeBodyIsCollectedWithItsStatusAndHeaders() {
        HttpExchange.Collected c = exchange.collect(get("/ok"), call(), TIMEOUT);
        assertThat(c.status).isEqualTo(200);
        assertThat(c.headers.firstValue("content-type")).hasValue("application/json");
        assertThat(new String(c.body, StandardCharsets.UTF_8)).isEqualTo("{\"code\":0}");
    }

    @Test
    void aSuccessLargerThanTheLimitIsRefusedAndAnErrorBodyIsCut() {
        assertThatThrownBy(() -> exchange.collect(get("/big"), call(), TIMEOUT))
                .isInstanceOf(NemoProtocolException.class)
                .hasMessageContaining("test call").hasMessageContaining("larger than 1024 bytes");
        HttpExchange.Collected error = exchange.collect(get("/big-error"), call(), TIMEOUT);
        assertThat(error.status).isEqualTo(502);
        assertThat(error.body).hasSize(64 * 1024);
    }

    @Test
    void aStalledBodyEndsWhenTheTickerPassesTheRequestTimeoutNotBefore() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                exchange.collect(get("/stall"), call(), TIMEOUT);
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        });
        caller.start();
        awaitBodyWait(caller); // its deadline taken from the ticker
        Thread.sleep(300); // several sweeps of the body deadlines, with the ticker standing still
        assertThat(outcome).as("ended before its ticker passed the request timeout").isNotDone();
        ticker.advance(Duration.ofSeconds(30));
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(NemoTimeoutException.class)
                .hasMessageContaining("response body of test call stalled");
    }

    @Test
    void callsStartNoThreadOfTheirOwn() {
        exchange.collect(get("/ok"), call(), TIMEOUT); // the HTTP client's own threads start with the first call
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();
        for (int i = 0; i < 30; i++) {
            exchange.collect(get("/ok"), call(), TIMEOUT);
        }
        // sendAsync would start one per call where the common pool has a single thread (2-core machines)
        assertThat(threads.getTotalStartedThreadCount() - before).as("threads started by 30 calls")
                .isLessThan(10);
    }

    @Test
    void aRefusedConnectionSaysWhereItTriedToConnect() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpExchange nowhere = new HttpExchange(config(URI.create("http://127.0.0.1:" + port)),
                HttpClient.newHttpClient(), true, Secrets.create());
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).GET().build();
            assertThatThrownBy(() -> nowhere.collect(r, call(), TIMEOUT)).isInstanceOf(NemoTransportException.class)
                    .hasMessageContaining("Could not connect to http://127.0.0.1:" + port);
        } finally {
            nowhere.close();
        }
    }

    @Test
    void closeEndsAWaitingExchangeAndRefusesNewOnes() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                exchange.collect(get("/hang"), call(), TIMEOUT);
                outcome.complete(null);
            } catch (RuntimeException e) {
                // close() ended the wait by interrupting this thread: the flag must not be left set
                outcome.complete(Thread.currentThread().isInterrupted()
                        ? new AssertionError("the caller's interrupt flag was left set", e) : e);
            }
        });
        caller.start();
        assertThat(hangArrived.await(10, TimeUnit.SECONDS)).as("the request reached the server").isTrue();
        assertThat(outcome).isNotDone();
        exchange.close();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(ClientClosedException.class);
        assertThat(exchange.isClosed()).isTrue();
        assertThatThrownBy(exchange::scheduler).isInstanceOf(ClientClosedException.class);
    }

    @Test
    void closeEndsACallWhoseBodyStalls() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> outcome.complete(failureOfStalledCollect()));
        caller.start();
        awaitBodyWait(caller);
        exchange.close();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(ClientClosedException.class);
        assertThat(exchange.live().size()).as("exchanges left registered").isZero();
    }

    @Test
    void anInterruptWhileTheBodyStallsEndsTheCallWithTheFlagSetAndHangsUp() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean flagSet = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            Throwable t = failureOfCollect("/drip");
            flagSet.set(Thread.currentThread().isInterrupted());
            outcome.complete(t);
        });
        caller.start();
        awaitBodyWait(caller);
        caller.interrupt();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(NemoInterruptedException.class)
                .hasMessageContaining("test call");
        assertThat(flagSet).as("the caller's interrupt flag").isTrue();
        assertThat(hungUp.await(10, TimeUnit.SECONDS)).as("the client hung up on the body").isTrue();
        assertThat(exchange.live().size()).as("exchanges left registered").isZero();
    }

    @Test
    void cancellingAnAsyncCallWhoseBodyStallsFailsItAsCancelledAndHangsUp() throws Exception {
        CountDownLatch headers = new CountDownLatch(1);
        Cancellation cancel = new Cancellation();
        CompletableFuture<HttpExchange.Collected> cancelled = exchange.openAsync(get("/drip"), call(), info -> {
            headers.countDown();
            return null; // collected
        }, TIMEOUT, cancel);
        assertThat(headers.await(10, TimeUnit.SECONDS)).as("the headers arrived").isTrue();
        Thread.sleep(100); // for the body to be subscribed (a cancel just before must end the call the same way)
        assertThat(cancelled).as("done before its body").isNotDone();
        cancel.cancel();
        assertThatThrownBy(() -> cancelled.get(10, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(hungUp.await(10, TimeUnit.SECONDS)).as("the client hung up on the body").isTrue();
        assertThat(exchange.live().size()).as("exchanges left registered").isZero();
    }

    @Test
    void closingEndsAnAsyncCallWhoseBodyStalls() throws Exception {
        CountDownLatch headers = new CountDownLatch(1);
        CompletableFuture<HttpExchange.Collected> closed = exchange.openAsync(get("/stall"), call(), info -> {
            headers.countDown();
            return null;
        }, TIMEOUT, new Cancellation());
        assertThat(headers.await(10, TimeUnit.SECONDS)).as("the headers arrived").isTrue();
        Thread.sleep(100);
        exchange.close();
        assertThatThrownBy(() -> closed.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ClientClosedException.class);
        assertThat(exchange.live().size()).as("exchanges left registered").isZero();
    }

    /** What a collect of the stalling body ends with. */
    private Throwable failureOfStalledCollect() {
        return failureOfCollect("/stall");
    }

    /** What a collect of a body that never ends ends with. */
    private Throwable failureOfCollect(String path) {
        try {
            exchange.collect(get(path), call(), TIMEOUT);
            return new AssertionError("the stalled body was collected");
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Waits until the caller has its response headers and waits for the body (not for the exchange). */
    private static void awaitBodyWait(Thread caller) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            java.util.List<String> frames = new java.util.ArrayList<>();
            for (StackTraceElement e : caller.getStackTrace()) {
                frames.add(e.getClassName() + "." + e.getMethodName());
            }
            String here = HttpExchange.class.getName();
            if (frames.contains(here + ".collect") && !frames.contains(here + ".exchange")
                    && caller.getState() == Thread.State.WAITING) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the caller never waited for the body");
    }

    @Test
    void aStreamOpeningAsTheClientClosesFailsAsClosedAndLetsItsConnectionGo() {
        java.util.concurrent.ScheduledExecutorService watchdog = exchange.scheduler(); // taken before close()
        exchange.close();
        assertThatThrownBy(() -> watchdog.schedule(() -> { }, 1, TimeUnit.SECONDS))
                .as("a task handed to the watchdog after close()").isInstanceOf(ClientClosedException.class);
        java.util.concurrent.atomic.AtomicBoolean bodyClosed = new java.util.concurrent.atomic.AtomicBoolean();
        java.io.InputStream body = new java.io.ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                bodyClosed.set(true);
            }
        };
        assertThatThrownBy(() -> new DefaultChatStream("1234567890123", body, ChatSettings.defaults(), watchdog,
                ticker, Secrets.create(), exchange.live(), new io.github.nemosdk.ClientListener() { }, null))
                .isInstanceOf(ClientClosedException.class);
        assertThat(bodyClosed).as("the stream's body was closed").isTrue();
    }
}
