package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.nemosdk.auth.TokenProvider;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.errors.MissingClientIdException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.errors.TokenExpiredException;
import io.github.nemosdk.state.SessionState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@WireMockTest
class RecoveryTest {
    private static final String CREDITS = "/api/credits/balance/simple";
    private static final String TOKEN = "/api/auth/anonymous-token";
    private static final String SESSION = "/api/tasks/me/with-session/nemo_agent";
    private static final String OK_CREDITS = "{\"code\":0,\"message\":\"success\",\"data\":{\"available\":90,"
            + "\"frozen\":10,\"total\":100}}";

    @TempDir
    Path configDir;

    private final RecordingSleeper sleeper = new RecordingSleeper();

    private NemoClient.Builder builder(WireMockRuntimeInfo wm) {
        return NemoClient.builder()
                .baseUrl(URI.create(wm.getHttpBaseUrl()))
                .configDirectory(configDir)
                .environment(Map.of())
                .sleeper(sleeper)
                .retry(RetrySettings.builder().jitter(0).build());
    }

    private static String tokenBody(String token) {
        return "{\"code\":0,\"message\":\"success\",\"data\":{\"token\":\"" + token + "\",\"user_id\":\"usr_1\","
                + "\"expires_at\":\"2099-01-01T00:00:00Z\",\"credits\":100}}";
    }

    private static String error(int code) {
        return "{\"code\":" + code + ",\"message\":\"error " + code + "\",\"data\":null}";
    }

    @Test
    void fiftyConcurrentCallersShareOneTokenRefresh(WireMockRuntimeInfo wm) throws Exception {
        stubFor(post(TOKEN).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(tokenBody("nmv_usr_first"))).willSetStateTo("refreshed"));
        stubFor(post(TOKEN).inScenario("tokens").whenScenarioStateIs("refreshed")
                .willReturn(okJson(tokenBody("nmv_usr_second"))));
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_first"))
                .willReturn(aResponse().withStatus(401).withBody(error(1001))));
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_second"))
                .willReturn(okJson(OK_CREDITS)));

        try (NemoClient client = builder(wm).tokenCache(false).build()) {
            int callers = 50;
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CreditBalance>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit((Callable<CreditBalance>) () -> {
                    start.await();
                    return client.credits().balance();
                }));
            }
            start.countDown();
            for (Future<CreditBalance> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS).available()).isEqualTo(90);
            }
            pool.shutdown();
        }
        // one acquisition for the first token, exactly one for the refresh
        verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        verify(50, getRequestedFor(urlEqualTo(CREDITS)).withHeader("Authorization",
                equalTo("Bearer nmv_usr_second")));
    }

    @ParameterizedTest(name = "HTTP {0} with code {1}")
    @CsvSource({"401, 1001", "200, 1001", "401, 1010", "200, 1011", "401, 0"})
    void rejectedAnonymousTokenIsRenewedAndTheCallRetriedOnce(int status, int code, WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(tokenBody("nmv_usr_old"))).willSetStateTo("new"));
        stubFor(post(TOKEN).inScenario("t").whenScenarioStateIs("new")
                .willReturn(okJson(tokenBody("nmv_usr_new"))));
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_old"))
                .willReturn(aResponse().withStatus(status).withBody(code == 0 ? "" : error(code))));
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_new"))
                .willReturn(okJson(OK_CREDITS)));

        try (NemoClient client = builder(wm).tokenCache(false).build()) {
            assertThat(client.credits().balance().total()).isEqualTo(100);
        }
        verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        verify(2, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @Test
    void aFixedTokenThatExpiredFailsWithAdviceAndIsNotRetried(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(aResponse().withStatus(401).withBody(error(1001))));
        try (NemoClient client = builder(wm).token("nmv_usr_fixed").build()) {
            assertThatThrownBy(() -> client.credits().balance())
                    .isInstanceOf(TokenExpiredException.class)
                    .hasMessageContaining("NEMO_TOKEN")
                    .hasMessageNotContaining("nmv_usr_fixed");
        }
        verify(1, getRequestedFor(urlEqualTo(CREDITS)));
        verify(0, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void aRefreshedTokenRejectedAgainFailsAfterExactlyOneRetry(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN).willReturn(okJson(tokenBody("nmv_usr_any"))));
        stubFor(get(CREDITS).willReturn(aResponse().withStatus(401).withBody(error(1001))));
        try (NemoClient client = builder(wm).tokenCache(false).build()) {
            assertThatThrownBy(() -> client.credits().balance()).isInstanceOf(TokenExpiredException.class)
                    .hasMessageContaining("newly acquired token");
        }
        verify(2, getRequestedFor(urlEqualTo(CREDITS)));
        verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void aCustomRefreshableProviderIsToldWhichTokenWasRejected(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_v1"))
                .willReturn(aResponse().withStatus(401).withBody(error(1001))));
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_v2"))
                .willReturn(okJson(OK_CREDITS)));
        List<String> invalidated = new CopyOnWriteArrayList<>();
        TokenProvider provider = new TokenProvider() {
            volatile String current = "nmv_usr_v1";

            @Override
            public String token() {
                return current;
            }

            @Override
            public boolean canRefresh() {
                return true;
            }

            @Override
            public void invalidate(String rejectedToken) {
                invalidated.add(rejectedToken);
                current = "nmv_usr_v2";
            }
        };
        try (NemoClient client = builder(wm).tokenProvider(provider).build()) {
            assertThat(client.credits().balance().available()).isEqualTo(90);
        }
        assertThat(invalidated).containsExactly("nmv_usr_v1");
    }

    @Test
    void retryAfterSecondsIsHonoured(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody(error(429)))
                .willSetStateTo("ok"));
        stubFor(get(CREDITS).inScenario("rl").whenScenarioStateIs("ok").willReturn(okJson(OK_CREDITS)));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            assertThat(client.credits().balance().available()).isEqualTo(90);
        }
        assertThat(sleeper.delays).containsExactly(Duration.ofSeconds(7));
        verify(2, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @Test
    void jitterOnlyEverLengthensTheServersDelay(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "10")).willSetStateTo("ok"));
        stubFor(get(CREDITS).inScenario("rl").whenScenarioStateIs("ok").willReturn(okJson(OK_CREDITS)));
        for (int i = 0; i < 20; i++) {
            WireMock.setScenarioState("rl", Scenario.STARTED);
            try (NemoClient client = builder(wm).token("nmv_usr_t")
                    .retry(RetrySettings.builder().jitter(0.5).build()).build()) {
                client.credits().balance();
            }
        }
        assertThat(sleeper.delays).hasSize(20).allSatisfy(d ->
                assertThat(d).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(15)));
    }

    @Test
    void retryAfterAsHttpDateIsReadAgainstTheClock(WireMockRuntimeInfo wm) {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(12),
                ZoneOffset.UTC));
        stubFor(get(CREDITS).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", date)).willSetStateTo("ok"));
        stubFor(get(CREDITS).inScenario("rl").whenScenarioStateIs("ok").willReturn(okJson(OK_CREDITS)));
        try (NemoClient client = builder(wm).token("nmv_usr_t").clock(Clock.fixed(now, ZoneOffset.UTC)).build()) {
            client.credits().balance();
        }
        assertThat(sleeper.delays).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void withoutRetryAfterTheDocumentedThirtySecondsAreWaited(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody(error(429))).willSetStateTo("ok"));
        stubFor(get(CREDITS).inScenario("rl").whenScenarioStateIs("ok").willReturn(okJson(OK_CREDITS)));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            client.credits().balance();
        }
        assertThat(sleeper.delays).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterBeyondTheCapFailsAtOnceWithTheServersDelay(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        try (NemoClient client = builder(wm).token("nmv_usr_t").maxRetryAfter(Duration.ofSeconds(60)).build()) {
            assertThatThrownBy(() -> client.credits().balance())
                    .isInstanceOfSatisfying(RateLimitedException.class, e ->
                            assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
        }
        assertThat(sleeper.delays).isEmpty();
        verify(1, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @Test
    void rateLimitRetriesAreBoundedByMaxAttempts(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        try (NemoClient client = builder(wm).token("nmv_usr_t").maxAttempts(4).build()) {
            assertThatThrownBy(() -> client.credits().balance()).isInstanceOf(RateLimitedException.class);
        }
        verify(4, getRequestedFor(urlEqualTo(CREDITS)));
        assertThat(sleeper.delays).hasSize(3);
    }

    @Test
    void noRetryIsScheduledPastTheRetryBudget(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "40")));
        Instant[] now = {Instant.parse("2026-11-21T10:00:00Z")};
        Clock moving = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (NemoClient client = builder(wm).token("nmv_usr_t").clock(moving)
                .sleeper(d -> {
                    sleeper.sleep(d);
                    now[0] = now[0].plus(d);
                })
                .retry(RetrySettings.builder().jitter(0).maxAttempts(10).maxElapsed(Duration.ofSeconds(60)).build())
                .build()) {
            assertThatThrownBy(() -> client.credits().balance()).isInstanceOf(RateLimitedException.class);
        }
        // the first 40 s wait ends within the 60 s budget; a second one would end at 80 s and is not scheduled
        assertThat(sleeper.delays).containsExactly(Duration.ofSeconds(40));
        verify(2, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @Test
    void aCreateSessionRefusedWith429IsRetriedBecauseTheServerDidNotActOnIt(WireMockRuntimeInfo wm) {
        stubFor(post(SESSION).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("ok"));
        stubFor(post(SESSION).inScenario("rl").whenScenarioStateIs("ok").willReturn(okJson(
                "{\"code\":0,\"data\":{\"session_id\":\"123\",\"task_id\":\"t1\",\"user_id\":\"u\"}}")));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            assertThat(client.sessions().create().sessionId()).isEqualTo("123");
        }
        verify(2, postRequestedFor(urlEqualTo(SESSION)));
    }

    @ParameterizedTest
    @CsvSource({"502", "503", "504"})
    void idempotentReadsRetryGatewayErrorsWithBackoff(int status, WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(status).withBody("<html><h1>Bad Gateway</h1></html>"))
                .willSetStateTo("again"));
        stubFor(get(CREDITS).inScenario("5xx").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(status)).willSetStateTo("ok"));
        stubFor(get(CREDITS).inScenario("5xx").whenScenarioStateIs("ok").willReturn(okJson(OK_CREDITS)));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            assertThat(client.credits().balance().available()).isEqualTo(90);
        }
        assertThat(sleeper.delays).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void aCreateSessionThatFailedWith503IsNotRepeated(WireMockRuntimeInfo wm) {
        stubFor(post(SESSION).willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            assertThatThrownBy(() -> client.sessions().create()).isInstanceOf(ServerErrorException.class);
        }
        verify(1, postRequestedFor(urlEqualTo(SESSION)));
    }

    @Test
    void aResetConnectionIsRetriedForReadsOnly(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        stubFor(get(CREDITS).inScenario("reset").whenScenarioStateIs("ok").willReturn(okJson(OK_CREDITS)));
        stubFor(post(SESSION).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            assertThat(client.credits().balance().available()).isEqualTo(90);
            assertThatThrownBy(() -> client.sessions().create())
                    .isInstanceOf(NemoTransportException.class)
                    .hasMessageContaining("may have acted");
        }
        verify(2, getRequestedFor(urlEqualTo(CREDITS)));
        verify(1, postRequestedFor(urlEqualTo(SESSION)));
    }

    @Test
    void slowHeadersEndWithATimeoutException(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(okJson(OK_CREDITS).withFixedDelay(3_000)));
        try (NemoClient client = builder(wm).token("nmv_usr_t").requestTimeout(Duration.ofMillis(300))
                .maxAttempts(1).build()) {
            assertThatThrownBy(() -> client.credits().balance())
                    .isInstanceOf(NemoTimeoutException.class)
                    .hasMessageContaining("requestTimeout");
        }
    }

    @Test
    void aBodyThatStallsAfterTheHeadersIsCutOffByTheWatchdog() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 500\r\n\r\n{\"code\":0,").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(10_000);
                } catch (Exception ignored) {
                    // the client hung up, as it should
                }
            });
            t.setDaemon(true);
            t.start();
            // the body deadline reads the client's ticker: the stall is cut off once the ticker passes it
            ManualTicker ticker = new ManualTicker();
            Runnable stop = ticker.runFaster(Duration.ofMillis(100));
            try (NemoClient client = NemoClient.builder()
                    .baseUrl(URI.create("http://127.0.0.1:" + server.getLocalPort()))
                    .token("nmv_usr_t").environment(Map.of()).configDirectory(configDir).ticker(ticker)
                    .requestTimeout(Duration.ofSeconds(30)).maxAttempts(1).build()) {
                assertThatThrownBy(() -> client.credits().balance()).isInstanceOf(NemoTimeoutException.class)
                        .hasMessageContaining("stalled").hasMessageContaining("30000 ms");
            } finally {
                stop.run();
            }
        }
    }

    @Test
    void aRefusedClientIdIsReplacedPersistedAndRetriedOnce(WireMockRuntimeInfo wm) throws Exception {
        stubFor(post(TOKEN).withHeader("X-Client-Id", equalTo("rejected-client-id"))
                .willReturn(aResponse().withStatus(400).withBody(error(400))));
        stubFor(post(TOKEN).withHeader("X-Client-Id", WireMock.notMatching("rejected-client-id"))
                .willReturn(okJson(tokenBody("nmv_usr_fresh"))));
        try (NemoClient client = builder(wm).clientId("rejected-client-id").build()) {
            assertThat(client.auth().anonymousToken().token()).isEqualTo("nmv_usr_fresh");
            String newId = client.auth().clientId();
            assertThat(newId).isNotEqualTo("rejected-client-id");
            assertThat(new String(Files.readAllBytes(configDir.resolve("client_id")), StandardCharsets.UTF_8).trim())
                    .isEqualTo(newId);
        }
        List<String> sent = WireMock.findAll(postRequestedFor(urlEqualTo(TOKEN))).stream()
                .map(r -> r.getHeader("X-Client-Id")).collect(Collectors.toList());
        assertThat(sent).hasSize(2).first().isEqualTo("rejected-client-id");
    }

    @Test
    void aClientIdRefusedTwiceFailsWithATypedError(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN).willReturn(aResponse().withStatus(400).withBody(error(400))));
        try (NemoClient client = builder(wm).build()) {
            assertThatThrownBy(() -> client.auth().anonymousToken()).isInstanceOf(MissingClientIdException.class)
                    .hasMessageContaining("NEMO_CLIENT_ID");
        }
        verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void aLostSessionFailsByDefault(WireMockRuntimeInfo wm) {
        stubFor(get("/api/state/nemo_agent/me/111/latest").willReturn(okJson(error(1002))));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            assertThatThrownBy(() -> client.state("111").latest())
                    .isInstanceOfSatisfying(SessionNotFoundException.class, e ->
                            assertThat(e.sessionId()).contains("111"))
                    .hasMessageContaining("SessionRecovery.RECREATE");
        }
        verify(0, postRequestedFor(urlEqualTo(SESSION)));
    }

    @Test
    void underRecreateALostSessionIsReplacedReportedAndRemembered(WireMockRuntimeInfo wm) {
        stubFor(get("/api/state/nemo_agent/me/111/latest").willReturn(okJson(error(1002))));
        stubFor(post(SESSION).willReturn(okJson(
                "{\"code\":0,\"data\":{\"session_id\":\"222\",\"task_id\":\"t2\",\"user_id\":\"u\"}}")));
        stubFor(get("/api/state/nemo_agent/me/222/latest").willReturn(okJson(
                "{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[]}}}}")));
        List<SessionReplacement> told = new CopyOnWriteArrayList<>();
        try (NemoClient client = builder(wm).token("nmv_usr_t").sessionRecovery(SessionRecovery.RECREATE)
                .onSessionReplaced(told::add).build()) {
            SessionState state = client.state("111").latest();
            assertThat(state.sessionId()).isEqualTo("222");
            assertThat(state.replacement()).hasValueSatisfying(r -> {
                assertThat(r.lostSessionId()).isEqualTo("111");
                assertThat(r.newSessionId()).isEqualTo("222");
            });
            assertThat(told).containsExactly(state.replacement().get());

            // later calls naming the lost id go straight to its replacement
            SessionState again = client.state("111").latest();
            assertThat(again.sessionId()).isEqualTo("222");
            assertThat(again.replacement()).isEmpty();
            assertThat(client.state("111").sessionId()).isEqualTo("222");
        }
        verify(1, postRequestedFor(urlEqualTo(SESSION)));
        verify(1, getRequestedFor(urlEqualTo("/api/state/nemo_agent/me/111/latest")));
        verify(2, getRequestedFor(urlEqualTo("/api/state/nemo_agent/me/222/latest")));
        List<LoggedRequest> creates = WireMock.findAll(postRequestedFor(urlEqualTo(SESSION)));
        assertThat(creates.get(0).getBodyAsString()).contains("\"language\":\"en\"");
    }

    @Test
    void aSessionIdFromTheServerThatCannotBeUsedInAPathIsAProtocolError(WireMockRuntimeInfo wm) {
        stubFor(post(SESSION).willReturn(okJson(
                "{\"code\":0,\"data\":{\"session_id\":\"../credits\",\"task_id\":\"t\"}}")));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            assertThatThrownBy(() -> client.sessions().create())
                    .isInstanceOf(io.github.nemosdk.errors.NemoProtocolException.class)
                    .hasMessageContaining("session id");
        }
    }

    @Test
    void aMalformedTokenFromAProviderIsRefusedOnEveryCallBeforeSending(WireMockRuntimeInfo wm) {
        TokenProvider bad = () -> "has a space";
        try (NemoClient client = builder(wm).tokenProvider(bad).build()) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> client.credits().balance())
                        .isInstanceOf(io.github.nemosdk.errors.NemoException.class)
                        .hasMessageContaining("malformed token");
            }
        }
        verify(0, getRequestedFor(urlEqualTo(CREDITS)));
    }
}
