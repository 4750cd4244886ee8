package io.github.nemosdk.render;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.nemosdk.ClientListener;
import io.github.nemosdk.ManualClock;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.RequestEvent;
import io.github.nemosdk.TestMedia;
import io.github.nemosdk.errors.DraftNotReadyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asynchronous export: the same result as the blocking one with no thread waiting between polls, and a cancel
 * that stops everything: the render it started is cancelled on the service, no poll or request follows, no file is
 * left (the part file of a download under way is removed) and the download's connection is closed.
 */
@WireMockTest
@Timeout(60)
class AsyncRenderTest {
    private static final String SID = "7000000000000000004";
    private static final String DRAFT = "{\"t\":[{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"clip\"}}]}]}";
    private static final byte[] MP4 = TestMedia.mp4(64);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private NemoClient.Builder builder(WireMockRuntimeInfo wm) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).token("nmv_usr_render")
                .environment(Map.of()).configDirectory(dir.resolve("cfg")).clock(clock).executor(executor)
                .requestTimeout(Duration.ofSeconds(5))
                .listener(new ClientListener() {
                    @Override
                    public void onRequestStart(RequestEvent request) {
                        requests.add(request.endpoint());
                    }
                })
                .renderSettings(RenderSettings.of(Duration.ofSeconds(10), Duration.ofMinutes(10)));
    }

    private static void stubStateAndStart() {
        stubFor(get("/api/state/nemo_agent/me/" + SID + "/latest").willReturn(okJson(
                "{\"code\":0,\"data\":{\"state\":{\"draft\":" + DRAFT + "}}}")));
        stubFor(post("/api/render/proxy/lambda").willReturn(aResponse().withStatus(200).withHeader("Content-Type",
                "application/json").withTransformers("response-template").withBody(
                "{\"success\":true,\"data\":{\"id\":\"{{jsonPath request.body '$.id'}}\",\"status\":\"pending\","
                        + "\"progress\":0}}")));
        stubFor(post(urlPathMatching("/api/render/proxy/lambda/render_.*/cancel")).willReturn(okJson(
                "{\"success\":true}")));
    }

    private static String status(String status, int progress, String extra) {
        return "{\"success\":true,\"data\":{\"id\":\"x\",\"status\":\"" + status + "\",\"progress\":" + progress
                + extra + "}}";
    }

    private static String startedRenderId() throws IOException {
        List<String> ids = new java.util.ArrayList<>();
        for (var r : WireMock.findAll(postRequestedFor(urlEqualTo("/api/render/proxy/lambda")))) {
            ids.add(new ObjectMapper().readTree(r.getBodyAsString()).get("id").asText());
        }
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    private List<Path> filesIn(Path d) throws IOException {
        if (!Files.exists(d)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(d)) {
            return files.collect(Collectors.toList());
        }
    }

    @Test
    void theAsyncExportGivesTheBlockingExportsResult(WireMockRuntimeInfo wm) throws Exception {
        stubStateAndStart();
        stubFor(get(urlPathMatching("/api/render/proxy/lambda/render_.*")).inScenario("r")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(status("processing", 50, "")))
                .willSetStateTo("done"));
        stubFor(get(urlPathMatching("/api/render/proxy/lambda/render_.*")).inScenario("r").whenScenarioStateIs("done")
                .willReturn(okJson(status("completed", 100, ",\"outputUrl\":\"" + wm.getHttpBaseUrl()
                        + "/cdn/out.mp4\""))));
        stubFor(get("/cdn/out.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));
        Path out = dir.resolve("videos/final.mp4");
        List<Integer> progress = new CopyOnWriteArrayList<>();
        ExportResult result;
        try (NemoClient client = builder(wm).sleeper(d -> {
            sleeps.add(d);
            clock.advance(d);
        }).build()) {
            result = client.async().render().export(SID, out, RenderOptions.defaults(),
                    job -> progress.add(job.progress())).get(20, TimeUnit.SECONDS);
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(MP4);
        assertThat(result.renders()).isEqualTo(1);
        assertThat(result.file()).isEqualTo(out);
        assertThat(progress).containsExactly(50, 100);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10));
        verify(getRequestedFor(urlEqualTo("/cdn/out.mp4")).withHeader("Authorization", absent()));
        assertThat(filesIn(out.getParent())).containsExactly(out);
    }

    @Test
    void badInputIsRefusedAtOnceAndANotReadyDraftFailsTheFuture(WireMockRuntimeInfo wm) {
        stubFor(get("/api/state/nemo_agent/me/" + SID + "/latest").willReturn(okJson(
                "{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[]}}}}")));
        try (NemoClient client = builder(wm).build()) {
            assertThatThrownBy(() -> client.async().render().export("../x", dir.resolve("a.mp4")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.async().render().export(SID, dir))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("directory");
            assertThatThrownBy(() -> client.async().render().start(SID, io.github.nemosdk.state.Draft.parse(
                    "{\"t\":[]}"))).isInstanceOf(DraftNotReadyException.class);
            CompletableFuture<ExportResult> f = client.async().render().export(SID, dir.resolve("a.mp4"));
            assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(DraftNotReadyException.class);
        }
        assertThat(requests).containsExactly("state");
    }

    @Test
    void cancellingWhileTheRenderRunsCancelsItOnTheServiceAndSendsNothingMore(WireMockRuntimeInfo wm)
            throws Exception {
        stubStateAndStart();
        stubFor(get(urlPathMatching("/api/render/proxy/lambda/render_.*")).willReturn(okJson(
                status("processing", 30, ""))));
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch cancelSent = new CountDownLatch(1);
        Path out = dir.resolve("out/final.mp4");
        try (NemoClient client = builder(wm).sleeper(d -> {
            waiting.countDown(); // the first poll is done: the export waits for the next
            release.await();
        }).listener(new ClientListener() {
            @Override
            public void onRequestStart(RequestEvent request) {
                requests.add(request.endpoint());
            }

            @Override
            public void onRequestEnd(RequestEvent request) {
                if (request.endpoint().equals("render-cancel")) {
                    cancelSent.countDown();
                }
            }
        }).build()) {
            CompletableFuture<ExportResult> export = client.async().render().export(SID, out);
            waiting.await();
            assertThat(export.cancel(true)).isTrue();
            cancelSent.await();
            release.countDown(); // the wait ends; the next poll must not be sent
            executor.submit(() -> { }).get(20, TimeUnit.SECONDS); // the wait's task has finished
            assertThat(export).isCancelled();
        }
        String id = startedRenderId();
        verify(1, postRequestedFor(urlEqualTo("/api/render/proxy/lambda/" + id + "/cancel")));
        assertThat(requests).containsExactly("state", "render-start", "render-poll", "render-cancel");
        assertThat(WireMock.getAllServeEvents()).hasSize(4);
        assertThat(filesIn(out.getParent())).isEmpty();
    }

    @Test
    void cancellingDuringTheDownloadRemovesThePartFileAndClosesTheConnection(WireMockRuntimeInfo wm)
            throws Exception {
        try (DribblingServer cdn = new DribblingServer()) {
            stubStateAndStart();
            stubFor(get(urlPathMatching("/api/render/proxy/lambda/render_.*")).willReturn(okJson(status("completed",
                    100, ",\"outputUrl\":\"http://127.0.0.1:" + cdn.port() + "/out.mp4\""))));
            Path out = dir.resolve("out/final.mp4");
            try (NemoClient client = builder(wm).sleeper(d -> { }).build()) {
                CompletableFuture<ExportResult> export = client.async().render().export(SID, out);
                cdn.sent.await();
                while (filesIn(out.getParent()).stream().noneMatch(AsyncRenderTest::hasBytes)) {
                    Thread.sleep(5); // until the part file holds what was sent so far
                }
                assertThat(export.cancel(true)).isTrue();
                assertThat(filesIn(out.getParent())).as("files right after cancel").isEmpty();
                cdn.closedByClient.await();
                assertThat(export).isCancelled();
            }
            assertThat(filesIn(out.getParent())).isEmpty();
            assertThat(cdn.connections).hasValue(1);
            assertThat(requests).containsExactly("state", "render-start", "render-poll");
        }
    }

    @Test
    void aCancelDuringARetryWaitOfTheDownloadLeavesNoPartFile(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get(urlPathMatching("/api/render/proxy/render_x/download")).willReturn(aResponse().withStatus(503)
                .withBody("{\"code\":503,\"message\":\"busy\"}")));
        CountDownLatch retrying = new CountDownLatch(1);
        Path out = dir.resolve("out/final.mp4");
        // no Sleeper: the retry waits on the client's real timer, 30 s, and the cancel comes while it waits
        try (NemoClient client = builder(wm).retry(io.github.nemosdk.RetrySettings.builder().jitter(0)
                .initialBackoff(Duration.ofSeconds(30)).maxBackoff(Duration.ofSeconds(30)).build())
                .listener(new ClientListener() {
                    @Override
                    public void onRetry(io.github.nemosdk.RetryEvent retry) {
                        retrying.countDown();
                    }
                }).build()) {
            RenderJob done = RenderJob.of("render_x", RenderStatus.COMPLETED, 100, null, null, null, null);
            CompletableFuture<Path> download = client.async().render().download(done, out);
            retrying.await();
            assertThat(filesIn(out.getParent())).as("the part file while the retry waits").hasSize(1);
            assertThat(download.cancel(true)).isTrue();
            while (!filesIn(out.getParent()).isEmpty()) {
                Thread.sleep(5); // the chain ends at once; bounded by the class's timeout
            }
        }
        verify(1, getRequestedFor(urlEqualTo("/api/render/proxy/render_x/download")));
    }

    @Test
    void aRefusedStartIsNotFollowedByACancel(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get("/api/state/nemo_agent/me/" + SID + "/latest").willReturn(okJson(
                "{\"code\":0,\"data\":{\"state\":{\"draft\":" + DRAFT + "}}}")));
        stubFor(post("/api/render/proxy/lambda").willReturn(aResponse().withStatus(400)
                .withBody("{\"success\":false,\"error\":\"bad draft\"}")));
        try (NemoClient client = builder(wm).sleeper(d -> { }).build()) {
            CompletableFuture<ExportResult> export = client.async().render().export(SID, dir.resolve("x.mp4"));
            assertThatThrownBy(() -> export.get(20, TimeUnit.SECONDS)).isInstanceOf(
                    java.util.concurrent.ExecutionException.class);
        }
        assertThat(requests).containsExactly("state", "render-start");
    }

    private static boolean hasBytes(Path p) {
        try {
            return p.getFileName().toString().endsWith(".part") && Files.size(p) > 0;
        } catch (IOException e) {
            return false; // removed meanwhile
        }
    }

    /** Sends the headers of a 1 MB video and its first 64 KiB, then nothing; notes when the client hangs up. */
    static final class DribblingServer implements AutoCloseable {
        final CountDownLatch sent = new CountDownLatch(1);
        final CountDownLatch closedByClient = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        DribblingServer() throws IOException {
            Thread t = new Thread(this::serve, "dribbling-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    open.add(s);
                    connections.incrementAndGet();
                    InputStream in = s.getInputStream();
                    StringBuilder head = new StringBuilder();
                    int c;
                    while ((c = in.read()) != -1 && !head.append((char) c).toString().endsWith("\r\n\r\n")) {
                        // the request head
                    }
                    OutputStream o = s.getOutputStream();
                    o.write(("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 1000000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    o.write(TestMedia.mp4(64 * 1024), 0, 64 * 1024);
                    o.flush();
                    sent.countDown();
                    while (in.read() != -1) {
                        // hold until the client hangs up
                    }
                    closedByClient.countDown();
                } catch (IOException e) {
                    closedByClient.countDown();
                }
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
