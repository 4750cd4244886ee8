package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.nemosdk.auth.AnonymousToken;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.sessions.Session;
import io.github.nemosdk.state.Canvas;
import io.github.nemosdk.state.Draft;
import io.github.nemosdk.state.SessionState;
import io.github.nemosdk.state.Track;
import io.github.nemosdk.state.TrackType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint of the SDK against WireMock: the request sent and the typed result. */
@WireMockTest
class EndpointsTest {
    private static final String TOKEN = "nmv_usr_testtoken";
    private static final String CLIENT_ID = "3f6c1c8e-7a1b-4c2d-9e0f-123456789abc";
    private static final String SID = "7301234567890123456";
    private static final String TOKEN_PATH = "/api/auth/anonymous-token";
    private static final String SESSION_PATH = "/api/tasks/me/with-session/nemo_agent";
    private static final String CREDITS_PATH = "/api/credits/balance/simple";
    private static final String STATE_PATH = "/api/state/nemo_agent/me/" + SID + "/latest";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    private NemoClient.Builder builder(WireMockRuntimeInfo wm) {
        return NemoClient.builder()
                .baseUrl(URI.create(wm.getHttpBaseUrl()))
                .configDirectory(tempDir)
                .environment(Map.of())
                .sleeper(d -> { });
    }

    private NemoClient client(WireMockRuntimeInfo wm) {
        return builder(wm).token(TOKEN).build();
    }

    // ---------------------------------------------------------------- anonymous token

    @Test
    void anonymousTokenFromGatewayEnvelope(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN_PATH).willReturn(okJson("{\"code\":0,\"message\":\"success\",\"data\":{"
                + "\"token\":\"nmv_usr_anon123\",\"user_id\":\"usr-42\",\"expires_at\":\"2030-01-02T03:04:05Z\","
                + "\"credits\":100,\"some_new_field\":{\"x\":1}}}")));

        AnonymousToken token;
        try (NemoClient client = builder(wm).clientId(CLIENT_ID).build()) {
            token = client.auth().anonymousToken();
        }

        assertThat(token.token()).isEqualTo("nmv_usr_anon123");
        assertThat(token.userId()).contains("usr-42");
        assertThat(token.expiresAt()).contains(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(token.credits()).hasValue(100);
        assertThat(token.toString()).doesNotContain("nmv_usr_anon123").doesNotContain("anon123");

        List<LoggedRequest> requests = findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        LoggedRequest r = requests.get(0);
        assertThat(r.getMethod().getName()).isEqualTo("POST");
        assertThat(r.getUrl()).isEqualTo(TOKEN_PATH);
        assertThat(r.getHeader("X-Client-Id")).isEqualTo(CLIENT_ID);
        assertThat(r.containsHeader("Authorization")).as("no Authorization on token acquisition").isFalse();
        assertThat(r.getBodyAsString()).isEmpty();
    }

    @Test
    void anonymousTokenAtTopLevelWithoutEnvelope(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN_PATH).willReturn(okJson("{\"token\":\"nmv_usr_toplevel9\",\"user_id\":\"usr-7\","
                + "\"expires_at\":\"2030-01-02T11:04:05+08:00\",\"credits\":100}")));

        AnonymousToken token;
        try (NemoClient client = builder(wm).clientId(CLIENT_ID).build()) {
            token = client.auth().anonymousToken();
        }

        assertThat(token.token()).isEqualTo("nmv_usr_toplevel9");
        assertThat(token.userId()).contains("usr-7");
        assertThat(token.expiresAt()).contains(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(token.credits()).hasValue(100);
        assertThat(token.toString()).doesNotContain("nmv_usr_toplevel9");
        verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("X-Client-Id", equalTo(CLIENT_ID))
                .withoutHeader("Authorization"));
    }

    @Test
    void anonymousTokenResponseWithoutTokenIsAProtocolError(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN_PATH).willReturn(okJson("{\"code\":0,\"data\":{\"user_id\":\"usr-1\",\"credits\":100}}")));

        try (NemoClient client = builder(wm).clientId(CLIENT_ID).build()) {
            assertThatThrownBy(() -> client.auth().anonymousToken())
                    .isInstanceOf(NemoProtocolException.class)
                    .hasMessageContaining("no token");
        }
    }

    @Test
    void generatedClientIdIsPersistedAndReusedAcrossClients(WireMockRuntimeInfo wm) throws Exception {
        stubFor(post(TOKEN_PATH).willReturn(okJson("{\"code\":0,\"data\":{\"token\":\"nmv_usr_a1b2c3d4\"}}")));

        try (NemoClient first = builder(wm).build()) {
            first.auth().anonymousToken();
        }
        try (NemoClient second = builder(wm).build()) {
            second.auth().anonymousToken();
        }

        List<LoggedRequest> requests = findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(requests).hasSize(2);
        String id = requests.get(0).getHeader("X-Client-Id");
        assertThat(id).isNotBlank();
        assertThat(requests.get(1).getHeader("X-Client-Id")).isEqualTo(id);
        assertThat(Files.readString(tempDir.resolve("client_id")).trim()).isEqualTo(id);
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void createSessionWithDefaults(WireMockRuntimeInfo wm) {
        stubFor(post(SESSION_PATH).willReturn(okJson("{\"code\":0,\"message\":\"success\",\"data\":{"
                + "\"task_id\":\"task-123\",\"session_id\":\"" + SID + "\",\"user_id\":\"usr-42\",\"extra\":true}}")));

        Session session;
        try (NemoClient client = client(wm)) {
            session = client.sessions().create();
        }

        assertThat(session.sessionId()).isEqualTo(SID);
        assertThat(session.taskId()).isEqualTo("task-123");
        assertThat(session.userId()).contains("usr-42");
        verify(1, postRequestedFor(urlEqualTo(SESSION_PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"task_name\":\"project\",\"language\":\"en\"}")));
    }

    @Test
    void createSessionWithTaskNameAndLanguage(WireMockRuntimeInfo wm) {
        stubFor(post(SESSION_PATH).willReturn(okJson("{\"code\":0,\"data\":{"
                + "\"task_id\":\"task-9\",\"session_id\":\"" + SID + "\"}}")));

        Session session;
        try (NemoClient client = client(wm)) {
            session = client.sessions().create("my task", "zh-CN");
        }

        assertThat(session.sessionId()).isEqualTo(SID);
        assertThat(session.taskId()).isEqualTo("task-9");
        assertThat(session.userId()).isEmpty();
        verify(1, postRequestedFor(urlEqualTo(SESSION_PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"task_name\":\"my task\",\"language\":\"zh-CN\"}")));
    }

    @Test
    void createSessionUsesTheBuilderLanguage(WireMockRuntimeInfo wm) {
        stubFor(post(SESSION_PATH).willReturn(okJson("{\"code\":0,\"data\":{"
                + "\"task_id\":\"task-1\",\"session_id\":\"" + SID + "\"}}")));

        try (NemoClient client = builder(wm).token(TOKEN).language("ja").build()) {
            client.sessions().create();
        }

        verify(1, postRequestedFor(urlEqualTo(SESSION_PATH))
                .withRequestBody(equalToJson("{\"task_name\":\"project\",\"language\":\"ja\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e", "english", "en US", "zh_CN", "en\n", "../x"})
    void createSessionRejectsAnInvalidLanguageBeforeSending(String language, WireMockRuntimeInfo wm) {
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.sessions().create("project", language))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("language");
        }
        verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void createSessionRejectsABlankTaskNameBeforeSending(String taskName, WireMockRuntimeInfo wm) {
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.sessions().create(taskName, "en"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("taskName");
        }
        verify(0, anyRequestedFor(anyUrl()));
    }

    // ---------------------------------------------------------------- credits

    static Stream<Arguments> creditBodies() {
        return Stream.of(
                arguments("all three fields",
                        "{\"code\":0,\"data\":{\"available\":80,\"frozen\":20,\"total\":100}}", 80L, 20L, 100L),
                arguments("total missing: computed as available + frozen",
                        "{\"code\":0,\"data\":{\"available\":75,\"frozen\":25}}", 75L, 25L, 100L),
                arguments("frozen and total missing",
                        "{\"code\":0,\"data\":{\"available\":40}}", 40L, 0L, 40L),
                arguments("bare JSON without envelope",
                        "{\"available\":5,\"frozen\":3,\"unknown\":\"x\"}", 5L, 3L, 8L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creditBodies")
    void creditBalance(String description, String body, long available, long frozen, long total,
            WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS_PATH).willReturn(okJson(body)));

        CreditBalance balance;
        try (NemoClient client = client(wm)) {
            balance = client.credits().balance();
        }

        assertThat(balance.available()).isEqualTo(available);
        assertThat(balance.frozen()).isEqualTo(frozen);
        assertThat(balance.total()).isEqualTo(total);
        verify(1, getRequestedFor(urlEqualTo(CREDITS_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    // ---------------------------------------------------------------- state

    private static final String DRAFT = "{\"t\":["
            + "{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"city timelapse\",\"url\":\"https://cdn.example/c.mp4\"}}]},"
            + "{\"tt\":1,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"Lo-fi\",\"volume\":0.35}}]},"
            + "{\"tt\":7,\"sg\":[{\"d\":3000,\"m\":{\"title\":\"Urban Dreams\"}}],\"fx\":{\"fade_in\":500}}"
            + "],\"tr\":[{\"type\":\"crossfade\",\"d\":300}],\"ver\":3}";

    @Test
    void latestStateMapsDraftMediaAndCanvas(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get(STATE_PATH).willReturn(okJson("{\"code\":0,\"message\":\"success\",\"data\":{\"state\":{"
                + "\"draft\":" + DRAFT + ","
                + "\"video_infos\":[{\"filename\":\"city.mp4\",\"duration\":10.0,\"width\":1080,\"height\":1920}],"
                + "\"generated_media\":[{\"type\":\"audio\",\"url\":\"https://cdn.example/lofi.mp3\"},"
                + "{\"type\":\"image\",\"url\":\"https://cdn.example/cover.png\"}],"
                + "\"canvas_config\":{\"width\":1080,\"height\":1920,\"aspect_ratio\":\"9:16\"},"
                + "\"video_analyses\":[],\"brand_new_field\":{\"a\":1}}}}")));

        SessionState state;
        try (NemoClient client = client(wm)) {
            state = client.state(SID).latest();
        }

        verify(1, getRequestedFor(urlPathEqualTo(STATE_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertThat(state.sessionId()).isEqualTo(SID);

        Draft draft = state.draft();
        List<Track> tracks = draft.tracks();
        assertThat(tracks).extracting(Track::type).containsExactly(TrackType.VIDEO, TrackType.AUDIO, TrackType.TEXT);
        assertThat(tracks.get(0).segments()).hasSize(1);
        assertThat(tracks.get(0).segments().get(0).duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tracks.get(0).label()).contains("city timelapse");
        assertThat(tracks.get(1).volumePercent()).hasValue(35);
        assertThat(tracks.get(2).end()).isEqualTo(Duration.ofSeconds(3));
        assertThat(draft.isReadyForExport()).isTrue();
        assertThat(draft.summary()).isEqualTo("Timeline (3 tracks): 1. Video: city timelapse (0-10s)"
                + " 2. BGM: Lo-fi (0-10s, 35%) 3. Title: \"Urban Dreams\" (0-3s)");
        // keys the SDK does not model survive, so the draft can be sent back to export verbatim
        assertThat(draft.toJson().toString()).isEqualTo(JSON.readTree(DRAFT).toString());

        assertThat(state.videoInfos()).hasSize(1);
        assertThat(state.videoInfos().get(0).get("filename").asText()).isEqualTo("city.mp4");
        assertThat(state.generatedMedia()).extracting(n -> n.get("url").asText())
                .containsExactly("https://cdn.example/lofi.mp3", "https://cdn.example/cover.png");
        assertThat(state.videoAnalyses()).isEmpty();

        Canvas canvas = state.canvas().orElseThrow();
        assertThat(canvas.width()).isEqualTo(1080);
        assertThat(canvas.height()).isEqualTo(1920);
        assertThat(canvas.aspectRatio()).contains("9:16");
        assertThat(canvas.isVertical()).isTrue();
    }

    @Test
    void latestStateOfAFreshSessionIsEmptyNotAnError(WireMockRuntimeInfo wm) {
        stubFor(get(STATE_PATH).willReturn(okJson("{\"code\":0,\"data\":{\"state\":{}}}")));

        SessionState state;
        try (NemoClient client = client(wm)) {
            state = client.state(SID).latest();
        }

        assertThat(state.draft().tracks()).isEmpty();
        assertThat(state.draft().isReadyForExport()).isFalse();
        assertThat(state.draft().summary()).isEqualTo("Timeline (0 tracks): empty");
        assertThat(state.videoInfos()).isEmpty();
        assertThat(state.generatedMedia()).isEmpty();
        assertThat(state.canvas()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../credits", "a?b", "%2e%2e", "a\nb", "a/b", "", "   "})
    void invalidSessionIdIsRejectedBeforeSending(String sessionId, WireMockRuntimeInfo wm) {
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.state(sessionId).latest())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("session id");
        }
        verify(0, anyRequestedFor(anyUrl()));
    }

    // ---------------------------------------------------------------- headers on every request

    private static UnaryOperator<NemoClient.Builder> config(UnaryOperator<NemoClient.Builder> f) {
        return f;
    }

    static Stream<Arguments> attributions() {
        return Stream.of(
                arguments("default product", config(b -> b), "nemo-video", "1.0.0", "unknown"),
                arguments("TikTok Add Music", config(b -> b.product(Product.TIKTOK_ADD_MUSIC)),
                        "tiktok-add-music", "1.0.0", "unknown"),
                arguments("Add Music", config(b -> b.product(Product.ADD_MUSIC)), "add-music", "1.0.0", "unknown"),
                arguments("Add Music AI", config(b -> b.product(Product.ADD_MUSIC_AI)),
                        "add-music-ai", "1.0.0", "unknown"),
                arguments("Music Maker", config(b -> b.product(Product.MUSIC_MAKER)),
                        "music-maker", "1.0.0", "unknown"),
                arguments("explicit attribution", config(b -> b.attribution("add-music", "1.2.3", "clawhub")),
                        "add-music", "1.2.3", "clawhub"),
                arguments("explicit attribution wins over the product",
                        config(b -> b.product(Product.MUSIC_MAKER).attribution("my-skill", "2.0.1", "cursor")),
                        "my-skill", "2.0.1", "cursor"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attributions")
    void everyRequestCarriesAuthorizationAttributionAndUserAgent(String description,
            UnaryOperator<NemoClient.Builder> configure, String source, String version, String platform,
            WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN_PATH).willReturn(okJson("{\"code\":0,\"data\":{\"token\":\"nmv_usr_other1\"}}")));
        stubFor(post(SESSION_PATH).willReturn(okJson("{\"code\":0,\"data\":{"
                + "\"task_id\":\"t\",\"session_id\":\"" + SID + "\"}}")));
        stubFor(get(CREDITS_PATH).willReturn(okJson("{\"code\":0,\"data\":{\"available\":1}}")));
        stubFor(get(STATE_PATH).willReturn(okJson("{\"code\":0,\"data\":{\"state\":{}}}")));

        try (NemoClient client = configure.apply(builder(wm).token(TOKEN).clientId(CLIENT_ID)).build()) {
            client.sessions().create();
            client.credits().balance();
            client.state(SID).latest();
            client.auth().anonymousToken();
        }

        List<LoggedRequest> requests = findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).extracting(LoggedRequest::getUrl)
                .containsExactly(SESSION_PATH, CREDITS_PATH, STATE_PATH, TOKEN_PATH);
        for (LoggedRequest r : requests) {
            assertThat(r.getHeader("X-Skill-Source")).as("X-Skill-Source of %s", r.getUrl()).isEqualTo(source);
            assertThat(r.getHeader("X-Skill-Version")).as("X-Skill-Version of %s", r.getUrl()).isEqualTo(version);
            assertThat(r.getHeader("X-Skill-Platform")).as("X-Skill-Platform of %s", r.getUrl()).isEqualTo(platform);
            assertThat(r.getHeader("User-Agent")).as("User-Agent of %s", r.getUrl())
                    .matches("nemo-sdk-java/\\d[^ ]* Java/\\d[^ ]*( .*)?");
            if (r.getUrl().equals(TOKEN_PATH)) {
                assertThat(r.containsHeader("Authorization")).isFalse();
            } else {
                assertThat(r.getHeader("Authorization")).as("Authorization of %s", r.getUrl())
                        .isEqualTo("Bearer " + TOKEN);
            }
        }
    }

    @Test
    void anonymousTokenIsAcquiredOnceAndSentAsBearer(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN_PATH).willReturn(okJson("{\"code\":0,\"data\":{\"token\":\"nmv_usr_anonfresh1\","
                + "\"user_id\":\"usr-5\",\"expires_at\":\"2999-01-01T00:00:00Z\",\"credits\":100}}")));
        stubFor(get(CREDITS_PATH).willReturn(okJson("{\"code\":0,\"data\":{\"available\":100,\"frozen\":0}}")));

        try (NemoClient client = builder(wm).clientId(CLIENT_ID).build()) {
            assertThat(client.credits().balance().available()).isEqualTo(100);
            assertThat(client.credits().balance().total()).isEqualTo(100);
        }

        verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("X-Client-Id", equalTo(CLIENT_ID)));
        verify(2, getRequestedFor(urlEqualTo(CREDITS_PATH))
                .withHeader("Authorization", equalTo("Bearer nmv_usr_anonfresh1")));
    }

    @Test
    void theStateNamesItsTaskWhenTheServerDoes(WireMockRuntimeInfo wm) {
        stubFor(get(STATE_PATH).willReturn(okJson("{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[]}},"
                + "\"session_id\":\"" + SID + "\",\"task_id\":\"task_77\",\"task_name\":\"Beach trip\"}}")));
        try (NemoClient client = client(wm)) {
            io.github.nemosdk.state.SessionState state = client.state(SID).latest();
            assertThat(state.taskId()).contains("task_77");
            assertThat(state.taskName()).contains("Beach trip");
            assertThat(state.sessionId()).isEqualTo(SID);
        }
    }

    @Test
    void aSessionWithoutUserIdIsStillASession(WireMockRuntimeInfo wm) {
        stubFor(post("/api/tasks/me/with-session/nemo_agent").willReturn(okJson(
                "{\"code\":0,\"data\":{\"task_id\":\"t9\",\"session_id\":\"7000000000000000999\"}}")));
        try (NemoClient client = client(wm)) {
            io.github.nemosdk.sessions.Session s = client.sessions().create();
            assertThat(s.userId()).isEmpty();
            assertThat(s.taskId()).isEqualTo("t9");
        }
    }
}
