package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.nemosdk.auth.AnonymousToken;
import io.github.nemosdk.auth.TokenProvider;
import io.github.nemosdk.errors.NemoException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WireMockTest
class RedactionTest {
    private static final String FIXED = "nmv_usr_fixedSECRET0123456789";
    private static final String ANON = "nmv_usr_anonSECRET9876543210";

    @TempDir
    Path configDir;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("io.github.nemosdk");
    private Level previous;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String msg = record.getMessage();
            if (record.getParameters() != null) {
                msg = msg + " " + java.util.Arrays.toString(record.getParameters());
            }
            lines.add(msg + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void restoreLogs() {
        logger.removeHandler(capture);
        logger.setLevel(previous);
    }

    @Test
    void tokensAppearInNoLogLineExceptionMessageOrToString(WireMockRuntimeInfo wm) {
        stubFor(post(urlPathMatching("/api/auth/anonymous-token")).willReturn(okJson(
                "{\"code\":0,\"data\":{\"token\":\"" + ANON + "\",\"user_id\":\"u1\",\"credits\":100}}")));
        stubFor(post(urlPathMatching("/api/tasks/.*")).willReturn(okJson(
                "{\"code\":0,\"data\":{\"session_id\":\"42\",\"task_id\":\"t\"}}")));
        stubFor(get("/api/credits/balance/simple").willReturn(aResponse().withStatus(401)
                .withBody("{\"code\":1001,\"message\":\"token " + FIXED + " expired\"}")));
        stubFor(get(urlPathMatching("/api/state/.*")).willReturn(aResponse().withStatus(502)
                .withBody("<html><h1>Bad Gateway for Bearer " + FIXED + "</h1></html>")));

        List<String> texts = new ArrayList<>();
        NemoClient.Builder common = NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl()))
                .environment(Map.of("NEMO_LOG", "debug")).configDirectory(configDir).sleeper(d -> { });
        try (NemoClient fixed = common.token(FIXED).build()) {
            texts.add(fixed.toString());
            fixed.sessions().create();
            texts.add(messageOf(() -> fixed.credits().balance()));
            texts.add(messageOf(() -> fixed.state("42").latest()));
        }
        try (NemoClient anonymous = common.tokenProvider(new AnonymousOnly()).build()) {
            anonymous.sessions().create();
        }
        try (NemoClient anonymous = NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl()))
                .environment(Map.of()).requestLogging(true).configDirectory(configDir).build()) {
            AnonymousToken t = anonymous.auth().anonymousToken();
            texts.add(t.toString());
            anonymous.sessions().create();
            texts.add(messageOf(() -> anonymous.credits().balance()));
        }
        texts.add(TokenProvider.fixed(FIXED).toString());
        io.github.nemosdk.sessions.ProjectLink link = io.github.nemosdk.sessions.ProjectLink.of(
                URI.create("https://nemovideo.com/"), "clm_SECRET_claim", null);
        texts.add(link.toString());
        assertThat(link.uri().toString()).isEqualTo("https://nemovideo.com/workspace/claim?ct=clm_SECRET_claim");
        assertThat(link.toString()).isEqualTo("https://nemovideo.com/workspace/claim?ct=clm_****");
        texts.add(AnonymousToken.of(FIXED, "u", Instant.EPOCH, 1L).toString());

        assertThat(lines).as("request logs were emitted").anyMatch(l -> l.contains("/api/credits/balance/simple"));
        assertThat(lines).anyMatch(l -> l.contains("Authorization=****"));
        assertThat(lines).noneMatch(l -> l.contains("SECRET"));
        assertThat(texts).hasSize(8).noneMatch(t -> t.contains("SECRET"));
    }

    /** A token of no known shape: only exact masking can catch it. */
    private static final String PLAIN = "plainSECRETvalue-4711";

    @Test
    void aTokenOfAnyShapeEchoedInHeadersBodiesAndEventsNeverReachesTheUser(WireMockRuntimeInfo wm) {
        stubFor(get("/api/credits/balance/simple").willReturn(aResponse().withStatus(500)
                .withHeader("X-Request-Id", "req-" + PLAIN).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":500,\"message\":\"upstream refused " + PLAIN + " today\"}")));
        stubFor(get(urlPathMatching("/api/state/.*")).willReturn(okJson("{\"code\":0,\"data\":{\"state\":{}}}")
                .withHeader("X-Request-Id", "nmv_usr_echoedSECRET99")));
        stubFor(post("/api/tasks/me/with-session/nemo_agent").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":404,\"message\":\"nothing here\",\"request_id\":\"r-" + PLAIN + "\"}")));
        stubFor(post("/run_sse").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                .withHeader("X-Request-Id", PLAIN)
                .withBody("data: {\"type\":\"text\",\"content\":\"Your key is " + PLAIN + ".\"}\n\n"
                        + "data: {\"type\":\"sparkle\",\"echo\":\"" + PLAIN + "\"}\n\n"
                        + "data: {\"error\":\"agent saw " + PLAIN + "\",\"error_details\":{\"error_type\":\""
                        + PLAIN + "\"}}\n\n")));
        List<String> texts = new ArrayList<>();
        try (NemoClient client = NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).token(PLAIN)
                .environment(Map.of()).requestLogging(true).configDirectory(configDir).sleeper(d -> { })
                .build()) {
            try {
                client.credits().balance();
            } catch (io.github.nemosdk.errors.NemoApiException e) {
                texts.add(e.getMessage());
                texts.add(e.serverMessage().orElse(""));
                texts.add(e.requestId().orElse(""));
                assertThat(e.requestId()).contains("req-****");
            }
            client.state("42").latest();
            try {
                client.sessions().create();
            } catch (io.github.nemosdk.errors.NemoApiException e) {
                texts.add(e.getMessage());
                texts.add(e.requestId().orElse(""));
            }
            try (io.github.nemosdk.chat.ChatStream events = client.chat("42").stream("hello")) {
                for (io.github.nemosdk.chat.ChatEvent e : events) {
                    texts.add(e.toString());
                    if (e instanceof io.github.nemosdk.chat.ChatEvent.Unknown) {
                        texts.add(((io.github.nemosdk.chat.ChatEvent.Unknown) e).data());
                    }
                }
            } catch (io.github.nemosdk.errors.ChatStreamException e) {
                texts.add(e.getMessage());
                texts.add(e.serverMessage());
                texts.add(e.errorCode().orElse(""));
            }
        }
        assertThat(texts).hasSize(11).anyMatch(t -> t.contains("Your key is ****."))
                .noneMatch(t -> t.contains("SECRET"));
        assertThat(lines).anyMatch(l -> l.contains("/api/state/")).noneMatch(l -> l.contains("SECRET"));
    }

    @Test
    void aTokenSplitAcrossStreamedChunksOrEchoedInToolArgumentsIsMaskedInTheReply(WireMockRuntimeInfo wm) {
        String head = PLAIN.substring(0, 9);
        String tail = PLAIN.substring(9);
        stubFor(get(urlPathMatching("/api/state/.*")).willReturn(okJson("{\"code\":0,\"data\":{\"state\":{}}}")));
        stubFor(post("/run_sse").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                .withBody("data:{\"author\":\"nemo_agent\",\"content\":{\"parts\":[{\"text\":\"Your key is " + head
                        + "\"}],\"role\":\"model\"},\"partial\":true}\n\n"
                        + "data:{\"author\":\"nemo_agent\",\"content\":{\"parts\":[{\"text\":\"" + tail
                        + ".\"}],\"role\":\"model\"},\"partial\":true}\n\n"
                        + "data:{\"author\":\"nemo_agent\",\"content\":{\"parts\":[{\"text\":\"Your key is " + PLAIN
                        + ".\"},{\"functionCall\":{\"id\":\"c1\",\"name\":\"edit_multitrack\",\"args\":{\"note\":\"key "
                        + PLAIN + "\",\"volume\":0.35}}}],\"role\":\"model\"}}\n\n")));
        try (NemoClient client = NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).token(PLAIN)
                .environment(Map.of()).configDirectory(configDir).sleeper(d -> { })
                .chatSettings(io.github.nemosdk.chat.ChatSettings.builder().partialEvents(true).build()).build()) {
            io.github.nemosdk.chat.ChatReply reply = client.chat("42").send("hello");

            assertThat(reply.text()).isEqualTo("Your key is ****.");
            assertThat(reply.toolCalls()).hasSize(1);
            assertThat(reply.toolCalls().get(0).args().get("note").asText()).isEqualTo("key ****");
            assertThat(reply.toolCalls().get(0).args().get("volume").decimalValue()).isEqualByComparingTo("0.35");
        }
    }

    private static String messageOf(Runnable r) {
        try {
            r.run();
        } catch (NemoException e) {
            StringBuilder sb = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                sb.append(t).append('\n');
            }
            return sb.toString();
        }
        throw new AssertionError("expected a NemoException");
    }

    private static final class AnonymousOnly implements TokenProvider {
        @Override
        public String token() {
            return ANON;
        }
    }

    @Test
    void theProjectLinkUsesAClaimTokenAndNeverTheBearerToken(WireMockRuntimeInfo wm) {
        stubFor(post("/api/auth/claim-token").willReturn(okJson("{\"code\":0,\"message\":\"success\",\"data\":{"
                + "\"claim_token\":\"clm_SECRET_claim\",\"expires_in\":604800}}")));
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        try (NemoClient client = NemoClient.builder().environment(Map.of()).token(FIXED)
                .baseUrl(URI.create(wm.getHttpBaseUrl())).clock(java.time.Clock.fixed(now,
                        java.time.ZoneOffset.UTC))
                .webUrl(URI.create("https://web.example")).configDirectory(configDir).build()) {
            io.github.nemosdk.sessions.ProjectLink link = client.sessions().projectLink(
                    io.github.nemosdk.sessions.Session.of("7000000000000000009", "task_1", null));
            assertThat(link.uri().toString()).isEqualTo("https://web.example/workspace/claim?ct=clm_SECRET_claim")
                    .doesNotContain(FIXED).doesNotContain("token=");
            assertThat(link.expiresAt()).contains(now.plusSeconds(604800));
            assertThat(link.toString()).doesNotContain("SECRET").contains("ct=clm_****");
            assertThat(String.valueOf(java.util.List.of(link))).doesNotContain("SECRET");
        }
        com.github.tomakehurst.wiremock.client.WireMock.verify(1, com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/auth/claim-token"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + FIXED))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
                        "{\"task_id\":\"task_1\",\"session_id\":\"7000000000000000009\"}")));
    }

    @Test
    void theDefaultWebAppIsNemovideoCom() {
        assertThat(NemoClient.DEFAULT_WEB_URL).hasToString("https://nemovideo.com");
    }
}
