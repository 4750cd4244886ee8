package io.github.nemosdk.render;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.nemosdk.ManualClock;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.errors.ExportBlockedException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.RenderFailedException;
import io.github.nemosdk.errors.RenderTimeoutException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.state.Draft;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Render behaviour of the revised API reference: shapes, in-transit retries, refusals, cadence, draft paths. */
@WireMockTest
class RenderRevisedApiTest {
    private static final String SID = "7000000000000000044";
    private static final String DRAFT = "{\"t\":[{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"clip\"}}]}]}";
    private static final byte[] MP4 = io.github.nemosdk.TestMedia.mp4(64);
    private static final String START = "/api/render/proxy/lambda";

    @TempDir
    Path dir;

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T10:00:00Z"));

    private NemoClient.Builder builder(WireMockRuntimeInfo wm) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).environment(Map.of())
                .configDirectory(dir.resolve("cfg")).clock(clock).requestTimeout(Duration.ofSeconds(2))
                .webUrl(URI.create("https://web.example"))
                .sleeper(d -> {
                    sleeps.add(d);
                    clock.advance(d);
                });
    }

    private NemoClient client(WireMockRuntimeInfo wm) {
        return builder(wm).token("nmv_usr_render").build();
    }

    private static void stubState(String stateJson) {
        stubFor(get("/api/state/nemo_agent/me/" + SID + "/latest").willReturn(okJson(
                "{\"code\":0,\"data\":{\"state\":" + stateJson + ",\"session_id\":\"" + SID + "\"}}")));
    }

    private static void stubStart() {
        stubFor(post(START).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withTransformers("response-template").withBody("{\"success\":true,\"data\":{\"id\":"
                        + "\"{{jsonPath request.body '$.id'}}\",\"status\":\"pending\",\"progress\":5}}")));
    }

    private static List<String> startBodies() {
        return WireMock.findAll(postRequestedFor(urlEqualTo(START))).stream()
                .map(r -> r.getBodyAsString()).collect(Collectors.toList());
    }

    private static String idOf(String body) {
        int i = body.indexOf("\"id\":\"") + 6;
        return body.substring(i, body.indexOf('"', i));
    }

    @Test
    void aJobReadsAsAProgressLine() {
        URI none = null;
        assertThat(RenderJob.of("r", RenderStatus.PENDING, 0, none, null, null, null).display())
                .isEqualTo("Waiting to render");
        assertThat(RenderJob.of("r", RenderStatus.PROCESSING, 11, none, null, null, null).display())
                .isEqualTo("Rendering 11%");
        assertThat(RenderJob.of("r", RenderStatus.COMPLETED, 100, none, null, null, null).display())
                .isEqualTo("Rendering 100%");
        assertThat(RenderJob.of("r", RenderStatus.FAILED, 40, none, null, null, "codec error").display())
                .isEqualTo("Render failed: codec error");
    }

    @Test
    void theTopLevelStatusShapeGivesUrlDurationSizeAndError(WireMockRuntimeInfo wm) {
        stubFor(get(urlMatching(START + "/render_a")).willReturn(okJson("{\"taskId\":\"render_a\","
                + "\"status\":\"completed\",\"progress\":100,\"output\":{\"url\":\"https://cdn.example/o.mp4\","
                + "\"duration\":12.5,\"size\":345678},\"createdAt\":1796444000000,\"completedAt\":1796444060000}")));
        stubFor(get(urlMatching(START + "/render_b")).willReturn(okJson("{\"taskId\":\"render_b\","
                + "\"status\":\"failed\",\"progress\":40,\"error\":{\"message\":\"encoder crashed\"}}")));
        try (NemoClient client = client(wm)) {
            RenderJob done = client.render().get("render_a");
            assertThat(done.status()).isEqualTo(RenderStatus.COMPLETED);
            assertThat(done.outputUrl()).contains(URI.create("https://cdn.example/o.mp4"));
            assertThat(done.outputDuration()).contains(Duration.ofMillis(12_500));
            assertThat(done.outputSize()).hasValue(345_678);
            assertThat(done.completedAt()).contains(Instant.ofEpochMilli(1796444060000L));
            RenderJob failed = client.render().get("render_b");
            assertThat(failed.status()).isEqualTo(RenderStatus.FAILED);
            assertThat(failed.error()).contains("encoder crashed");
        }
    }

    @Test
    void aCompletedStatusWithoutUrlIsDownloadedFromTheAuthenticatedEndpoint(WireMockRuntimeInfo wm)
            throws Exception {
        stubState("{\"draft\":" + DRAFT + "}");
        stubStart();
        stubFor(get(urlMatching(START + "/render_.*")).willReturn(okJson(
                "{\"taskId\":\"x\",\"status\":\"completed\",\"progress\":100}")));
        stubFor(get(urlMatching("/api/render/proxy/render_.*/download")).willReturn(aResponse()
                .withHeader("Content-Type", "video/mp4").withBody(MP4)));
        Path out = dir.resolve("out.mp4");
        try (NemoClient client = client(wm)) {
            client.render().export(SID, out);
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(MP4);
        verify(1, getRequestedFor(urlMatching("/api/render/proxy/render_.*/download")));
    }

    @Test
    void startAndPollFailuresInTransitAreRetriedWithTheSameId(WireMockRuntimeInfo wm) throws Exception {
        stubState("{\"draft\":" + DRAFT + "}");
        stubFor(post(START).inScenario("start").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("oops")).willSetStateTo("408"));
        stubFor(post(START).inScenario("start").whenScenarioStateIs("408")
                .willReturn(aResponse().withStatus(408)).willSetStateTo("ok"));
        stubFor(post(START).inScenario("start").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withTransformers("response-template").withBody(
                        "{\"success\":true,\"data\":{\"id\":\"{{jsonPath request.body '$.id'}}\","
                                + "\"status\":\"pending\",\"progress\":5}}")));
        stubFor(get(urlMatching(START + "/render_.*")).inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<html>busy</html>")).willSetStateTo("done"));
        stubFor(get(urlMatching(START + "/render_.*")).inScenario("poll").whenScenarioStateIs("done")
                .willReturn(okJson("{\"taskId\":\"x\",\"status\":\"completed\",\"progress\":100,\"output\":{"
                        + "\"url\":\"" + wm.getHttpBaseUrl() + "/o.mp4\"}}")));
        stubFor(get("/o.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));
        try (NemoClient client = client(wm)) {
            client.render().export(SID, dir.resolve("out.mp4"));
        }
        List<String> bodies = startBodies();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.stream().map(RenderRevisedApiTest::idOf).distinct()).hasSize(1);
        verify(2, getRequestedFor(urlMatching(START + "/render_.*")));
    }

    @Test
    void aRefused400StartIsNeverRetried(WireMockRuntimeInfo wm) {
        stubFor(post(START).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"draft is invalid\"}")));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.render().start(SID, Draft.parse(DRAFT)))
                    .isInstanceOfSatisfying(NemoApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        }
        assertThat(startBodies()).hasSize(1);
    }

    private void stubAnonymousToken() {
        stubFor(post("/api/auth/anonymous-token").willReturn(okJson("{\"code\":0,\"data\":{\"token\":"
                + "\"nmv_usr_anon1\",\"user_id\":\"anon_abc123\",\"credits\":100}}")));
    }

    @Test
    void anAnonymousExportRefusedWith402SaysToRegisterWithTheLinkAndIsNotRetried(WireMockRuntimeInfo wm) {
        stubAnonymousToken();
        stubFor(post(START).willReturn(aResponse().withStatus(402).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":402,\"message\":\"register at nemovideo.com to unlock export\"}")));
        try (NemoClient client = builder(wm).build()) {
            assertThatThrownBy(() -> client.render().start(SID, Draft.parse(DRAFT)))
                    .isInstanceOfSatisfying(ExportBlockedException.class, e -> {
                        assertThat(e.registrationLink()).contains(URI.create(
                                "https://web.example/register?bind=anon_abc123"));
                        assertThat(e.getMessage()).contains("Register at https://web.example/register?bind="
                                + "anon_abc123");
                    });
        }
        assertThat(startBodies()).hasSize(1);
        verify(1, postRequestedFor(urlEqualTo("/api/auth/anonymous-token")));
    }

    @Test
    void aBare401OnStartIsAnExportRefusalAndSpendsNoNewAnonymousToken(WireMockRuntimeInfo wm) {
        stubAnonymousToken();
        stubFor(post(START).willReturn(aResponse().withStatus(401)));
        try (NemoClient client = builder(wm).build()) {
            assertThatThrownBy(() -> client.render().start(SID, Draft.parse(DRAFT)))
                    .isInstanceOfSatisfying(ExportBlockedException.class, e -> assertThat(e.registrationLink())
                            .contains(URI.create("https://web.example/register?bind=anon_abc123")));
        }
        assertThat(startBodies()).hasSize(1);
        verify(1, postRequestedFor(urlEqualTo("/api/auth/anonymous-token")));
    }

    @Test
    void pollingStartsAfterTwoSecondsAndBacksOffToFifteenWithinTheDeadline(WireMockRuntimeInfo wm) {
        stubFor(get(urlMatching(START + "/render_p")).willReturn(okJson(
                "{\"taskId\":\"render_p\",\"status\":\"processing\",\"progress\":50}")));
        try (NemoClient client = builder(wm).token("nmv_usr_render").build()) {
            assertThatThrownBy(() -> client.render().awaitCompletion("render_p", Duration.ofSeconds(60)))
                    .isInstanceOf(RenderTimeoutException.class);
        }
        // 2, 3, 4.5, 6.75, 10.125, then 15 each, the last one cut short by the 60 s deadline
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(4500),
                Duration.ofMillis(6750), Duration.ofMillis(10_125), Duration.ofSeconds(15), Duration.ofSeconds(15),
                Duration.ofMillis(60_000 - 2000 - 3000 - 4500 - 6750 - 10_125 - 15_000 - 15_000));
    }

    private static void stubStartTaken() {
        stubFor(post(START).willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"error\":\"id exists\"}")));
    }

    /** The id of the last start sent. */
    private static String lastStartId() {
        List<String> bodies = startBodies();
        String body = bodies.get(bodies.size() - 1);
        int at = body.indexOf("\"render_");
        return body.substring(at + 1, body.indexOf('"', at + 1));
    }

    @Test
    void aStartAnswered409IsTheJobItsIdLeadsTo(WireMockRuntimeInfo wm) throws Exception {
        // a start whose first attempt went through (its answer lost, the start sent again) finds the job it started
        stubStartTaken();
        stubFor(get(urlMatching(START + "/render_[^/]*")).willReturn(okJson(
                "{\"taskId\":\"x\",\"status\":\"processing\",\"progress\":40}")));
        try (NemoClient client = client(wm)) {
            RenderJob job = client.render().start(SID, Draft.parse(DRAFT));
            assertThat(job.id()).isEqualTo(lastStartId());
            assertThat(job.progress()).isEqualTo(40);
            RenderJob async = client.async().render().start(SID, Draft.parse(DRAFT)).get(20, TimeUnit.SECONDS);
            assertThat(async.id()).isEqualTo(lastStartId()).isNotEqualTo(job.id());
        }
        verify(2, getRequestedFor(urlMatching(START + "/render_[^/]*")));
    }

    @Test
    void aStartAnswered409WhoseIdLeadsToNoJobSaysToStartAgain(WireMockRuntimeInfo wm) {
        stubStartTaken();
        stubFor(get(urlMatching(START + "/render_[^/]*")).willReturn(aResponse().withStatus(404)));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.render().start(SID, Draft.parse(DRAFT)))
                    .isInstanceOf(RenderFailedException.class).hasMessageContaining("already in use")
                    .hasMessageContaining("Start again");
            assertThatThrownBy(() -> client.async().render().start(SID, Draft.parse(DRAFT)).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(RenderFailedException.class).hasMessageContaining("already in use");
        }
    }

    @Test
    void aStartAnswered409WhoseJobCannotBeReadReportsWhyNotThatTheIdIsTaken(WireMockRuntimeInfo wm) {
        // the read of the job fails (after its own retries) in transit or with a server error: the job may well
        // exist, so the user is not told that the id is someone else's and to start again (a second render)
        stubStartTaken();
        try (NemoClient client = client(wm)) {
            stubFor(get(urlMatching(START + "/render_[^/]*")).willReturn(aResponse()
                    .withFault(Fault.CONNECTION_RESET_BY_PEER)));
            assertThatThrownBy(() -> client.render().start(SID, Draft.parse(DRAFT)))
                    .isInstanceOf(NemoTransportException.class).hasMessageContaining(lastStartId());
            assertThatThrownBy(() -> client.async().render().start(SID, Draft.parse(DRAFT)).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(NemoTransportException.class);
            stubFor(get(urlMatching(START + "/render_[^/]*")).willReturn(aResponse().withStatus(503)));
            assertThatThrownBy(() -> client.render().start(SID, Draft.parse(DRAFT)))
                    .isInstanceOf(ServerErrorException.class);
            assertThatThrownBy(() -> client.async().render().start(SID, Draft.parse(DRAFT)).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ServerErrorException.class);
        }
        assertThat(startBodies()).hasSize(4); // a 409 is not sent again
    }

    @Test
    void aCancelAnswered409IsReportedNotThrown(WireMockRuntimeInfo wm) {
        stubFor(post(START + "/render_r/cancel").willReturn(aResponse().withStatus(409).withHeader(
                "Content-Type", "application/json").withBody("{\"success\":false,\"error\":\"job is running\"}")));
        stubFor(post(START + "/render_q/cancel").willReturn(okJson("{\"success\":true}")));
        try (NemoClient client = client(wm)) {
            assertThat(client.render().cancel("render_r")).isFalse();
            assertThat(client.render().cancel("render_q")).isTrue();
        }
        verify(1, postRequestedFor(urlEqualTo(START + "/render_r/cancel")));
    }

    @Test
    void anExportTimingOutWhoseCancelIsAnswered409StillReportsTheTimeout(WireMockRuntimeInfo wm) {
        stubState("{\"draft\":" + DRAFT + "}");
        stubStart();
        stubFor(get(urlMatching(START + "/render_.*")).willReturn(okJson(
                "{\"taskId\":\"x\",\"status\":\"processing\",\"progress\":50}")));
        stubFor(post(urlMatching(START + "/render_.*/cancel")).willReturn(aResponse().withStatus(409)));
        try (NemoClient client = builder(wm).token("nmv_usr_render")
                .renderSettings(RenderSettings.builder().timeout(Duration.ofSeconds(20)).build()).build()) {
            assertThatThrownBy(() -> client.render().export(SID, dir.resolve("out.mp4")))
                    .isInstanceOf(RenderTimeoutException.class);
        }
        verify(1, postRequestedFor(urlMatching(START + "/render_.*/cancel")));
        assertThat(dir.resolve("out.mp4")).doesNotExist();
    }

    @Test
    void sandboxPathsBecomeTheUploadedFilesUrlsAndEveryNumberGoesBackExactly(WireMockRuntimeInfo wm)
            throws Exception {
        stubFor(post("/api/upload-video/nemo_agent/me/" + SID).willReturn(okJson("{\"code\":0,\"data\":{"
                + "\"files\":[{\"filename\":\"beach.mp4\",\"file_type\":\"video\",\"cdn_url\":"
                + "\"https://cdn.example/u/beach.mp4\",\"duration\":10}],\"session_state_applied\":true}}")));
        String draft = "{\"t\":[{\"tt\":0,\"sg\":["
                + "{\"d\":10000,\"m\":{\"name\":\"beach\",\"url\":\"/mnt/userdata/s1/beach.mp4\",\"speed\":1.50}},"
                + "{\"d\":5000,\"m\":{\"name\":\"city\",\"src\":[\"/mnt/userdata/s1/city.mov\"]}},"
                + "{\"d\":1,\"m\":{\"name\":\"gone\",\"url\":\"/mnt/userdata/s1/other.mp4\"}}]}],"
                + "\"note\":\"see /mnt/userdata/s1/beach.mp4\",\"w\":0.12345678901234567890123,"
                + "\"big\":123456789012345678901234567890,\"e\":1E+3}";
        stubState("{\"draft\":" + draft + ",\"video_infos\":[{\"filename\":\"city.mov\","
                + "\"cdn_url\":\"https://cdn.example/u/city.mov\"}]}");
        stubStart();
        stubFor(get(urlMatching(START + "/render_.*")).willReturn(okJson("{\"taskId\":\"x\",\"status\":"
                + "\"completed\",\"progress\":100,\"output\":{\"url\":\"" + wm.getHttpBaseUrl() + "/o.mp4\"}}")));
        stubFor(get("/o.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));
        Path clip = dir.resolve("beach.mp4");
        Files.write(clip, MP4);
        try (NemoClient client = client(wm)) {
            client.uploads(SID).file(clip);
            client.render().export(SID, dir.resolve("out.mp4"));
        }
        String body = startBodies().get(0);
        String sent = body.substring(body.indexOf("\"draft\":") + 8, body.indexOf(",\"output\""));
        assertThat(sent).isEqualTo(draft
                .replace("\"url\":\"/mnt/userdata/s1/beach.mp4\"", "\"url\":\"https://cdn.example/u/beach.mp4\"")
                .replace("[\"/mnt/userdata/s1/city.mov\"]", "[\"https://cdn.example/u/city.mov\"]"));
        // a sandbox path inside other text, and one no upload matches, go back as they were
        assertThat(sent).contains("\"note\":\"see /mnt/userdata/s1/beach.mp4\"")
                .contains("\"url\":\"/mnt/userdata/s1/other.mp4\"");
    }

    @Test
    void anAnonymousUserTheTokenResponseDidNotNameIsStillToldToRegister(WireMockRuntimeInfo wm) {
        stubFor(post("/api/auth/anonymous-token").willReturn(okJson("{\"code\":0,\"data\":{\"token\":"
                + "\"nmv_usr_anon2\",\"credits\":100}}")));
        stubFor(post(START).willReturn(aResponse().withStatus(402).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":402,\"message\":\"register to unlock export\"}")));
        try (NemoClient client = builder(wm).build()) {
            assertThatThrownBy(() -> client.render().start(SID, Draft.parse(DRAFT)))
                    .isInstanceOfSatisfying(ExportBlockedException.class, e -> {
                        assertThat(e.registrationLink()).contains(URI.create("https://web.example/register"));
                        assertThat(e.getMessage()).contains("Register at https://web.example/register");
                    });
        }
    }

    @Test
    void aBare401OnStartWithAFixedTokenIsARejectedTokenNotAnExportRefusal(WireMockRuntimeInfo wm) {
        stubFor(post(START).willReturn(aResponse().withStatus(401)));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.render().start(SID, Draft.parse(DRAFT)))
                    .isInstanceOf(io.github.nemosdk.errors.TokenExpiredException.class)
                    .hasMessageContaining("provide a fresh one");
        }
        assertThat(startBodies()).hasSize(1);
    }

    @Test
    void aPollThatStillFailsAfterItsRetriesIsPolledAgainUntilTheDeadline(WireMockRuntimeInfo wm) throws Exception {
        stubState("{\"draft\":" + DRAFT + "}");
        stubStart();
        String poll = START + "/render_.*";
        String state = Scenario.STARTED;
        for (int i = 0; i < 4; i++) { // more failures in a row than one poll's retries
            stubFor(get(urlMatching(poll)).inScenario("poll").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("f" + i));
            state = "f" + i;
        }
        stubFor(get(urlMatching(poll)).inScenario("poll").whenScenarioStateIs(state).willReturn(okJson(
                "{\"taskId\":\"x\",\"status\":\"completed\",\"progress\":100,\"output\":{\"url\":\""
                        + wm.getHttpBaseUrl() + "/o.mp4\"}}")));
        stubFor(get("/o.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));
        try (NemoClient client = client(wm)) {
            client.render().export(SID, dir.resolve("out.mp4"));
        }
        assertThat(Files.readAllBytes(dir.resolve("out.mp4"))).isEqualTo(MP4);
        verify(5, getRequestedFor(urlMatching(poll)));
    }

    @Test
    void anExportAndItsRetriedRenderShareOneTotalDeadline(WireMockRuntimeInfo wm) {
        stubState("{\"draft\":" + DRAFT + "}");
        stubStart();
        String poll = START + "/render_.*";
        String processing = "{\"taskId\":\"x\",\"status\":\"processing\",\"progress\":40}";
        // the first render fails at its fifth poll (after 2 + 3 + 4.5 + 6.75 s); the retried one never finishes
        String state = Scenario.STARTED;
        for (int i = 0; i < 4; i++) {
            stubFor(get(urlMatching(poll)).inScenario("poll").whenScenarioStateIs(state).willReturn(okJson(processing))
                    .willSetStateTo("p" + i));
            state = "p" + i;
        }
        stubFor(get(urlMatching(poll)).inScenario("poll").whenScenarioStateIs(state).willReturn(okJson(
                "{\"taskId\":\"x\",\"status\":\"failed\",\"progress\":50,\"error\":\"boom\"}"))
                .willSetStateTo("second"));
        stubFor(get(urlMatching(poll)).inScenario("poll").whenScenarioStateIs("second").willReturn(okJson(processing)));
        stubFor(post(urlMatching(START + "/render_.*/cancel")).willReturn(okJson("{\"success\":true}")));
        java.time.Instant begin = clock.instant();
        try (NemoClient client = builder(wm).token("nmv_usr_render")
                .renderSettings(RenderSettings.builder().timeout(Duration.ofSeconds(20)).build()).build()) {
            assertThatThrownBy(() -> client.render().export(SID, dir.resolve("out.mp4")))
                    .isInstanceOf(RenderTimeoutException.class);
        }
        assertThat(startBodies()).as("the failed render was retried once").hasSize(2);
        assertThat(Duration.between(begin, clock.instant())).as("one deadline for both renders")
                .isEqualTo(Duration.ofSeconds(20));
    }
}
