package io.github.nemosdk.render;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.nemosdk.ManualClock;
import io.github.nemosdk.ManualTicker;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.errors.DownloadFailedException;
import io.github.nemosdk.errors.DraftNotReadyException;
import io.github.nemosdk.errors.RenderFailedException;
import io.github.nemosdk.errors.RenderTimeoutException;
import io.github.nemosdk.state.Draft;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@WireMockTest
class RenderTest {
    private static final String SID = "7000000000000000004";
    private static final String DRAFT = "{\"t\":[{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"clip\"}}]}],"
            + "\"fx\":{\"keep\":[1,2]}}";
    private static final byte[] MP4 = io.github.nemosdk.TestMedia.mp4(64);

    @TempDir
    Path dir;

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));

    private NemoClient client(WireMockRuntimeInfo wm) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).token("nmv_usr_render")
                .environment(Map.of()).configDirectory(dir.resolve("cfg")).clock(clock)
                .requestTimeout(Duration.ofSeconds(2))
                .sleeper(d -> {
                    sleeps.add(d);
                    clock.advance(d);
                })
                .renderSettings(RenderSettings.of(Duration.ofSeconds(10), Duration.ofSeconds(25))).build();
    }

    private static void stubState(String draft) {
        stubFor(get("/api/state/nemo_agent/me/" + SID + "/latest").willReturn(okJson(
                "{\"code\":0,\"data\":{\"state\":{\"draft\":" + draft + "}}}")));
    }

    private static void stubStart() {
        stubFor(post("/api/render/proxy/lambda").willReturn(aResponse().withStatus(200).withHeader("Content-Type",
                "application/json").withTransformers("response-template").withBody(
                "{\"success\":true,\"data\":{\"id\":\"{{jsonPath request.body '$.id'}}\",\"status\":\"pending\","
                        + "\"progress\":0}}")));
    }

    private static String status(String status, int progress, String extra) {
        return "{\"success\":true,\"data\":{\"id\":\"x\",\"status\":\"" + status + "\",\"progress\":" + progress
                + extra + "}}";
    }

    private List<String> renderIds() {
        ObjectMapper m = new ObjectMapper();
        return WireMock.findAll(postRequestedFor(urlEqualTo("/api/render/proxy/lambda"))).stream().map(r -> {
            try {
                return m.readTree(r.getBodyAsString()).get("id").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toList());
    }

    @Test
    void startSendsTheDraftVerbatimWithAUniqueIdAndTheOutput(WireMockRuntimeInfo wm) throws Exception {
        stubStart();
        try (NemoClient client = client(wm)) {
            RenderJob a = client.render().start(SID, Draft.parse(DRAFT));
            RenderJob b = client.render().start(SID, Draft.parse(DRAFT), RenderOptions.vertical());
            assertThat(a.id()).startsWith("render_").isNotEqualTo(b.id());
            assertThat(a.status()).isEqualTo(RenderStatus.PENDING);
        }
        List<JsonNode> bodies = WireMock.findAll(postRequestedFor(urlEqualTo("/api/render/proxy/lambda"))).stream()
                .map(r -> {
                    try {
                        return new ObjectMapper().readTree(r.getBodyAsString());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).collect(Collectors.toList());
        assertThat(bodies.get(0).get("sessionId").asText()).isEqualTo(SID);
        assertThat(bodies.get(0).get("draft")).isEqualTo(new ObjectMapper().readTree(DRAFT));
        assertThat(bodies.get(0).get("output").toString()).isEqualTo("{\"format\":\"mp4\",\"quality\":\"high\"}");
        assertThat(bodies.get(1).get("output").toString())
                .isEqualTo("{\"format\":\"mp4\",\"quality\":\"high\",\"width\":1080,\"height\":1920}");
    }

    @Test
    void bothStatusShapesGiveTheOutputUrl(WireMockRuntimeInfo wm) {
        stubFor(get("/api/render/proxy/lambda/render_a").willReturn(okJson(status("completed", 100,
                ",\"outputUrl\":\"https://cdn.example/a.mp4\",\"createdAt\":1763719200000,\"completedAt\":1763719260000"))));
        stubFor(get("/api/render/proxy/lambda/render_b").willReturn(okJson(
                "{\"success\":true,\"data\":{\"id\":\"render_b\",\"status\":\"completed\",\"progress\":100},"
                        + "\"output\":{\"url\":\"https://cdn.example/b.mp4\"}}")));
        try (NemoClient client = client(wm)) {
            RenderJob a = client.render().get("render_a");
            assertThat(a.outputUrl()).contains(URI.create("https://cdn.example/a.mp4"));
            assertThat(a.completedAt()).contains(Instant.ofEpochMilli(1763719260000L));
            assertThat(client.render().get("render_b").outputUrl()).contains(URI.create("https://cdn.example/b.mp4"));
            assertThatThrownBy(() -> client.render().get("../credits")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void awaitHonoursOneTotalDeadlineAndReportsProgress(WireMockRuntimeInfo wm) {
        stubFor(get("/api/render/proxy/lambda/render_slow").willReturn(okJson(status("processing", 40, ""))));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.render().awaitCompletion("render_slow", Duration.ofSeconds(25),
                    job -> seen.add(job.progress())))
                    .isInstanceOf(RenderTimeoutException.class).hasMessageContaining("40%");
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5));
        verify(4, getRequestedFor(urlEqualTo("/api/render/proxy/lambda/render_slow")));
        assertThat(seen).containsOnly(40).hasSize(4);
    }

    @Test
    void exportRendersWaitsDownloadsAndNeverSendsTheTokenToTheOutputUrl(WireMockRuntimeInfo wm) throws Exception {
        stubState(DRAFT);
        stubStart();
        stubFor(get(urlPathMatching("/api/render/proxy/lambda/render_.*")).inScenario("r")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(status("processing", 50, "")))
                .willSetStateTo("done"));
        stubFor(get(urlPathMatching("/api/render/proxy/lambda/render_.*")).inScenario("r").whenScenarioStateIs("done")
                .willReturn(okJson(status("completed", 100, ",\"outputUrl\":\"" + wm.getHttpBaseUrl()
                        + "/cdn/out.mp4\""))));
        stubFor(get("/cdn/out.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));
        Path out = dir.resolve("videos/final.mp4");
        ExportResult result;
        try (NemoClient client = client(wm)) {
            result = client.render().export(SID, out);
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(MP4);
        assertThat(result.renders()).isEqualTo(1);
        assertThat(result.job().status()).isEqualTo(RenderStatus.COMPLETED);
        verify(getRequestedFor(urlEqualTo("/cdn/out.mp4")).withHeader("Authorization", absent()));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10));
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void aFailedRenderIsRetriedOnceWithANewId(WireMockRuntimeInfo wm) throws Exception {
        stubState(DRAFT);
        stubStart();
        stubFor(get(urlPathMatching("/api/render/proxy/lambda/render_.*")).inScenario("f")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(status("failed", 10,
                        ",\"error\":\"gpu node lost\""))).willSetStateTo("second"));
        stubFor(get(urlPathMatching("/api/render/proxy/lambda/render_.*")).inScenario("f")
                .whenScenarioStateIs("second").willReturn(okJson(status("completed", 100, ""))));
        stubFor(get(urlMatching("/api/render/proxy/render_.*/download")).willReturn(aResponse()
                .withHeader("Content-Type", "video/mp4").withBody(MP4)));
        Path out = dir.resolve("retry.mp4");
        try (NemoClient client = client(wm)) {
            ExportResult r = client.render().export(SID, out);
            assertThat(r.renders()).isEqualTo(2);
        }
        assertThat(renderIds()).hasSize(2).doesNotHaveDuplicates();
        assertThat(Files.readAllBytes(out)).isEqualTo(MP4);
        verify(getRequestedFor(urlMatching("/api/render/proxy/render_.*/download"))
                .withHeader("Authorization", equalTo("Bearer nmv_usr_render")));
    }

    @Test
    void twoFailedRendersFailTheExportWithTheReason(WireMockRuntimeInfo wm) {
        stubState(DRAFT);
        stubStart();
        stubFor(get(urlPathMatching("/api/render/proxy/lambda/render_.*")).willReturn(okJson(status("failed", 0,
                ",\"error\":\"bad draft\""))));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.render().export(SID, dir.resolve("x.mp4")))
                    .isInstanceOf(RenderFailedException.class).hasMessageContaining("bad draft");
        }
        assertThat(renderIds()).hasSize(2).doesNotHaveDuplicates();
        assertThat(dir.resolve("x.mp4")).doesNotExist();
    }

    @Test
    void anExportThatTimesOutCancelsItsRender(WireMockRuntimeInfo wm) {
        stubState(DRAFT);
        stubStart();
        stubFor(get(urlPathMatching("/api/render/proxy/lambda/render_.*")).willReturn(okJson(status("pending", 0,
                ""))));
        stubFor(post(urlMatching("/api/render/proxy/lambda/render_.*/cancel")).willReturn(okJson(
                "{\"success\":true,\"data\":{}}")));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.render().export(SID, dir.resolve("late.mp4")))
                    .isInstanceOf(RenderTimeoutException.class);
        }
        verify(1, postRequestedFor(urlMatching("/api/render/proxy/lambda/render_.*/cancel")));
    }

    @Test
    void anEmptyTimelineIsRefusedBeforeAnyRender(WireMockRuntimeInfo wm) {
        stubState("{\"t\":[]}");
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.render().export(SID, dir.resolve("x.mp4")))
                    .isInstanceOf(DraftNotReadyException.class).hasMessageContaining("Timeline (0 tracks)")
                    .hasMessageContaining("uploads");
        }
        verify(0, postRequestedFor(urlEqualTo("/api/render/proxy/lambda")));
    }

    @Test
    void cancelPostsToTheCancelEndpoint(WireMockRuntimeInfo wm) {
        stubFor(post("/api/render/proxy/lambda/render_c/cancel").willReturn(okJson("{\"success\":true}")));
        try (NemoClient client = client(wm)) {
            client.render().cancel("render_c");
        }
        verify(1, postRequestedFor(urlEqualTo("/api/render/proxy/lambda/render_c/cancel"))
                .withRequestBody(absent().or(equalTo(""))));
    }

    @Test
    void aFailedDownloadLeavesNoPartialFileAndKeepsTheOldOne(WireMockRuntimeInfo wm) throws Exception {
        RenderJob job = RenderJob.of("render_d", RenderStatus.COMPLETED, 100,
                URI.create(wm.getHttpBaseUrl() + "/cdn/d.mp4"), null, null, null);
        stubFor(get("/cdn/d.mp4").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        stubFor(get("/api/render/proxy/render_d/download").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "video/mp4").withHeader("Content-Length", "1000").withBody(MP4)));
        Path out = Files.writeString(dir.resolve("keep.mp4"), "previous export");
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.render().download(job, out))
                    .isInstanceOf(DownloadFailedException.class).hasMessageContaining("Nothing was written");
        }
        assertThat(Files.readString(out)).isEqualTo("previous export");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        verify(getRequestedFor(urlEqualTo("/api/render/proxy/render_d/download"))
                .withHeader("Authorization", equalTo("Bearer nmv_usr_render")));
    }

    @Test
    void aFastStartFileCutWhereItsMediaDataBeginsIsNeverSavedAsTheVideo(WireMockRuntimeInfo wm) throws Exception {
        byte[] whole = io.github.nemosdk.TestMedia.mp4(2000); // ftyp, moov, mdat: the index first ("fast start")
        byte[] cut = java.util.Arrays.copyOf(whole, 24 + 8); // ftyp and moov, whole boxes, and nothing after them
        RenderJob job = RenderJob.of("render_f", RenderStatus.COMPLETED, 100,
                URI.create(wm.getHttpBaseUrl() + "/cdn/f.mp4"), null, null, null);
        stubFor(get("/cdn/f.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(cut)
                .withChunkedDribbleDelay(2, 20)));
        stubFor(get("/api/render/proxy/render_f/download").willReturn(aResponse()
                .withHeader("Content-Type", "video/mp4").withBody(cut).withChunkedDribbleDelay(2, 20)));
        Path out = dir.resolve("f.mp4");
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.render().download(job, out))
                    .isInstanceOf(DownloadFailedException.class).hasMessageContaining("no 'mdat' box");
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void aBodyWithoutLengthThatEndsEarlyIsNeverSavedAsTheVideo(WireMockRuntimeInfo wm) throws Exception {
        byte[] whole = io.github.nemosdk.TestMedia.mp4(2000);
        byte[] cut = java.util.Arrays.copyOf(whole, 1200); // ends inside mdat, cleanly, without a length to tell
        RenderJob job = RenderJob.of("render_t", RenderStatus.COMPLETED, 100,
                URI.create(wm.getHttpBaseUrl() + "/cdn/t.mp4"), null, null, null);
        stubFor(get("/cdn/t.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(cut)
                .withChunkedDribbleDelay(3, 30)));
        stubFor(get("/api/render/proxy/render_t/download").willReturn(aResponse()
                .withHeader("Content-Type", "video/mp4").withBody(cut).withChunkedDribbleDelay(3, 30)));
        Path out = Files.writeString(dir.resolve("keep-t.mp4"), "previous export");
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.render().download(job, out))
                    .isInstanceOf(DownloadFailedException.class).hasMessageContaining("not a whole video")
                    .hasMessageContaining("cut off");
        }
        assertThat(Files.readString(out)).isEqualTo("previous export");

        stubFor(get("/cdn/t.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(whole)
                .withChunkedDribbleDelay(3, 30)));
        try (NemoClient client = client(wm)) {
            client.render().download(job, out);
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(whole);
    }

    @Test
    @Timeout(30) // the dribble lasts a minute: only the progress deadline can end the download in time
    void aDownloadDribblingBytesFailsAtItsProgressDeadlineNotWhenTheDribbleEnds(WireMockRuntimeInfo wm) {
        RenderJob job = RenderJob.of("render_s", RenderStatus.COMPLETED, 100,
                URI.create(wm.getHttpBaseUrl() + "/cdn/s.mp4"), null, null, null);
        // a byte or two every 100 ms for a minute: with the ticker running 2x faster than real time here, a chunk
        // every 200 ms of the ticker, never idle for requestTimeout (2 s, 1 s of real time: a pause of a loaded
        // machine does not look like a stall) but far too slow; the end is never awaited
        stubFor(get("/cdn/s.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4")
                .withBody(io.github.nemosdk.TestMedia.mp4(1000)).withChunkedDribbleDelay(600, 60_000)));
        stubFor(get("/api/render/proxy/render_s/download").willReturn(aResponse().withStatus(404)));
        ManualTicker ticker = new ManualTicker();
        Runnable stop = ticker.runFaster(Duration.ofMillis(20));
        try (NemoClient client = NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl()))
                .token("nmv_usr_render").environment(Map.of()).configDirectory(dir.resolve("cfg")).ticker(ticker)
                .requestTimeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(() -> client.render().download(job, dir.resolve("s.mp4")))
                    .isInstanceOf(DownloadFailedException.class)
                    .satisfies(e -> assertThat(e.getCause().getSuppressed()).anySatisfy(first -> assertThat(first)
                            .isInstanceOf(io.github.nemosdk.errors.NemoTimeoutException.class)
                            .hasMessageContaining("too slow")));
        } finally {
            stop.run();
        }
        assertThat(dir.resolve("s.mp4")).doesNotExist();
    }

    @Test
    void aBrokenOutputUrlFallsBackToTheAuthenticatedEndpoint(WireMockRuntimeInfo wm) throws Exception {
        RenderJob job = RenderJob.of("render_e", RenderStatus.COMPLETED, 100,
                URI.create(wm.getHttpBaseUrl() + "/cdn/e.mp4"), null, null, null);
        stubFor(get("/cdn/e.mp4").willReturn(aResponse().withStatus(403)));
        stubFor(get("/api/render/proxy/render_e/download").willReturn(aResponse()
                .withHeader("Content-Type", "video/mp4").withBody(MP4)));
        Path out = dir.resolve("e.mp4");
        try (NemoClient client = client(wm)) {
            client.render().download(job, out);
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(MP4);
    }

    @Test
    void theDownloadedVideoGetsTheUsualPermissionsNotOwnerOnly(WireMockRuntimeInfo wm) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews().contains("posix"));
        RenderJob job = RenderJob.of("render_p", RenderStatus.COMPLETED, 100,
                URI.create(wm.getHttpBaseUrl() + "/cdn/p.mp4"), null, null, null);
        stubFor(get("/cdn/p.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));
        Path out = dir.resolve("p.mp4");
        Path reference = Files.createFile(dir.resolve("reference"));
        try (NemoClient client = client(wm)) {
            client.render().download(job, out);
        }
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(reference));
    }
}
