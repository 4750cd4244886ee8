package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest {

    private NemoEmulator emu;
    private Http http;
    private String token;

    @BeforeEach
    void start() {
        emu = NemoEmulator.start();
        http = new Http(emu);
        token = http.newToken("c");
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void tokenExpiredAnswers401With1001() {
        emu.inject(Endpoint.CREDITS, Fault.tokenExpired(), 1);

        HttpResponse<String> response = http.credits(token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertError(response, 1001, "token invalid or expired");
    }

    @Test
    void sessionNotFoundAnswers200With1002() {
        String sid = http.newSession(token);
        emu.inject(Endpoint.STATE, Fault.sessionNotFound(), 1);

        HttpResponse<String> response = http.state(token, sid);

        assertThat(response.statusCode()).isEqualTo(200);
        assertError(response, 1002, "session not found");
        assertThat(http.state(token, sid).statusCode()).isEqualTo(200);
        assertThat(Http.json(http.state(token, sid)).get("code").asInt()).isZero();
    }

    @Test
    void rateLimitedAnnouncesRetryAfterInWholeSeconds() {
        emu.inject(Endpoint.CREDITS, Fault.rateLimited(Duration.ofSeconds(2)), 1);
        emu.inject(Endpoint.CREDITS, Fault.rateLimited(Duration.ofMillis(1500)), 1);

        HttpResponse<String> first = http.credits(token);
        HttpResponse<String> second = http.credits(token);

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(Http.json(first).get("code").asInt()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void rateLimitedWithoutRetryAfterHasNoRetryAfterHeader() {
        emu.inject(Endpoint.CREDITS, Fault.rateLimitedWithoutRetryAfter(), 1);

        HttpResponse<String> response = http.credits(token);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(Http.json(response).get("code").asInt()).isEqualTo(429);
    }

    @Test
    void serverErrorServesAnHtmlPageLikeAProxy() {
        emu.inject(Endpoint.CREATE_SESSION, Fault.serverError(502), 1);

        HttpResponse<String> response = http.createSession(token, "{}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).startsWith("<html>").contains("502 Bad Gateway");
    }

    @Test
    void dropConnectionMakesTheClientFailWithIOExceptionOnce() {
        emu.inject(Endpoint.CREDITS, Fault.dropConnection(), 1);

        assertThatThrownBy(() -> http.sendOrThrow("GET", "/api/credits/balance/simple", null,
                "Authorization", "Bearer " + token)).isInstanceOf(IOException.class);

        assertThat(http.credits(token).statusCode()).isEqualTo(200);
        assertThat(emu.requestCount(Endpoint.CREDITS)).isEqualTo(2);
    }

    @Test
    void apiErrorServesAnyCodeAndStatus() {
        emu.inject(Endpoint.CREATE_SESSION, Fault.apiError(200, 2001, "insufficient credits"), 1);
        emu.inject(Endpoint.CREATE_SESSION, Fault.apiError(402, 402, "upgrade required"), 1);

        HttpResponse<String> first = http.createSession(token, "{}");
        HttpResponse<String> second = http.createSession(token, "{}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertError(first, 2001, "insufficient credits");
        assertThat(second.statusCode()).isEqualTo(402);
        assertError(second, 402, "upgrade required");
    }

    @Test
    void faultsHitTheNextNRequestsThenStop() {
        emu.inject(Endpoint.CREDITS, Fault.rateLimitedWithoutRetryAfter(), 3);

        assertThat(http.credits(token).statusCode()).isEqualTo(429);
        assertThat(http.credits(token).statusCode()).isEqualTo(429);
        assertThat(http.credits(token).statusCode()).isEqualTo(429);
        assertThat(http.credits(token).statusCode()).isEqualTo(200);
        assertThat(emu.requestCount(Endpoint.CREDITS)).isEqualTo(4);
    }

    @Test
    void faultsApplyBeforeAuthentication() {
        emu.inject(Endpoint.CREDITS, Fault.serverError(503), 1);

        HttpResponse<String> response = http.send("GET", "/api/credits/balance/simple", null);

        assertThat(response.statusCode()).isEqualTo(503);
    }

    @Test
    void faultsOnlyAffectTheirEndpoint() {
        String sid = http.newSession(token);
        emu.inject(Endpoint.CREDITS, Fault.serverError(500), 1);

        assertThat(http.state(token, sid).statusCode()).isEqualTo(200);
        assertThat(http.credits(token).statusCode()).isEqualTo(500);
    }

    @Test
    void faultedAnonymousTokenCallsIssueNoToken() {
        emu.inject(Endpoint.ANONYMOUS_TOKEN, Fault.rateLimited(Duration.ofSeconds(30)), 1);

        HttpResponse<String> response = http.anonymousToken("c");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(emu.tokensIssued()).isEqualTo(1);
    }

    @Test
    void clearFaultsDropsPendingFaults() {
        emu.inject(Endpoint.CREDITS, Fault.tokenExpired(), 5);
        emu.inject(Endpoint.STATE, Fault.tokenExpired(), 5);

        emu.clearFaults();

        assertThat(http.credits(token).statusCode()).isEqualTo(200);
    }

    @Test
    void faultedRequestsAreRecorded() {
        emu.inject(Endpoint.CREDITS, Fault.tokenExpired(), 1);

        http.credits(token);

        RecordedRequest last = emu.requests().get(emu.requests().size() - 1);
        assertThat(last.endpoint()).hasValue(Endpoint.CREDITS);
        assertThat(last.header("authorization")).hasValue("Bearer " + token);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> emu.inject(Endpoint.CREDITS, Fault.tokenExpired(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.inject(null, Fault.tokenExpired(), 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Fault.serverError(404)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.rateLimited(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.apiError(99, 1, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Fault.rateLimited(Duration.ofSeconds(2))).hasToString("rateLimited(2s)");
    }

    private static void assertError(HttpResponse<String> response, int code, String message) {
        JsonNode body = Http.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(code);
        assertThat(body.get("message").asText()).isEqualTo(message);
        assertThat(body.get("data").isNull()).isTrue();
    }
}
