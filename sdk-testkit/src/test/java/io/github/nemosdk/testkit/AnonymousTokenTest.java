package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnonymousTokenTest {

    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    private NemoEmulator emu;

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    @Test
    void issuesATokenWithTheDocumentedFields() {
        emu = NemoEmulator.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).tokenTtl(Duration.ofHours(5))
                .initialCredits(42).start();
        HttpResponse<String> response = new Http(emu).anonymousToken("client-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(
                id -> assertThat(id).matches("req_[0-9a-f]{16}"));
        JsonNode body = Http.json(response);
        assertThat(body.get("code").asInt()).isZero();
        assertThat(body.get("message").asText()).isEqualTo("success");
        JsonNode data = body.get("data");
        assertThat(data.get("token").asText()).matches("nmv_usr_[0-9a-f]{32}");
        assertThat(data.get("user_id").asText()).matches("anon_[0-9a-f]+");
        assertThat(Instant.parse(data.get("expires_at").asText())).isEqualTo(NOW.plus(Duration.ofHours(5)));
        assertThat(data.get("credits").asInt()).isEqualTo(42);
        assertThat(emu.tokensIssued()).isEqualTo(1);
    }

    @Test
    void newUsersStartWithOneHundredCreditsByDefault() {
        emu = NemoEmulator.start();
        assertThat(Http.successData(new Http(emu).anonymousToken("c")).get("credits").asInt()).isEqualTo(100);
    }

    @Test
    void sameClientIdMeansSameUserAndBalance() {
        emu = NemoEmulator.start();
        Http http = new Http(emu);
        JsonNode first = Http.successData(http.anonymousToken("client-A"));
        emu.setCredits(first.get("token").asText(), 37, 0);

        JsonNode second = Http.successData(http.anonymousToken("client-A"));
        JsonNode other = Http.successData(http.anonymousToken("client-B"));

        assertThat(second.get("token").asText()).isNotEqualTo(first.get("token").asText());
        assertThat(second.get("user_id").asText()).isEqualTo(first.get("user_id").asText());
        assertThat(second.get("credits").asInt()).isEqualTo(37);
        assertThat(other.get("user_id").asText()).isNotEqualTo(first.get("user_id").asText());
        assertThat(other.get("credits").asInt()).isEqualTo(100);
    }

    @Test
    void missingClientIdIsRejectedWith400() {
        emu = NemoEmulator.start();
        HttpResponse<String> response = new Http(emu).send("POST", "/api/auth/anonymous-token", null);

        assertBadRequest(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankClientIdIsRejectedWith400(String clientId) {
        emu = NemoEmulator.start();
        assertBadRequest(new Http(emu).anonymousToken(clientId));
        assertThat(emu.tokensIssued()).isZero();
    }

    @Test
    void tokenLimitPerClientIdAnswers429WithRetryAfter() {
        emu = NemoEmulator.builder().tokenLimitPerClient(2).start();
        Http http = new Http(emu);
        http.newToken("greedy");
        http.newToken("greedy");

        HttpResponse<String> refused = http.anonymousToken("greedy");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3600");
        assertThat(Http.json(refused).get("code").asInt()).isEqualTo(429);
        assertThat(Http.json(refused).get("data").isNull()).isTrue();
        assertThat(http.anonymousToken("someone-else").statusCode()).isEqualTo(200);
        assertThat(emu.tokensIssued()).isEqualTo(3);
    }

    @Test
    void defaultTokenLimitIsTenPerClientId() {
        emu = NemoEmulator.start();
        Http http = new Http(emu);
        for (int i = 0; i < 10; i++) {
            http.newToken("ten");
        }
        assertThat(http.anonymousToken("ten").statusCode()).isEqualTo(429);
    }

    private static void assertBadRequest(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Http.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(400);
        assertThat(body.get("message").asText()).contains("X-Client-Id");
        assertThat(body.get("data").isNull()).isTrue();
    }
}
