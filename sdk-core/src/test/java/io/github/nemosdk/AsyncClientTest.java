package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.nemosdk.async.AsyncNemoClient;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.errors.ClientClosedException;
import io.github.nemosdk.errors.InsufficientCreditsException;
import io.github.nemosdk.errors.InvalidUploadException;
import io.github.nemosdk.state.SessionState;
import io.github.nemosdk.uploads.UploadResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asynchronous client against WireMock and a raw socket server: the sync client's names and results, the three
 * policies (429 backoff, 1001 re-authentication, 1002 session recreation) without a thread waiting, no thread held
 * per pending call, and a cancel that releases the connection.
 */
@WireMockTest
class AsyncClientTest {
    private static final String CREDITS = "/api/credits/balance/simple";
    private static final String TOKEN = "/api/auth/anonymous-token";
    private static final String OK_CREDITS = "{\"code\":0,\"data\":{\"available\":90,\"frozen\":10,\"total\":100}}";

    @TempDir
    Path dir;

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    private NemoClient.Builder builder(String baseUrl) {
        return NemoClient.builder().baseUrl(URI.create(baseUrl)).environment(Map.of())
                .configDirectory(dir.resolve("cfg")).sleeper(waits::add)
                .retry(RetrySettings.builder().jitter(0).build());
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void theAsyncClientHasTheBlockingClientsNamesAndResults(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get(CREDITS).willReturn(okJson(OK_CREDITS)));
        stubFor(post("/api/tasks/me/with-session/nemo_agent").willReturn(okJson(
                "{\"code\":0,\"data\":{\"session_id\":\"1234567890123\",\"task_id\":\"t1\"}}")));
        stubFor(get("/api/state/nemo_agent/me/1234567890123/latest").willReturn(okJson(
                "{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[]}}}}")));
        stubFor(post("/api/upload-video/nemo_agent/me/1234567890123").willReturn(okJson(
                "{\"code\":0,\"data\":{\"files\":[{\"filename\":\"clip.mp4\",\"file_type\":\"video\","
                        + "\"cdn_url\":\"https://cdn.example/clip.mp4\"}]}}")));
        Path clip = Files.write(dir.resolve("clip.mp4"), TestMedia.mp4(4096));
        try (NemoClient client = builder(wm.getHttpBaseUrl()).token("nmv_usr_async").build()) {
            AsyncNemoClient async = client.async();
            CreditBalance balance = await(async.credits().balance());
            assertThat(balance).isEqualTo(client.credits().balance());
            assertThat(await(async.sessions().create()).sessionId()).isEqualTo("1234567890123");
            SessionState state = await(async.state("1234567890123").latest());
            assertThat(state.sessionId()).isEqualTo("1234567890123");
            UploadResult up = await(async.uploads("1234567890123").file(clip));
            assertThat(up.files()).hasSize(1);

            // bad input is refused at once, before anything is sent
            assertThatThrownBy(() -> async.state("../credits")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> async.uploads("1234567890123").file(dir.resolve("missing.mp4")))
                    .isInstanceOf(InvalidUploadException.class);
            assertThatThrownBy(() -> async.chat("1234567890123").send(" "))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> async.sessions().create("", "en")).isInstanceOf(IllegalArgumentException.class);
        }
        verify(1, postRequestedFor(urlEqualTo("/api/upload-video/nemo_agent/me/1234567890123")));
    }

    @Test
    void aRateLimitIsWaitedOutOnTheClientsWaitsAndTheCallSucceeds(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get(CREDITS).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withBody("{\"code\":429,\"message\":\"slow down\"}"))
                .willSetStateTo("ok"));
        stubFor(get(CREDITS).inScenario("429").whenScenarioStateIs("ok").willReturn(okJson(OK_CREDITS)));
        try (NemoClient client = builder(wm.getHttpBaseUrl()).token("nmv_usr_async").build()) {
            assertThat(await(client.async().credits().balance()).available()).isEqualTo(90);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        verify(2, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @Test
    void aRejectedAnonymousTokenIsRenewedOnceAndTheCallRepeated(WireMockRuntimeInfo wm) throws Exception {
        stubFor(post(TOKEN).inScenario("t").whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(
                token("nmv_anon_first"))).willSetStateTo("second"));
        stubFor(post(TOKEN).inScenario("t").whenScenarioStateIs("second").willReturn(okJson(
                token("nmv_anon_second"))));
        stubFor(get(CREDITS).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                "Bearer nmv_anon_first")).willReturn(aResponse().withStatus(401)
                        .withBody("{\"code\":1001,\"message\":\"token expired\"}")));
        stubFor(get(CREDITS).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                "Bearer nmv_anon_second")).willReturn(okJson(OK_CREDITS)));
        try (NemoClient client = builder(wm.getHttpBaseUrl()).tokenCache(false).build()) {
            assertThat(await(client.async().credits().balance()).total()).isEqualTo(100);
        }
        verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        verify(2, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @Test
    void aLostSessionIsReplacedAndTheReadRepeatedOnTheReplacement(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get("/api/state/nemo_agent/me/111/latest").willReturn(aResponse().withStatus(404)
                .withBody("{\"code\":1002,\"message\":\"session not found\"}")));
        stubFor(post("/api/tasks/me/with-session/nemo_agent").willReturn(okJson(
                "{\"code\":0,\"data\":{\"session_id\":\"222\",\"task_id\":\"t2\"}}")));
        stubFor(get("/api/state/nemo_agent/me/222/latest").willReturn(okJson(
                "{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[]}}}}")));
        try (NemoClient client = builder(wm.getHttpBaseUrl()).token("nmv_usr_async")
                .sessionRecovery(SessionRecovery.RECREATE).build()) {
            SessionState state = await(client.async().state("111").latest());
            assertThat(state.sessionId()).isEqualTo("222");
            assertThat(state.replacement()).hasValueSatisfying(r -> assertThat(r.lostSessionId()).isEqualTo("111"));
        }
        verify(1, postRequestedFor(urlEqualTo("/api/tasks/me/with-session/nemo_agent")));
    }

    @Test
    void aRefusalFailsTheFutureWithTheBlockingCallsTypedException(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(aResponse().withStatus(402)
                .withBody("{\"code\":2001,\"message\":\"no credits\"}")));
        try (NemoClient client = builder(wm.getHttpBaseUrl()).token("nmv_usr_async").build()) {
            assertThatThrownBy(() -> await(client.async().credits().balance()))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InsufficientCreditsException.class);
        }
    }

    @Test
    @Timeout(60)
    void pendingCallsHoldNoThreadAndCancellingThemReleasesTheirConnections() throws Exception {
        int calls = 40;
        try (HoldingServer server = new HoldingServer();
                NemoClient client = builder("http://127.0.0.1:" + server.port()).token("nmv_usr_async")
                        .allowInsecureHttp(true).requestTimeout(Duration.ofMinutes(5)).build()) {
            java.util.Set<Thread> asyncBefore = Thread.getAllStackTraces().keySet(); // earlier clients' may be ending
            long before = threads("nemo-") + threads("HttpClient");
            List<CompletableFuture<CreditBalance>> pending = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                pending.add(client.async().credits().balance());
            }
            server.received.await(); // every request is at the server, none answered
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> !asyncBefore.contains(t))
                    .filter(t -> t.getName().startsWith("nemo-async")))
                    .as("executor threads while %d calls wait", calls).isEmpty();
            assertThat(threads("nemo-http")).as("the HTTP client's pool").isBetween(1L,
                    (long) io.github.nemosdk.internal.HttpClients.POOL_THREADS);
            assertThat(threads("nemo-") + threads("HttpClient") - before)
                    .as("threads of the SDK and its HTTP client while %d calls wait", calls)
                    .isLessThanOrEqualTo(io.github.nemosdk.internal.HttpClients.POOL_THREADS + 1);

            for (CompletableFuture<CreditBalance> f : pending) {
                assertThat(f.cancel(true)).isTrue();
            }
            server.closedByClient.await(); // each connection is closed from the client's side
            for (CompletableFuture<CreditBalance> f : pending) {
                assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
            }
        }
    }

    @Test
    @Timeout(60)
    void closingTheClientFailsPendingAsyncCallsAsClosed() throws Exception {
        try (HoldingServer server = new HoldingServer()) {
            NemoClient client = builder("http://127.0.0.1:" + server.port()).token("nmv_usr_async")
                    .allowInsecureHttp(true).build();
            CompletableFuture<CreditBalance> pending = client.async().credits().balance();
            server.firstReceived.await();
            client.close();
            assertThatThrownBy(() -> await(pending)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ClientClosedException.class);
            assertThatThrownBy(() -> await(client.async().credits().balance()))
                    .hasCauseInstanceOf(ClientClosedException.class);
        }
    }

    @Test
    void anHttpExecutorOfTheUsersRunsTheExchangesAndIsLeftOpen(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get(CREDITS).willReturn(okJson(OK_CREDITS)));
        AtomicInteger started = new AtomicInteger();
        java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            started.incrementAndGet();
            Thread t = new Thread(r, "my-http");
            t.setDaemon(true);
            return t;
        });
        try {
            try (NemoClient client = builder(wm.getHttpBaseUrl()).token("nmv_usr_async").httpExecutor(mine).build()) {
                assertThat(await(client.async().credits().balance()).available()).isEqualTo(90);
                assertThat(client.credits().balance().available()).isEqualTo(90);
            }
            assertThat(started.get()).as("threads made by the user's executor").isPositive();
            assertThat(mine.isShutdown()).isFalse();
            assertThatThrownBy(() -> builder(wm.getHttpBaseUrl()).httpClient(java.net.http.HttpClient.newHttpClient())
                    .httpExecutor(mine).build()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("httpExecutor(...)");
        } finally {
            mine.shutdownNow();
        }
    }

    private static String token(String token) {
        return "{\"code\":0,\"data\":{\"token\":\"" + token + "\",\"user_id\":\"usr_1\","
                + "\"expires_at\":\"2099-01-01T00:00:00Z\",\"credits\":100}}";
    }

    /** Live threads whose names start so ({@code nemo-}: the SDK's; {@code HttpClient}: the JDK client's). */
    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith(prefix)).count();
    }

    @Test
    @Timeout(60)
    void cancellingCallsWhoseBodiesStallReleasesTheirConnectionsAndClosingFailsTheRest() throws Exception {
        int calls = 40;
        try (HoldingServer server = new HoldingServer(true, calls - 1)) {
            NemoClient client = builder("http://127.0.0.1:" + server.port()).token("nmv_usr_async")
                    .allowInsecureHttp(true).requestTimeout(Duration.ofMinutes(5)).build();
            List<CompletableFuture<CreditBalance>> pending = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                pending.add(client.async().credits().balance());
            }
            server.received.await(); // every request has its headers and the first bytes of a body that stalls
            CompletableFuture<CreditBalance> kept = pending.remove(calls - 1);
            for (CompletableFuture<CreditBalance> f : pending) {
                assertThat(f.cancel(true)).isTrue();
            }
            for (CompletableFuture<CreditBalance> f : pending) {
                assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
            }
            server.closedByClient.await(); // each cancelled call's connection is closed from the client's side
            client.close();
            assertThatThrownBy(() -> await(kept)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ClientClosedException.class);
        }
    }

    /**
     * Accepts connections, reads each request's head and never answers (or answers with headers and the first bytes
     * of a body that never ends); notes when the client closes a connection.
     */
    static final class HoldingServer implements AutoCloseable {
        final CountDownLatch firstReceived = new CountDownLatch(1);
        final CountDownLatch received = new CountDownLatch(40);
        final CountDownLatch closedByClient;
        private final ServerSocket socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final AtomicInteger threads = new AtomicInteger();
        private final boolean stallBody;

        HoldingServer() throws IOException {
            this(false, 40);
        }

        HoldingServer(boolean stallBody, int closes) throws IOException {
            this.stallBody = stallBody;
            this.closedByClient = new CountDownLatch(closes);
            Thread acceptor = new Thread(this::accept, "holding-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    open.add(s);
                    Thread t = new Thread(() -> hold(s), "holding-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void hold(Socket s) {
            try (InputStream in = s.getInputStream()) {
                StringBuilder head = new StringBuilder();
                int c;
                while ((c = in.read()) != -1) {
                    head.append((char) c);
                    if (head.toString().endsWith("\r\n\r\n")) {
                        break;
                    }
                }
                if (stallBody) {
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\n\r\n{\"code\":0,").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
                if (head.toString().startsWith("GET")) {
                    firstReceived.countDown();
                    received.countDown();
                }
                while (in.read() != -1) {
                    // nothing is answered: wait for the client to hang up
                }
                closedByClient.countDown();
            } catch (IOException e) {
                closedByClient.countDown();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
