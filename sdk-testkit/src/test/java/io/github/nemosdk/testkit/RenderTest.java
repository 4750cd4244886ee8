package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RenderTest {

    private static final String DRAFT = "{\"t\":[{\"tt\":0,\"sg\":[{\"d\":2000,\"m\":{\"name\":\"city\"}}]},"
            + "{\"tt\":1,\"sg\":[{\"d\":2000,\"m\":{\"name\":\"Lo-fi\",\"volume\":0.35}}]}],\"keep\":{\"x\":1}}";
    private static final String[] ATTRIBUTION = {"X-Skill-Source", "add-music", "X-Skill-Version", "1.0.0",
        "X-Skill-Platform", "github"};

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private NemoEmulator emu;
    private Http http;
    private String token;
    private String sid;

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    private void start(NemoEmulator.Builder builder) {
        emu = builder.start();
        http = new Http(emu);
        token = http.newToken("exporter");
        sid = http.newSession(token);
    }

    /** An emulator on the hand-moved clock, with 10-second renders. */
    private void startOnClock(NemoEmulator.Builder builder) {
        start(builder.clock(clock).renderDuration(Duration.ofSeconds(10)));
    }

    private static String body(String id, String sessionId, String draft, String output) {
        return "{\"id\":\"" + id + "\",\"sessionId\":\"" + sessionId + "\",\"draft\":" + draft
                + (output == null ? "" : ",\"output\":" + output) + "}";
    }

    private HttpResponse<String> startId(String id) {
        return startRender(body(id, sid, DRAFT, "{\"format\":\"mp4\",\"quality\":\"high\"}"));
    }

    private HttpResponse<String> startRender(String json) {
        return startRender(json, ATTRIBUTION);
    }

    private HttpResponse<String> startRender(String json, String... extraHeaders) {
        List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json"));
        headers.addAll(List.of(extraHeaders));
        return http.send("POST", "/api/render/proxy/lambda", json, headers.toArray(new String[0]));
    }

    private HttpResponse<String> poll(String id) {
        return http.send("GET", "/api/render/proxy/lambda/" + id, null, "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> cancel(String id) {
        return http.send("POST", "/api/render/proxy/lambda/" + id + "/cancel", null, "Authorization", "Bearer " + token);
    }

    /**
     * The job of a start or status answer: {@code data} of the render envelope, or, for the default top-level
     * status shape, the body read the same way ({@code taskId} as {@code id}, {@code output.url} as
     * {@code outputUrl}).
     */
    private static JsonNode renderData(HttpResponse<String> response) {
        JsonNode body = Http.json(response);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        if (!body.has("success")) {
            com.fasterxml.jackson.databind.node.ObjectNode job = ((com.fasterxml.jackson.databind.node.ObjectNode) body)
                    .deepCopy();
            job.set("id", body.get("taskId"));
            if (body.has("output")) {
                job.set("outputUrl", body.get("output").get("url"));
            }
            return job;
        }
        assertThat(body.get("success").asBoolean()).as(response.body()).isTrue();
        return body.get("data");
    }

    private static void assertRenderError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = Http.json(response);
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error").asText()).contains(error);
    }

    private static void assertMp4(byte[] bytes) {
        assertThat(bytes.length).isGreaterThan(1000);
        assertThat(new String(bytes, 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ftyp");
        int size = ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        assertThat(size).isBetween(16, 64);
        assertThat(new String(bytes, size + 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("moov");
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void aRenderCompletesInRealTimeWithRisingProgressAndServesAPlayableMp4() throws Exception {
        start(NemoEmulator.builder().renderDuration(Duration.ofSeconds(2))); // polls see it rendering, even slowly

        JsonNode started = renderData(startId("render_realtime_1"));
        assertThat(started.get("id").asText()).isEqualTo("render_realtime_1");
        assertThat(started.get("status").asText()).isEqualTo("pending");
        assertThat(started.get("progress").asInt()).isZero();

        List<String> statuses = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        JsonNode data;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        do {
            Thread.sleep(15);
            data = renderData(poll("render_realtime_1"));
            statuses.add(data.get("status").asText());
            progress.add(data.get("progress").asInt());
        } while (!data.get("status").asText().equals("completed") && System.nanoTime() < deadline);

        assertThat(data.get("status").asText()).isEqualTo("completed");
        assertThat(statuses).contains("processing").endsWith("completed");
        assertThat(progress).isSorted().endsWith(100);
        assertThat(progress.stream().filter(p -> p > 0 && p < 100)).isNotEmpty();
        assertThat(data.get("completedAt").asLong() - data.get("createdAt").asLong()).isEqualTo(2000);
        String url = data.get("outputUrl").asText();
        assertThat(url).isEqualTo(emu.baseUrl() + "/renders/render_realtime_1.mp4");

        HttpResponse<byte[]> output = Multipart.getBytes(URI.create(url));
        assertThat(output.statusCode()).isEqualTo(200);
        assertThat(output.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(output.headers().firstValue("Content-Length")).hasValue(Integer.toString(output.body().length));
        assertMp4(output.body());
        assertThat(output.body()).isEqualTo(SampleMedia.horizontalMp4());
    }

    @Test
    void statusFollowsTheInjectedClockPendingProcessingCompleted() {
        // the older shape: the URL at data.outputUrl, nothing at top level
        startOnClock(NemoEmulator.builder().renderStatusShape(RenderStatusShape.DATA_OUTPUT_URL));
        renderData(startId("render_clock"));
        long created = clock.instant().toEpochMilli();

        JsonNode pending = renderData(poll("render_clock"));
        clock.advance(Duration.ofSeconds(1));
        JsonNode early = renderData(poll("render_clock"));
        clock.advance(Duration.ofMillis(4500));
        JsonNode middle = renderData(poll("render_clock"));
        clock.advance(Duration.ofMillis(4499));
        JsonNode late = renderData(poll("render_clock"));
        assertThat(late.has("outputUrl")).isFalse();
        assertThat(Multipart.getBytes(emu.baseUrl().resolve("/renders/render_clock.mp4")).statusCode()).isEqualTo(404);
        clock.advance(Duration.ofMillis(1));
        JsonNode done = renderData(poll("render_clock"));

        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("createdAt").asLong()).isEqualTo(created);
        assertThat(pending.has("completedAt")).isFalse();
        assertThat(early.get("status").asText()).isEqualTo("processing");
        assertThat(early.get("progress").asInt()).isEqualTo(10);
        assertThat(middle.get("progress").asInt()).isEqualTo(55);
        assertThat(late.get("status").asText()).isEqualTo("processing");
        assertThat(late.get("progress").asInt()).isEqualTo(99);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("completedAt").asLong()).isEqualTo(created + 10_000);
        assertThat(done.has("error")).isFalse();
        assertThat(Http.json(poll("render_clock")).has("output")).isFalse();
    }

    @Test
    void theTopLevelOutputShapePutsTheUrlOutsideData() {
        startOnClock(NemoEmulator.builder().renderStatusShape(RenderStatusShape.TOP_LEVEL_OUTPUT));
        renderData(startId("render_shape"));
        assertThat(Http.json(poll("render_shape")).has("output")).isFalse();
        clock.advance(Duration.ofSeconds(10));

        JsonNode body = Http.json(poll("render_shape"));

        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("data").get("status").asText()).isEqualTo("completed");
        assertThat(body.get("data").has("outputUrl")).isFalse();
        assertThat(body.get("output").get("url").asText()).isEqualTo(emu.baseUrl() + "/renders/render_shape.mp4");
        assertMp4(Multipart.getBytes(URI.create(body.get("output").get("url").asText())).body());
    }

    @Test
    void theDownloadFallbackServesTheSameBytesToTheOwnerOnly() {
        startOnClock(NemoEmulator.builder());
        renderData(startId("render_dl"));
        URI download = emu.baseUrl().resolve("/api/render/proxy/render_dl/download");
        assertRenderError(http.send("GET", download.getPath(), null, "Authorization", "Bearer " + token), 404,
                "not completed");
        clock.advance(Duration.ofSeconds(10));

        HttpResponse<byte[]> owner = Multipart.getBytes(download, "Authorization", "Bearer " + token);
        HttpResponse<byte[]> anonymous = Multipart.getBytes(download);
        HttpResponse<byte[]> stranger = Multipart.getBytes(download, "Authorization", "Bearer " + http.newToken("x"));

        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(owner.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(owner.body()).isEqualTo(SampleMedia.horizontalMp4());
        assertThat(owner.body()).isEqualTo(Multipart.getBytes(emu.baseUrl().resolve("/renders/render_dl.mp4")).body());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(emu.requestCount(Endpoint.DOWNLOAD)).isEqualTo(4);
        assertThat(emu.requestCount(Endpoint.OUTPUT)).isEqualTo(1);
    }

    @Test
    void aTallOutputGetsTheVerticalSample() {
        startOnClock(NemoEmulator.builder());
        renderData(startRender(body("render_tall", sid, DRAFT, "{\"format\":\"mp4\",\"width\":1080,\"height\":1920}")));
        renderData(startRender(body("render_wide", sid, DRAFT, "{\"format\":\"mp4\",\"width\":1920,\"height\":1080}")));
        clock.advance(Duration.ofSeconds(10));

        assertThat(Multipart.getBytes(emu.baseUrl().resolve("/renders/render_tall.mp4")).body())
                .isEqualTo(SampleMedia.verticalMp4());
        assertThat(Multipart.getBytes(emu.baseUrl().resolve("/renders/render_wide.mp4")).body())
                .isEqualTo(SampleMedia.horizontalMp4());
    }

    @Test
    void uploadThenExportTheStateDraftEndToEnd() {
        startOnClock(NemoEmulator.builder());
        byte[] body = new Multipart("b0undary").file("files", "portrait.mp4", "video/mp4", SampleMedia.verticalMp4())
                .build();
        Http.successData(Multipart.post(emu.baseUrl().resolve("/api/upload-video/nemo_agent/me/" + sid), body,
                "Authorization", "Bearer " + token, "Content-Type", "multipart/form-data; boundary=b0undary"));
        JsonNode draft = Http.successData(http.state(token, sid)).get("state").get("draft");

        renderData(startRender(body("render_e2e", sid, draft.toString(), "{\"format\":\"mp4\",\"quality\":\"high\"}")));
        clock.advance(Duration.ofSeconds(10));

        String url = renderData(poll("render_e2e")).get("outputUrl").asText();
        byte[] mp4 = Multipart.getBytes(URI.create(url)).body();
        assertMp4(mp4);
        assertThat(mp4).isEqualTo(SampleMedia.verticalMp4());
    }

    @Test
    void exportIsFree() {
        startOnClock(NemoEmulator.builder());
        String before = http.credits(token).body();

        renderData(startId("render_free"));
        clock.advance(Duration.ofSeconds(10));
        renderData(poll("render_free"));

        assertThat(http.credits(token).body()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- refusals

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aMissingAttributionHeaderBlocksTheExportWith402(int missing) {
        startOnClock(NemoEmulator.builder());
        List<String> headers = new ArrayList<>(List.of(ATTRIBUTION));
        headers.remove(missing * 2);
        headers.remove(missing * 2);

        HttpResponse<String> response = startRender(body("render_402", sid, DRAFT, null),
                headers.toArray(new String[0]));

        assertThat(response.statusCode()).isEqualTo(402);
        JsonNode body = Http.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(402);
        assertThat(body.get("message").asText()).startsWith("export blocked: attribution headers missing")
                .contains(ATTRIBUTION[missing * 2]);
        assertRenderError(poll("render_402"), 404, "render not found");
        // The id was not used up.
        renderData(startId("render_402"));
    }

    @Test
    void blankAttributionHeadersCountAsMissing() {
        startOnClock(NemoEmulator.builder());

        HttpResponse<String> response = startRender(body("render_blank", sid, DRAFT, null),
                "X-Skill-Source", " ", "X-Skill-Version", "1.0.0", "X-Skill-Platform", "github");

        assertThat(response.statusCode()).isEqualTo(402);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"t\":[]}", "{\"t\":[{\"tt\":0,\"sg\":[]},{\"tt\":1}]}", "{}", "[]", "null"})
    void aDraftWithoutSegmentsIs400(String draft) {
        startOnClock(NemoEmulator.builder());

        assertRenderError(startRender(body("render_empty", sid, draft, null)), 400, "draft");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"sessionId\":\"SID\",\"draft\":DRAFT}",
        "{\"id\":\"\",\"sessionId\":\"SID\",\"draft\":DRAFT}",
        "{\"id\":\"render/../x\",\"sessionId\":\"SID\",\"draft\":DRAFT}",
        "{\"id\":\"render_1\",\"session_id\":\"SID\",\"draft\":DRAFT}",
        "{\"id\":\"render_1\",\"sessionId\":\"SID\",\"draft\":DRAFT,\"output\":{\"format\":\"gif\"}}",
        "{\"id\":\"render_1\",\"sessionId\":\"SID\",\"draft\":DRAFT,\"output\":{\"width\":1080}}",
        "{\"id\":\"render_1\",\"sessionId\":\"SID\",\"draft\":DRAFT,\"output\":\"mp4\"}",
        "{not json"})
    void malformedStartBodiesAre400(String template) {
        startOnClock(NemoEmulator.builder());

        HttpResponse<String> response = startRender(template.replace("SID", sid).replace("DRAFT", DRAFT));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).get("success").asBoolean()).isFalse();
    }

    @Test
    void snakeCaseSessionIdIsNamedInTheError() {
        startOnClock(NemoEmulator.builder());

        HttpResponse<String> response = startRender("{\"id\":\"render_s\",\"session_id\":\"" + sid + "\",\"draft\":"
                + DRAFT + "}");

        assertRenderError(response, 400, "camelCase");
    }

    @Test
    void needsATokenAndTheCallersSession() {
        startOnClock(NemoEmulator.builder());
        String otherSid = http.newSession(http.newToken("other"));

        HttpResponse<String> noToken = http.send("POST", "/api/render/proxy/lambda", body("render_a", sid, DRAFT, null),
                ATTRIBUTION);
        HttpResponse<String> foreign = startRender(body("render_b", otherSid, DRAFT, null));

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(Http.json(noToken).get("code").asInt()).isEqualTo(1001);
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(Http.json(foreign).get("code").asInt()).isEqualTo(1002);
        assertThat(http.send("GET", "/api/render/proxy/lambda/render_a", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aDuplicateIdIs409() {
        startOnClock(NemoEmulator.builder());
        renderData(startId("render_dup"));

        HttpResponse<String> again = startId("render_dup");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).isEqualTo("{\"success\":false,\"error\":\"render id already used\"}");
        // Ids are global: another user cannot reuse it either.
        token = http.newToken("another-user");
        sid = http.newSession(token);
        assertThat(startId("render_dup").statusCode()).isEqualTo(409);
        assertRenderError(poll("render_dup"), 404, "render not found");
    }

    @Test
    void duplicateIdModeRefusesEveryId() {
        startOnClock(NemoEmulator.builder().duplicateRenderIds(true));

        assertRenderError(startId("render_fresh_1"), 409, "render id already used");
        assertRenderError(startId("render_fresh_2"), 409, "render id already used");
        assertRenderError(poll("render_fresh_1"), 404, "render not found");
        assertThat(startRender(body("render_x", sid, DRAFT, null), "X-Skill-Source", "a").statusCode())
                .isEqualTo(402);
    }

    @Test
    void failNextRendersFromTheBuilderAndAtRunTime() {
        startOnClock(NemoEmulator.builder().failNextRenders(1));
        renderData(startId("render_f1"));
        renderData(startId("render_ok"));
        clock.advance(Duration.ofSeconds(4));
        assertThat(renderData(poll("render_f1")).get("status").asText()).isEqualTo("processing");
        clock.advance(Duration.ofSeconds(1));

        JsonNode failed = renderData(poll("render_f1"));
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("progress").asInt()).isEqualTo(50);
        assertThat(failed.get("error").asText()).isNotBlank();
        assertThat(failed.get("completedAt").asLong()).isEqualTo(failed.get("createdAt").asLong() + 5000);
        assertThat(failed.has("outputUrl")).isFalse();
        assertThat(Multipart.getBytes(emu.baseUrl().resolve("/renders/render_f1.mp4")).statusCode()).isEqualTo(404);
        clock.advance(Duration.ofSeconds(5));
        assertThat(renderData(poll("render_ok")).get("status").asText()).isEqualTo("completed");
        assertThat(renderData(poll("render_f1")).get("status").asText()).isEqualTo("failed");

        emu.failNextRenders(2);
        renderData(startId("render_f2"));
        renderData(startId("render_f3"));
        renderData(startId("render_ok2"));
        clock.advance(Duration.ofSeconds(10));
        assertThat(renderData(poll("render_f2")).get("status").asText()).isEqualTo("failed");
        assertThat(renderData(poll("render_f3")).get("status").asText()).isEqualTo("failed");
        assertThat(renderData(poll("render_ok2")).get("status").asText()).isEqualTo("completed");
        // The documented recovery: a new id, one retry.
        emu.failNextRenders(0);
        renderData(startId("render_f2_retry"));
        clock.advance(Duration.ofSeconds(10));
        assertThat(renderData(poll("render_f2_retry")).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void cancelStopsARunningRenderAndRefusesFinishedOnes() {
        startOnClock(NemoEmulator.builder());
        renderData(startId("render_c1"));
        renderData(startId("render_c2"));
        clock.advance(Duration.ofSeconds(3));

        JsonNode cancelled = renderData(cancel("render_c1"));
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("progress").asInt()).isEqualTo(30);
        assertThat(cancelled.get("completedAt").asLong()).isEqualTo(clock.instant().toEpochMilli());
        clock.advance(Duration.ofSeconds(10));

        assertThat(renderData(poll("render_c1")).get("status").asText()).isEqualTo("cancelled");
        assertThat(renderData(poll("render_c1")).has("outputUrl")).isFalse();
        assertRenderError(cancel("render_c1"), 409, "already finished");
        assertRenderError(cancel("render_c2"), 409, "already finished (completed)");
        assertRenderError(cancel("render_nope"), 404, "render not found");
        assertThat(Multipart.getBytes(emu.baseUrl().resolve("/renders/render_c1.mp4")).statusCode()).isEqualTo(404);
        assertThat(emu.requestCount(Endpoint.RENDER_CANCEL)).isEqualTo(4);
    }

    @Test
    void aPendingRenderCanBeCancelledToo() {
        startOnClock(NemoEmulator.builder());
        renderData(startId("render_p"));

        JsonNode cancelled = renderData(cancel("render_p"));

        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("progress").asInt()).isZero();
    }

    @Test
    void unknownRendersAre404EverywhereAndPollsOfOtherUsersToo() {
        startOnClock(NemoEmulator.builder());
        renderData(startId("render_mine"));
        String stranger = http.newToken("stranger");

        assertRenderError(poll("render_unknown"), 404, "render not found");
        assertThat(http.send("GET", "/api/render/proxy/lambda/render_mine", null, "Authorization", "Bearer " + stranger)
                .statusCode()).isEqualTo(404);
        assertThat(Multipart.getBytes(emu.baseUrl().resolve("/renders/render_unknown.mp4")).statusCode())
                .isEqualTo(404);
        assertThat(http.send("GET", "/api/render/proxy/render_unknown/download", null,
                "Authorization", "Bearer " + token).statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- faults

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"RENDER_START", "RENDER_POLL", "RENDER_CANCEL", "OUTPUT", "DOWNLOAD"})
    void faultsApplyToEveryRenderEndpoint(Endpoint endpoint) {
        start(NemoEmulator.builder().renderDuration(Duration.ZERO));
        renderData(startId("render_done"));
        renderData(poll("render_done"));
        emu.inject(endpoint, Fault.rateLimited(Duration.ofSeconds(7)), 1);
        emu.inject(endpoint, Fault.serverError(502), 1);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(call(endpoint, i));
        }

        assertThat(statuses.subList(0, 2)).containsExactly(429, 502);
        assertThat(statuses.get(2)).isIn(200, 409);
        assertThat(emu.requestCount(endpoint)).isGreaterThanOrEqualTo(3);
    }

    private int call(Endpoint endpoint, int attempt) {
        switch (endpoint) {
            case RENDER_START:
                return startId("render_fault_" + attempt).statusCode();
            case RENDER_POLL:
                return poll("render_done").statusCode();
            case RENDER_CANCEL:
                return cancel("render_done").statusCode();
            case OUTPUT:
                return Multipart.getBytes(emu.baseUrl().resolve("/renders/render_done.mp4")).statusCode();
            case DOWNLOAD:
                return Multipart.getBytes(emu.baseUrl().resolve("/api/render/proxy/render_done/download"),
                        "Authorization", "Bearer " + token).statusCode();
            default:
                throw new AssertionError(endpoint);
        }
    }

    @Test
    void dropConnectionWorksOnPolls() {
        startOnClock(NemoEmulator.builder());
        renderData(startId("render_drop"));
        emu.inject(Endpoint.RENDER_POLL, Fault.dropConnection(), 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.sendOrThrow("GET",
                "/api/render/proxy/lambda/render_drop", null, "Authorization", "Bearer " + token))
                .isInstanceOf(java.io.IOException.class);
        assertThat(renderData(poll("render_drop")).get("status").asText()).isEqualTo("pending");
    }

    @Test
    void builderRejectsBadRenderSettings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NemoEmulator.builder()
                .renderDuration(Duration.ofMillis(-1)).start()).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NemoEmulator.builder()
                .failNextRenders(-1).start()).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NemoEmulator.builder()
                .uploadLimits(-1, 10).start()).isInstanceOf(IllegalArgumentException.class);
        start(NemoEmulator.builder());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> emu.failNextRenders(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
