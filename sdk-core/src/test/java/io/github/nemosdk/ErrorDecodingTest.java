package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.nemosdk.errors.ErrorCode;
import io.github.nemosdk.errors.ExportBlockedException;
import io.github.nemosdk.errors.FileTooLargeException;
import io.github.nemosdk.errors.InsufficientCreditsException;
import io.github.nemosdk.errors.MissingClientIdException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.errors.TokenExpiredException;
import io.github.nemosdk.errors.UnsupportedFileTypeException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every documented error, in each envelope and as a bare HTTP status, decoded into its typed exception. */
@WireMockTest
class ErrorDecodingTest {
    private static final String TOKEN = "nmv_usr_testtoken";
    private static final String SID = "7301234567890123456";
    private static final String CREDITS_PATH = "/api/credits/balance/simple";
    private static final String TOKEN_PATH = "/api/auth/anonymous-token";
    private static final String STATE_PATH = "/api/state/nemo_agent/me/" + SID + "/latest";

    @TempDir
    Path tempDir;

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private NemoClient.Builder builder(WireMockRuntimeInfo wm) {
        return NemoClient.builder()
                .baseUrl(URI.create(wm.getHttpBaseUrl()))
                .configDirectory(tempDir)
                .environment(Map.of())
                .sleeper(sleeps::add);
    }

    private NemoClient client(WireMockRuntimeInfo wm) {
        return builder(wm).token(TOKEN).build();
    }

    /** Stubs the credits endpoint with the response and returns what {@code balance()} throws. */
    private NemoApiException creditsFailure(WireMockRuntimeInfo wm, ResponseDefinitionBuilder response) {
        stubFor(get(CREDITS_PATH).willReturn(response));
        try (NemoClient client = client(wm)) {
            NemoApiException e = catchThrowableOfType(NemoApiException.class, () -> client.credits().balance());
            assertThat(e).as("balance() must fail with a NemoApiException").isNotNull();
            return e;
        }
    }

    private static String gateway(int code, String message) {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"data\":null}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** code, its exception, and a piece of the advice its message must give. */
    static Stream<Arguments> codes() {
        return Stream.of(
                arguments(1001, TokenExpiredException.class, "provide a fresh one"),
                arguments(1002, SessionNotFoundException.class, "client.sessions().create()"),
                arguments(2001, InsufficientCreditsException.class, "Top up your account"),
                arguments(4001, UnsupportedFileTypeException.class, "Accepted formats: mp4, mov"),
                arguments(4002, FileTooLargeException.class, "the limit is 500 MB"),
                arguments(400, MissingClientIdException.class, "clientId(...) or NEMO_CLIENT_ID"),
                arguments(401, TokenExpiredException.class, "provide a fresh one"),
                arguments(402, ExportBlockedException.class, "Upgrade the plan"),
                arguments(429, RateLimitedException.class, "Wait and try again"),
                arguments(1010, TokenExpiredException.class, "provide a fresh one"),
                arguments(1011, TokenExpiredException.class, "provide a fresh one"),
                arguments(9999, NemoApiException.class, "report the request id"));
    }

    @ParameterizedTest(name = "code {0} -> {1}")
    @MethodSource("codes")
    void gatewayEnvelopeWithHttp200AndNonZeroCode(int code, Class<? extends NemoApiException> type, String advice,
            WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, okJson(gateway(code, "server says " + code))
                .withHeader("X-Request-Id", "req-" + code));

        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.apiCode()).hasValue(code);
        assertThat(e.serverMessage()).contains("server says " + code);
        assertThat(e.requestId()).contains("req-" + code);
        assertThat(e.getMessage()).contains(advice).contains("HTTP 200").contains("code " + code)
                .contains("req-" + code).contains("server says " + code);
        if (code != 9999) {
            assertThat(e.errorCode().code()).isEqualTo(code);
        } else {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN);
        }
    }

    static Stream<Arguments> gatewayErrorStatuses() {
        return Stream.of(
                arguments(401, 1001, TokenExpiredException.class),
                arguments(404, 1002, SessionNotFoundException.class),
                arguments(402, 2001, InsufficientCreditsException.class),
                arguments(415, 4001, UnsupportedFileTypeException.class),
                arguments(413, 4002, FileTooLargeException.class),
                arguments(400, 400, MissingClientIdException.class),
                arguments(402, 402, ExportBlockedException.class),
                arguments(429, 429, RateLimitedException.class),
                arguments(401, 1010, TokenExpiredException.class),
                arguments(403, 1011, TokenExpiredException.class),
                // the body's code is more specific than the status
                arguments(500, 2001, InsufficientCreditsException.class),
                arguments(500, 9999, ServerErrorException.class),
                arguments(418, 9999, NemoApiException.class));
    }

    @ParameterizedTest(name = "HTTP {0} code {1} -> {2}")
    @MethodSource("gatewayErrorStatuses")
    void gatewayEnvelopeWithHttpErrorStatus(int status, int code, Class<? extends NemoApiException> type,
            WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, json(status, "{\"code\":" + code + ",\"message\":\"failed " + code
                + "\",\"data\":null,\"request_id\":\"body-rid-" + code + "\"}"));

        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.apiCode()).hasValue(code);
        assertThat(e.serverMessage()).contains("failed " + code);
        assertThat(e.requestId()).as("request id from the body's request_id").contains("body-rid-" + code);
        assertThat(e.getMessage()).contains("HTTP " + status).contains("body-rid-" + code);
    }

    static Stream<Arguments> renderErrorStatuses() {
        return Stream.of(
                arguments(400, NemoApiException.class),
                arguments(401, TokenExpiredException.class),
                arguments(402, ExportBlockedException.class),
                arguments(404, NemoApiException.class),
                arguments(429, RateLimitedException.class),
                arguments(500, ServerErrorException.class),
                arguments(503, ServerErrorException.class));
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @MethodSource("renderErrorStatuses")
    void renderEnvelopeWithHttpErrorStatus(int status, Class<? extends NemoApiException> type,
            WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, json(status, "{\"success\":false,\"error\":\"render failed: bad"
                + " draft\"}").withHeader("X-Request-Id", "rid-render"));

        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.apiCode()).isEmpty();
        assertThat(e.serverMessage()).contains("render failed: bad draft");
        assertThat(e.requestId()).contains("rid-render");
        assertThat(e.getMessage()).contains("render failed: bad draft").contains("HTTP " + status);
    }

    @Test
    void renderEnvelopeWithAnErrorObject(WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, json(402, "{\"success\":false,\"error\":{\"message\":\"Export"
                + " requires a paid plan\",\"code\":\"PLAN\"}}"));

        assertThat(e).isExactlyInstanceOf(ExportBlockedException.class);
        assertThat(e.serverMessage()).contains("Export requires a paid plan");
    }

    @Test
    void renderEnvelopeFailureInsideHttp200ReportsTheRealStatus(WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, okJson("{\"success\":false,\"error\":\"draft is empty\"}"));

        assertThat(e.httpStatus()).as("the HTTP status the server actually sent").isEqualTo(200);
        assertThat(e.apiCode()).isEmpty();
        assertThat(e.serverMessage()).contains("draft is empty");
        assertThat(e.getMessage()).contains("HTTP 200").doesNotContain("HTTP 500");
    }

    static Stream<Arguments> plainStatuses() {
        return Stream.of(
                arguments(400, NemoApiException.class),
                arguments(401, TokenExpiredException.class),
                arguments(402, ExportBlockedException.class),
                arguments(403, NemoApiException.class),
                arguments(404, NemoApiException.class),
                arguments(429, RateLimitedException.class),
                arguments(500, ServerErrorException.class),
                arguments(502, ServerErrorException.class),
                arguments(503, ServerErrorException.class),
                arguments(504, ServerErrorException.class));
    }

    @ParameterizedTest(name = "HTTP {0} text/plain -> {1}")
    @MethodSource("plainStatuses")
    void plainTextBodyMapsByHttpStatus(int status, Class<? extends NemoApiException> type, WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, aResponse().withStatus(status)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withHeader("X-Request-Id", "rid-plain")
                .withBody("  upstream said no (" + status + ")\n"));

        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.apiCode()).isEmpty();
        assertThat(e.serverMessage()).contains("upstream said no (" + status + ")");
        assertThat(e.requestId()).contains("rid-plain");
        // a bare 400 means a missing client id only when acquiring a token
        assertThat(e.errorCode()).isEqualTo(status == 400 ? ErrorCode.UNKNOWN : ErrorCode.of(status));
    }

    @ParameterizedTest(name = "HTTP {0} empty body -> {1}")
    @MethodSource("plainStatuses")
    void emptyBodyMapsByHttpStatus(int status, Class<? extends NemoApiException> type, WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, aResponse().withStatus(status));

        assertThat(e).isExactlyInstanceOf(type);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.apiCode()).isEmpty();
        assertThat(e.serverMessage()).isEmpty();
        assertThat(e.requestId()).isEmpty();
        assertThat(e.getMessage()).contains("HTTP " + status);
    }

    @Test
    void unauthorizedWithoutBodyIsTokenExpiredWithAdvice(WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, aResponse().withStatus(401));

        assertThat(e).isInstanceOf(TokenExpiredException.class);
        assertThat(e.errorCode().isAuthFailure()).isTrue();
        assertThat(e.getMessage()).contains("rejected").contains("token(...)").contains("NEMO_TOKEN")
                .contains("provide a fresh one");
        verify(1, getRequestedFor(urlEqualTo(CREDITS_PATH)));
    }

    @Test
    void htmlProxyPageBecomesServerErrorWithThePageText(WireMockRuntimeInfo wm) {
        String page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        NemoApiException e = creditsFailure(wm, aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody(page));

        assertThat(e).isExactlyInstanceOf(ServerErrorException.class);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.apiCode()).isEmpty();
        assertThat(e.serverMessage()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("502 Bad Gateway").doesNotContain("<").doesNotContain(">").doesNotContain("center"));
        assertThat(e.getMessage()).contains("502").contains("try again").doesNotContain("<h1>");
    }

    @Test
    void htmlPageWithoutHeadingKeepsItsTextWithoutTags(WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withBody("<!DOCTYPE html><html><body><p>Upstream <b>unavailable</b> - retry later</p></body></html>"));

        assertThat(e).isExactlyInstanceOf(ServerErrorException.class);
        assertThat(e.serverMessage()).contains("Upstream unavailable - retry later");
    }

    static Stream<Arguments> nonJsonSuccessBodies() {
        return Stream.of(
                arguments("text/html", "<html><body><h1>Welcome to nginx!</h1></body></html>"),
                arguments("text/plain", "OK"),
                arguments("application/json", "not json at all"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonJsonSuccessBodies")
    void http200WithNonJsonBodyIsAProtocolError(String contentType, String body, WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS_PATH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType)
                .withBody(body)));

        try (NemoClient client = client(wm)) {
            NemoProtocolException e = catchThrowableOfType(NemoProtocolException.class,
                    () -> client.credits().balance());
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("HTTP 200").contains("base URL");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"code\":0,\"data\":{\"available\":10,",
        "{\"code\":0,\"data\":{\"available\":10,\"frozen\":2}",
        "[{\"code\":0"})
    void http200WithTruncatedJsonIsAProtocolError(String body, WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS_PATH).willReturn(okJson(body)));

        try (NemoClient client = client(wm)) {
            NemoProtocolException e = catchThrowableOfType(NemoProtocolException.class,
                    () -> client.credits().balance());
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("not valid JSON").contains("base URL");
        }
    }

    static Stream<Arguments> notRetried() {
        return Stream.of(
                arguments(200, gateway(2001, "no credits")),
                arguments(402, gateway(2001, "no credits")),
                arguments(200, gateway(4001, "bad type")),
                arguments(400, gateway(4001, "bad type")),
                arguments(200, gateway(4002, "too big")),
                arguments(413, gateway(4002, "too big")),
                arguments(200, gateway(402, "upgrade")),
                arguments(402, gateway(402, "upgrade")),
                arguments(402, ""));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("notRetried")
    void finalErrorsAreNotRetriedEvenOnIdempotentReads(int status, String body, WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, json(status, body));

        assertThat(e).isInstanceOfAny(InsufficientCreditsException.class, UnsupportedFileTypeException.class,
                FileTooLargeException.class, ExportBlockedException.class);
        verify(1, getRequestedFor(urlEqualTo(CREDITS_PATH)));
        assertThat(sleeps).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {2001, 4001, 4002, 402})
    void finalErrorsAreNotRetriedOnPosts(int code, WireMockRuntimeInfo wm) {
        stubFor(post("/api/tasks/me/with-session/nemo_agent").willReturn(okJson(gateway(code, "no"))));

        try (NemoClient client = client(wm)) {
            NemoApiException e = catchThrowableOfType(NemoApiException.class, () -> client.sessions().create());
            assertThat(e).isNotNull();
            assertThat(e.apiCode()).hasValue(code);
        }
        verify(1, postRequestedFor(urlEqualTo("/api/tasks/me/with-session/nemo_agent")));
    }

    static Stream<Arguments> leakyResponses() {
        String leak = "Token nmv_usr_abc123secret rejected (Authorization: Bearer xyz)";
        return Stream.of(
                arguments("gateway envelope", json(401, "{\"code\":1001,\"message\":\"" + leak + "\"}")),
                arguments("gateway envelope at 200", okJson("{\"code\":9999,\"message\":\"" + leak + "\"}")),
                arguments("render envelope", json(500, "{\"success\":false,\"error\":\"" + leak + "\"}")),
                arguments("plain text", aResponse().withStatus(403).withHeader("Content-Type", "text/plain")
                        .withBody(leak)),
                arguments("html page", aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>" + leak + "</h1></body></html>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leakyResponses")
    void tokenLikeStringsInServerMessagesAreMasked(String description, ResponseDefinitionBuilder response,
            WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, response);

        assertThat(e.getMessage()).contains("rejected").doesNotContain("abc123secret").doesNotContain("nmv_usr_abc")
                .doesNotContain("Bearer xyz").doesNotContain("xyz");
        assertThat(e.serverMessage()).hasValueSatisfying(m -> assertThat(m).contains("rejected")
                .doesNotContain("abc123secret").doesNotContain("xyz"));
        assertThat(e.toString()).doesNotContain("abc123secret");
    }

    @Test
    void tokenLikeStringsInUnparseableSuccessBodiesAreMasked(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS_PATH).willReturn(okJson("{\"token\": nmv_usr_abc123secret}")));

        try (NemoClient client = client(wm)) {
            NemoProtocolException e = catchThrowableOfType(NemoProtocolException.class,
                    () -> client.credits().balance());
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).doesNotContain("abc123secret");
        }
    }

    @Test
    void sessionNotFoundNamesTheSession(WireMockRuntimeInfo wm) {
        stubFor(get(STATE_PATH).willReturn(json(404, gateway(1002, "session not found"))));

        try (NemoClient client = client(wm)) {
            SessionNotFoundException e = catchThrowableOfType(SessionNotFoundException.class,
                    () -> client.state(SID).latest());
            assertThat(e).isNotNull();
            assertThat(e.sessionId()).contains(SID);
            assertThat(e.getMessage()).contains(SID).contains("client.sessions().create()");
        }
        verify(1, getRequestedFor(urlEqualTo(STATE_PATH)));
    }

    @Test
    void outOfCreditsGivesAnonymousUsersTheRegistrationLink(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN_PATH).willReturn(okJson("{\"code\":0,\"data\":{\"token\":\"nmv_usr_anon77\","
                + "\"user_id\":\"anon-77\",\"expires_at\":\"2999-01-01T00:00:00Z\",\"credits\":0}}")));
        stubFor(get(CREDITS_PATH).willReturn(okJson(gateway(2001, "insufficient credits"))));

        try (NemoClient client = builder(wm).clientId("3f6c1c8e-7a1b-4c2d-9e0f-123456789abc").build()) {
            InsufficientCreditsException e = catchThrowableOfType(InsufficientCreditsException.class,
                    () -> client.credits().balance());
            assertThat(e).isNotNull();
            assertThat(e.registrationLink()).contains(URI.create("https://nemovideo.com/register?bind=anon-77"));
            assertThat(e.getMessage()).contains("Register at https://nemovideo.com/register?bind=anon-77")
                    .doesNotContain("nmv_usr_anon77");
        }
        verify(1, getRequestedFor(urlEqualTo(CREDITS_PATH)));
    }

    @Test
    void rateLimitExposesRetryAfterOnceRetriesAreSpent(WireMockRuntimeInfo wm) {
        NemoApiException e = creditsFailure(wm, json(429, gateway(429, "slow down")).withHeader("Retry-After", "7"));

        assertThat(e).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.getMessage()).contains("wait 7 s");
        List<LoggedRequest> requests = findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSizeGreaterThan(1);
        assertThat(sleeps).hasSize(requests.size() - 1)
                .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void plainBadRequestWhenAcquiringATokenIsMissingClientId(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(400).withBody("missing X-Client-Id")));

        try (NemoClient client = builder(wm).build()) {
            MissingClientIdException e = catchThrowableOfType(MissingClientIdException.class,
                    () -> client.auth().anonymousToken());
            assertThat(e).isNotNull();
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.apiCode()).isEmpty();
            assertThat(e.getMessage()).contains("clientId(...)");
        }
    }
}
