package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.chat.ChatStream;
import io.github.nemosdk.errors.ChatDisconnectedException;
import io.github.nemosdk.errors.ChatTimeoutException;
import io.github.nemosdk.errors.DownloadFailedException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.errors.TokenExpiredException;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderStatus;
import io.github.nemosdk.state.Draft;
import io.github.nemosdk.uploads.UploadResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of the SDK against every fault, as one table ({@link #MATRIX}). Each cell builds a fresh client
 * (short {@code requestTimeout} and chat idle timeout, a {@link RecordingSleeper} so retry waits cost nothing),
 * arms the fault once (a WireMock scenario: fault, then the normal answer), makes the call and asserts:
 * <ul>
 *   <li>the outcome: the exact exception type, or success (a value checked per endpoint);</li>
 *   <li>how often the server saw the request: 1 for anything not retried, 2 for one recovered fault. Non-idempotent
 *       POSTs (token, session, chat, upload) are seen twice only where the server certainly refused the first
 *       attempt (429, 1001 before processing); idempotent calls (the GETs, render start with its id, render
 *       cancel) are retried on transient faults and succeed because the fault happens once. A retried render
 *       start must carry the same id both times;</li>
 *   <li>the waits the SDK asked for: {@code Retry-After} (1 s), the default rate-limit delay, or the first backoff,
 *       and none where nothing was retried;</li>
 *   <li>no hang: each cell is bounded by a coarse guard ({@link #CELL_GUARD_SECONDS}), not a measurement;</li>
 *   <li>no leaks, see below.</li>
 * </ul>
 * A failure of the download fallback is always wrapped in {@link DownloadFailedException}; for that row the table
 * names the type of its cause.
 *
 * <p><b>Leak checks, and why they are shaped this way.</b> Threads: the SDK's own threads ({@code nemo-*}, the
 * watchdog) must be gone within {@link #GRACE} after {@code close()}, checked per cell. The JDK HTTP client's
 * threads ({@code HttpClient-N-SelectorManager}, {@code HttpClient-N-Worker-M}) cannot be stopped before JDK 21
 * ({@code shutdownNow()} does not exist): they end only after the client became unreachable, was collected, and its
 * selector woke up (up to about 3 s later, measured on JDK 17). Waiting for that in every cell would make the
 * matrix take minutes, so per cell this is checked only on JDK 21+; on older JDKs {@link #noGrowthAfterTheMatrix}
 * runs after all cells, collects garbage and requires the number of {@code HttpClient-*} threads to fall back to
 * the count seen after the first cell, which fails if the SDK keeps any client (or its threads) reachable.
 * Connections: counted from {@code /proc/net/tcp*} (Linux; skipped elsewhere) as client-side sockets whose remote
 * port is the fake server's. Per cell, after the call and before {@code close()}: no socket in CLOSE_WAIT (the
 * server hung up but the client kept its end: a response body nobody closed) and at most one ESTABLISHED (the idle
 * keep-alive connection in the pool). After the matrix: none at all once the clients are collected.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixTest {
    /** The request and chat idle timeout of the cells that test them (slow headers, a stalled body). */
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    /** The same timeouts in every other cell: no pause of a loaded machine turns their outcome into a timeout. */
    private static final Duration LENIENT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration BACKOFF = Duration.ofMillis(200);
    private static final Duration RATE_LIMIT_DEFAULT = Duration.ofSeconds(30);
    /** A hang guard per cell: a cell takes well under a second unless a deadline is not kept at all. */
    static final long CELL_GUARD_SECONDS = 30;
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final String SID = "1234567890123";
    private static final String RID = "render_fault42";
    private static final String FIXED_TOKEN = "nmv_usr_fixed";
    private static final String TOKEN_PATH = "/api/auth/anonymous-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JDK_HTTP_THREAD = Pattern.compile("HttpClient-\\d+-.*");

    // ---------------------------------------------------------------------------------------------------------
    // The matrix. okN = succeeds, server saw the request N times (the SDK waited once: Retry-After, the default
    // rate-limit delay or the first backoff; none for a 1001 renewal); okNjdk = succeeds, server saw it N times, but
    // the retry was the JDK HTTP client's own (it re-sends a GET once when the connection dies before any response
    // byte), so the SDK neither saw the fault nor waited; Type1 = that exact exception, request seen once.
    // ---------------------------------------------------------------------------------------------------------

    /** The fault columns, in table order. */
    enum F {
        RESET, EMPTY, MALFORMED, RANDOM, H500, H502, H503, H504, R429_RETRY_AFTER, R429, A1001_RENEWABLE,
        A1001_FIXED, S1002, SLOW_HEADERS, STALL_BODY, TRUNCATED_JSON, HTML_200
    }

    private static final String[] MATRIX = {
        //             RESET      EMPTY      MALFORMED         RANDOM     500     502     503     504     429+RA 429  1001renew     1001fixed     1002             slowHdr  stallBody    truncJSON  html200
        "TOKEN         Transport1 Transport1 Transport1        Transport1 Server1 Server1 Server1 Server1 ok2    ok2  TokenExpired1 TokenExpired1 SessionNotFound1 Timeout1 Timeout1     Protocol1  Protocol1",
        "SESSION       Transport1 Transport1 Transport1        Transport1 Server1 Server1 Server1 Server1 ok2    ok2  ok2           TokenExpired1 SessionNotFound1 Timeout1 Timeout1     Protocol1  Protocol1",
        "CREDITS       ok2jdk     ok2jdk     ok2               ok2        Server1 ok2     ok2     ok2     ok2    ok2  ok2           TokenExpired1 SessionNotFound1 ok2      ok2          Protocol1  Protocol1",
        "STATE         ok2jdk     ok2jdk     ok2               ok2        Server1 ok2     ok2     ok2     ok2    ok2  ok2           TokenExpired1 SessionNotFound1 ok2      ok2          Protocol1  Protocol1",
        "CHAT          Transport1 Transport1 ChatDisconnected1 Transport1 Server1 Server1 Server1 Server1 ok2    ok2  ok2           TokenExpired1 SessionNotFound1 Timeout1 ChatTimeout1 Protocol1  Protocol1",
        "UPLOAD        Transport1 Transport1 Transport1        Transport1 Server1 Server1 Server1 Server1 ok2    ok2  ok2           TokenExpired1 SessionNotFound1 Timeout1 Timeout1     Protocol1  Protocol1",
        "RENDER_START  ok2        ok2        ok2               ok2        ok2     ok2     ok2     ok2     ok2    ok2  ok2           TokenExpired1 SessionNotFound1 ok2      ok2          Protocol1  Protocol1",
        "RENDER_POLL   ok2jdk     ok2jdk     ok2               ok2        ok2     ok2     ok2     ok2     ok2    ok2  ok2           TokenExpired1 SessionNotFound1 ok2      ok2          Protocol1  Protocol1",
        "RENDER_CANCEL ok2        ok2        ok2               ok2        ok2     ok2     ok2     ok2     ok2    ok2  ok2           TokenExpired1 SessionNotFound1 ok2      ok2          Protocol1  Protocol1",
        "DOWNLOAD      ok2jdk     ok2jdk     ok2               ok2        Server1 ok2     ok2     ok2     ok2    ok2  ok2           TokenExpired1 SessionNotFound1 ok2      ok2          Protocol1  Protocol1",
    };

    /**
     * Cells where the SDK contradicts its documented rules. They still run: the documented expectation must fail
     * (so the entry is removed once the SDK is fixed), and the cell is then reported as skipped with the reason.
     */
    private static final Map<String, String> KNOWN_DEVIATIONS = Map.of();

    private static final Map<String, Class<? extends Throwable>> TYPES = Map.of(
            "Transport", NemoTransportException.class,
            "Server", ServerErrorException.class,
            "Timeout", NemoTimeoutException.class,
            "Protocol", NemoProtocolException.class,
            "TokenExpired", TokenExpiredException.class,
            "SessionNotFound", SessionNotFoundException.class,
            "ChatDisconnected", ChatDisconnectedException.class,
            "ChatTimeout", ChatTimeoutException.class);

    // ---------------------------------------------------------------------------------------------------------
    // The endpoints: how to call them, what they answer when all is well, and how success looks.
    // ---------------------------------------------------------------------------------------------------------

    private static final String HTML_PAGE = "<html><head><title>502 Bad Gateway</title></head><body>"
            + "<h1>Bad Gateway</h1><hr><center>nginx</center></body></html>";
    private static final byte[] MP4 = mp4Bytes();

    enum E {
        TOKEN("POST", TOKEN_PATH, "application/json", tokenBody("nmv_usr_anon")),
        SESSION("POST", "/api/tasks/me/with-session/nemo_agent", "application/json",
                "{\"code\":0,\"message\":\"success\",\"data\":{\"task_id\":\"task_1\",\"session_id\":\"" + SID
                        + "\",\"user_id\":\"usr_1\"}}"),
        CREDITS("GET", "/api/credits/balance/simple", "application/json",
                "{\"code\":0,\"message\":\"success\",\"data\":{\"available\":90,\"frozen\":10,\"total\":100}}"),
        STATE("GET", "/api/state/nemo_agent/me/" + SID + "/latest", "application/json",
                "{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[{\"tt\":0,\"sg\":[{\"d\":1000}]}]}}}}"),
        CHAT("POST", "/run_sse", "text/event-stream",
                "data: {\"type\":\"heartbeat\"}\n\ndata: {\"type\":\"text\",\"content\":\"Music added.\"}\n\n"),
        UPLOAD("POST", "/api/upload-video/nemo_agent/me/" + SID, "application/json",
                "{\"code\":0,\"data\":{\"files\":[{\"filename\":\"clip.mp4\",\"file_type\":\"video\","
                        + "\"cdn_url\":\"https://cdn.example/clip.mp4\",\"duration\":1.5}]}}"),
        RENDER_START("POST", "/api/render/proxy/lambda", "application/json",
                "{\"success\":true,\"data\":{\"id\":\"ignored\",\"status\":\"pending\",\"progress\":0}}"),
        RENDER_POLL("GET", "/api/render/proxy/lambda/" + RID, "application/json",
                "{\"success\":true,\"data\":{\"id\":\"" + RID + "\",\"status\":\"processing\",\"progress\":40}}"),
        RENDER_CANCEL("POST", "/api/render/proxy/lambda/" + RID + "/cancel", "application/json",
                "{\"success\":true,\"data\":{\"id\":\"" + RID + "\",\"status\":\"cancelled\"}}"),
        DOWNLOAD("GET", "/api/render/proxy/" + RID + "/download", "video/mp4", null);

        final String method;
        final String path;
        final String contentType;
        final byte[] okBody;

        E(String method, String path, String contentType, String okBody) {
            this.method = method;
            this.path = path;
            this.contentType = contentType;
            this.okBody = okBody == null ? MP4 : okBody.getBytes(StandardCharsets.UTF_8);
        }

        /** Makes the call; returns what it returned (a chat turn is read to its end). */
        Object call(NemoClient c, Path dir) throws IOException {
            switch (this) {
                case TOKEN:
                    return c.auth().anonymousToken().token();
                case SESSION:
                    return c.sessions().create().sessionId();
                case CREDITS:
                    return c.credits().balance().available();
                case STATE:
                    return c.state(SID).latest().draft().isReadyForExport();
                case CHAT:
                    try (ChatStream events = c.chat(SID).stream("add lo-fi music")) {
                        List<String> texts = new ArrayList<>();
                        for (ChatEvent e : events) {
                            if (e instanceof ChatEvent.Text) {
                                texts.add(((ChatEvent.Text) e).text());
                            }
                        }
                        return texts;
                    }
                case UPLOAD: {
                    UploadResult r = c.uploads(SID).file(clip(dir));
                    return r.files().size();
                }
                case RENDER_START:
                    return c.render().start(SID, Draft.parse("{\"t\":[{\"tt\":0,\"sg\":[{\"d\":1000}]}]}"))
                            .status();
                case RENDER_POLL:
                    return c.render().get(RID).progress();
                case RENDER_CANCEL:
                    c.render().cancel(RID);
                    return "cancelled";
                case DOWNLOAD: {
                    Path out = Files.createTempFile(dir, "out", ".mp4");
                    c.render().download(RenderJob.of(RID, RenderStatus.COMPLETED, 100, null, null, null, null), out);
                    return Files.size(out);
                }
                default:
                    throw new AssertionError(this);
            }
        }

        /** The value a successful call must return. */
        Object expected() {
            switch (this) {
                case TOKEN:
                    return "nmv_usr_anon";
                case SESSION:
                    return SID;
                case CREDITS:
                    return 90L;
                case STATE:
                    return true;
                case CHAT:
                    return List.of("Music added.");
                case UPLOAD:
                    return 1;
                case RENDER_START:
                    return RenderStatus.PENDING;
                case RENDER_POLL:
                    return 40;
                case RENDER_CANCEL:
                    return "cancelled";
                case DOWNLOAD:
                    return (long) MP4.length;
                default:
                    throw new AssertionError(this);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;

    private static StallingHttpServer stallServer;
    private static int jdkHttpThreadsAfterFirstCell = -1;
    private static final AtomicInteger CELLS = new AtomicInteger();

    @BeforeAll
    static void startStallServerAndWarmUp() throws IOException {
        stallServer = new StallingHttpServer();
        // load the SDK, Jackson, Failsafe and the JDK client once, so the first cell's short timeout is fair
        wm.stubFor(request("GET", urlEqualTo(E.CREDITS.path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(E.CREDITS.okBody)));
        try (NemoClient c = NemoClient.builder().baseUrl(URI.create(wm.getRuntimeInfo().getHttpBaseUrl()))
                .configDirectory(Files.createTempDirectory(dir, "warm")).environment(Map.of()).token(FIXED_TOKEN)
                .build()) {
            for (int i = 0; i < 20; i++) {
                c.credits().balance();
            }
        }
        wm.resetAll();
    }

    @AfterAll
    static void stopStallServer() throws IOException {
        stallServer.close();
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (String row : MATRIX) {
            String[] cols = row.trim().split("\\s+");
            assertThat(cols).as("row %s", cols[0]).hasSize(F.values().length + 1);
            E e = E.valueOf(cols[0]);
            for (F f : F.values()) {
                out.add(Arguments.of(e, f, cols[f.ordinal() + 1]));
            }
        }
        assertThat(out).hasSize(E.values().length * F.values().length);
        return out.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0} x {1} -> {2}")
    @MethodSource("cells")
    @Timeout(CELL_GUARD_SECONDS)
    void cell(E endpoint, F fault, String expectation) throws Exception {
        String key = endpoint + "x" + fault;
        String deviation = KNOWN_DEVIATIONS.get(key);
        if (deviation == null) {
            runCell(endpoint, fault, expectation);
        } else {
            AssertionError documented = null;
            try {
                runCell(endpoint, fault, expectation);
            } catch (AssertionError e) {
                documented = e;
            }
            assertThat(documented).as("%s is listed as a known SDK deviation but now behaves as documented;"
                    + " remove it from KNOWN_DEVIATIONS", key).isNotNull();
            Assumptions.abort("Known SDK deviation (" + deviation + "): " + documented.getMessage());
        }
    }

    private void runCell(E endpoint, F fault, String expectation) throws Exception {
        wm.resetAll();
        boolean ok = expectation.startsWith("ok");
        boolean jdkRetry = expectation.endsWith("jdk");
        String outcome = jdkRetry ? expectation.substring(0, expectation.length() - 3) : expectation;
        int expectedCount = Integer.parseInt(outcome.substring(outcome.length() - 1));
        Class<? extends Throwable> expectedType = ok ? null : TYPES.get(outcome.substring(0, outcome.length() - 1));
        assertThat(ok || expectedType != null).as("unknown outcome %s", expectation).isTrue();

        boolean stall = fault == F.STALL_BODY;
        Duration timeout = stall || fault == F.SLOW_HEADERS ? TIMEOUT : LENIENT_TIMEOUT;
        boolean anonymous = fault == F.A1001_RENEWABLE && endpoint != E.TOKEN;
        int port = stall ? stallServer.port() : wm.getPort();
        if (stall) {
            stallServer.arm(endpoint.path, endpoint.contentType, endpoint.okBody);
        } else {
            armWireMock(endpoint, fault, anonymous);
        }

        RecordingSleeper sleeper = new RecordingSleeper();
        Set<String> threadsBefore = threadNames(n -> n.startsWith("nemo-"));
        Set<String> jdkThreadsBefore = threadNames(n -> JDK_HTTP_THREAD.matcher(n).matches());
        Set<String> socketsBefore = ProcNet.available() ? ProcNet.sockets(port, ProcNet.ANY) : Set.of();
        NemoClient.Builder b = NemoClient.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + port))
                .configDirectory(Files.createTempDirectory(dir, "cfg"))
                .environment(Map.of())
                .tokenCache(false)
                .sleeper(sleeper)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(timeout)
                .retry(RetrySettings.builder().jitter(0).initialBackoff(BACKOFF).maxBackoff(BACKOFF)
                        .defaultRateLimitDelay(RATE_LIMIT_DEFAULT).build())
                .chatSettings(ChatSettings.builder().idleTimeout(timeout).turnTimeout(Duration.ofSeconds(10))
                        .build());
        if (!anonymous) {
            b.token(FIXED_TOKEN);
        }

        Object result = null;
        Throwable thrown = null;
        NemoClient client = b.build();
        try {
            result = endpoint.call(client, dir);
        } catch (Exception e) {
            thrown = e;
        }

        // connections while the client is still open: nothing half-closed, at most the pooled keep-alive one
        // (only sockets opened during this cell count: closed clients of earlier cells keep their pooled
        // connections until they are collected, before JDK 21)
        if (ProcNet.available()) {
            boolean clean = await(GRACE, () -> !ProcNet.sockets(port, ProcNet.CLOSE_WAIT).stream()
                    .anyMatch(s -> !socketsBefore.contains(s)));
            assertThat(clean).as("a connection the server closed is still open on the client side (CLOSE_WAIT):"
                    + " a response body was not closed").isTrue();
            assertThat(ProcNet.sockets(port, ProcNet.ESTABLISHED).stream().filter(s -> !socketsBefore.contains(s))
                    .count()).as("connections this cell left open").isLessThanOrEqualTo(1);
        }
        client.close();
        client = null;

        // the outcome
        if (ok) {
            if (thrown != null) {
                throw new AssertionError("expected success after " + (expectedCount - 1) + " retry(ies), got "
                        + describe(thrown), thrown);
            }
            assertThat(result).as("result").isEqualTo(endpoint.expected());
        } else {
            assertThat(thrown).as("expected %s, got the result %s", expectedType.getSimpleName(), result)
                    .isNotNull();
            Throwable actual = thrown;
            if (endpoint == E.DOWNLOAD) {
                assertThat(thrown).as(describe(thrown)).isExactlyInstanceOf(DownloadFailedException.class);
                actual = thrown.getCause();
            }
            if (actual == null || actual.getClass() != expectedType) {
                throw new AssertionError("expected exactly " + expectedType.getSimpleName() + ", got "
                        + describe(thrown), thrown);
            }
        }

        // what the server saw
        int seen = stall ? stallServer.count(endpoint.path) : serverCount(endpoint);
        assertThat(seen).as("requests the server saw").isEqualTo(expectedCount);
        if (anonymous) {
            assertThat(serverCount(E.TOKEN)).as("token acquisitions (first + one renewal)").isEqualTo(2);
        }
        if (endpoint == E.RENDER_START && seen == 2 && !stall) {
            List<String> ids = new ArrayList<>();
            for (LoggedRequest r : wm.findAll(anyRequestedFor(urlEqualTo(endpoint.path)))) {
                ids.add(JSON.readTree(r.getBodyAsString()).path("id").asText());
            }
            assertThat(ids).as("a retried render start reuses its id").hasSize(2).doesNotContain("")
                    .containsOnly(ids.get(0));
        }

        // the waits the SDK asked for
        List<Duration> expectedWaits;
        if (!ok || fault == F.A1001_RENEWABLE || jdkRetry) {
            expectedWaits = List.of();
        } else if (fault == F.R429_RETRY_AFTER) {
            expectedWaits = List.of(Duration.ofSeconds(1));
        } else if (fault == F.R429) {
            expectedWaits = List.of(RATE_LIMIT_DEFAULT);
        } else {
            expectedWaits = List.of(BACKOFF);
        }
        assertThat(sleeper.delays).as("waits asked of the sleeper").isEqualTo(expectedWaits);

        // no SDK thread outlives close()
        assertThat(await(GRACE, () -> !threadNames(n -> n.startsWith("nemo-")).stream()
                .anyMatch(n -> !threadsBefore.contains(n))))
                .as("nemo-* threads left after close(): %s", threadNames(n -> n.startsWith("nemo-"))).isTrue();
        if (Runtime.version().feature() >= 21) {
            // HttpClient.shutdownNow() exists: the client's own threads must end as well
            // (threads of clients other tests left to the garbage collector are not this cell's)
            assertThat(await(Duration.ofSeconds(3), () -> threadNames(n -> JDK_HTTP_THREAD.matcher(n).matches())
                    .stream().noneMatch(n -> !jdkThreadsBefore.contains(n))))
                    .as("HttpClient threads of this cell after close(): %s",
                            threadNames(n -> JDK_HTTP_THREAD.matcher(n).matches())).isTrue();
        }
        if (CELLS.incrementAndGet() == 1) {
            jdkHttpThreadsAfterFirstCell = threadNames(n -> JDK_HTTP_THREAD.matcher(n).matches()).size();
        }
    }

    /**
     * After all cells: once the clients are unreachable and collected, the JDK client threads must fall back to
     * (at most) what was alive after the first cell, and no client-side connection to either server may remain.
     * Growth here means that something keeps closed clients, their threads or their connections alive.
     */
    @Order(2)
    @Test
    void noGrowthAfterTheMatrix() {
        Assumptions.assumeTrue(jdkHttpThreadsAfterFirstCell >= 0, "the matrix did not run");
        boolean settled = await(Duration.ofSeconds(15), () -> {
            System.gc();
            return threadNames(n -> JDK_HTTP_THREAD.matcher(n).matches()).size() <= jdkHttpThreadsAfterFirstCell
                    && (!ProcNet.available() || ProcNet.clientSockets(wm.getPort(), ProcNet.ANY) == 0
                            && ProcNet.clientSockets(stallServer.port(), ProcNet.ANY) == 0);
        });
        assertThat(settled).as("after %d cells: HttpClient threads %s (after the first cell: %d), client sockets"
                + " to WireMock %d, to the stall server %d", CELLS.get(),
                threadNames(n -> JDK_HTTP_THREAD.matcher(n).matches()), jdkHttpThreadsAfterFirstCell,
                ProcNet.available() ? ProcNet.clientSockets(wm.getPort(), ProcNet.ANY) : -1,
                ProcNet.available() ? ProcNet.clientSockets(stallServer.port(), ProcNet.ANY) : -1).isTrue();
        assertThat(CELLS.get()).as("cells run").isEqualTo(E.values().length * F.values().length
                - KNOWN_DEVIATIONS.size());
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void armWireMock(E endpoint, F fault, boolean anonymous) {
        if (anonymous) {
            wm.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(tokenBody("nmv_usr_renewable"))));
        }
        ResponseDefinitionBuilder okResponse = aResponse().withStatus(200)
                .withHeader("Content-Type", endpoint.contentType).withBody(endpoint.okBody);
        wm.stubFor(request(endpoint.method, urlEqualTo(endpoint.path)).inScenario("fault")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(faultResponse(endpoint, fault))
                .willSetStateTo("recovered"));
        wm.stubFor(request(endpoint.method, urlEqualTo(endpoint.path)).inScenario("fault")
                .whenScenarioStateIs("recovered").willReturn(okResponse));
    }

    private static ResponseDefinitionBuilder faultResponse(E endpoint, F fault) {
        switch (fault) {
            case RESET:
                return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            case EMPTY:
                return aResponse().withFault(Fault.EMPTY_RESPONSE);
            case MALFORMED:
                return aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK);
            case RANDOM:
                return aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE);
            case H500:
                return html(500);
            case H502:
                return html(502);
            case H503:
                return html(503);
            case H504:
                return html(504);
            case R429_RETRY_AFTER:
                return apiError(429, 429).withHeader("Retry-After", "1");
            case R429:
                return apiError(429, 429);
            case A1001_RENEWABLE:
            case A1001_FIXED:
                return apiError(401, 1001);
            case S1002:
                return apiError(200, 1002);
            case SLOW_HEADERS:
                return aResponse().withStatus(200).withHeader("Content-Type", endpoint.contentType)
                        .withBody(endpoint.okBody).withFixedDelay((int) TIMEOUT.multipliedBy(5).toMillis());
            case TRUNCATED_JSON:
                return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":0,\"message\":\"success\",\"data\":{\"tok");
            case HTML_200:
                return aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                        .withBody("<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body>"
                                + "<h1>Welcome to nginx!</h1></body></html>\n");
            default:
                throw new AssertionError(fault);
        }
    }

    private static ResponseDefinitionBuilder html(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(HTML_PAGE);
    }

    private static ResponseDefinitionBuilder apiError(int status, int code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"message\":\"error " + code + "\",\"data\":null}");
    }

    private static int serverCount(E endpoint) {
        return wm.findAll(anyRequestedFor(urlEqualTo(endpoint.path))).size();
    }

    private static String tokenBody(String token) {
        return "{\"code\":0,\"message\":\"success\",\"data\":{\"token\":\"" + token + "\",\"user_id\":\"usr_1\","
                + "\"expires_at\":\"2099-01-01T00:00:00Z\",\"credits\":100}}";
    }

    private static byte[] mp4Bytes() {
        return TestMedia.mp4(4096 - 40);
    }

    private static Path clip(Path dir) throws IOException {
        Path p = dir.resolve("clip.mp4");
        if (!Files.exists(p)) {
            Files.write(p, MP4);
        }
        return p;
    }

    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder(t.getClass().getSimpleName() + ": " + t.getMessage());
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
            s.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return s.toString();
    }

    private static Set<String> threadNames(java.util.function.Predicate<String> filter) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(filter).collect(Collectors.toCollection(HashSet::new));
    }

    private static boolean await(Duration max, BooleanSupplier condition) {
        long end = System.nanoTime() + max.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Client-side TCP sockets to a local port, read from /proc/net/tcp and tcp6 (Linux). */
    static final class ProcNet {
        static final Set<String> ESTABLISHED = Set.of("01");
        static final Set<String> CLOSE_WAIT = Set.of("08");
        /** The states in which the client still holds its end open: ESTABLISHED, SYN_SENT, CLOSE_WAIT. */
        static final Set<String> ANY = Set.of("01", "02", "08");
        private static final List<Path> FILES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

        private ProcNet() {
        }

        static boolean available() {
            return Files.isReadable(FILES.get(0));
        }

        static int clientSockets(int remotePort, Set<String> states) {
            return sockets(remotePort, states).size();
        }

        /** Local address and port of each client-side socket to {@code remotePort} in one of {@code states}. */
        static Set<String> sockets(int remotePort, Set<String> states) {
            String port = String.format("%04X", remotePort);
            Set<String> out = new HashSet<>();
            for (Path f : FILES) {
                if (!Files.isReadable(f)) {
                    continue;
                }
                try {
                    for (String line : Files.readAllLines(f)) {
                        String[] c = line.trim().split("\\s+");
                        if (c.length > 3 && c[2].endsWith(":" + port) && states.contains(c[3])) {
                            out.add(c[1]);
                        }
                    }
                } catch (IOException e) {
                    throw new AssertionError("cannot read " + f, e);
                }
            }
            return out;
        }
    }
}
