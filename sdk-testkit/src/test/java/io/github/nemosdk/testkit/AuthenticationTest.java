package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthenticationTest {

    private NemoEmulator emu;

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    /** Calls an authenticated endpoint with the given Authorization header value (null: none). */
    private static HttpResponse<String> call(Http http, Endpoint endpoint, String authorization, String sessionId) {
        String[] headers = authorization == null ? new String[0] : new String[] {"Authorization", authorization};
        switch (endpoint) {
            case CREATE_SESSION:
                return http.send("POST", "/api/tasks/me/with-session/nemo_agent", "{}", headers);
            case CREDITS:
                return http.send("GET", "/api/credits/balance/simple", null, headers);
            case STATE:
                return http.send("GET", "/api/state/nemo_agent/me/" + sessionId + "/latest", null, headers);
            default:
                throw new IllegalArgumentException(endpoint.toString());
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = Http.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(1001);
        assertThat(body.get("message").asText()).isEqualTo("token invalid or expired");
        assertThat(body.get("data").isNull()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"CREATE_SESSION", "CREDITS", "STATE"})
    void rejectsMissingUnknownAndMalformedCredentials(Endpoint endpoint) {
        emu = NemoEmulator.start();
        Http http = new Http(emu);
        String token = http.newToken("c");
        String session = http.newSession(token);

        assertUnauthorized(call(http, endpoint, null, session));
        assertUnauthorized(call(http, endpoint, "Bearer nmv_usr_00000000000000000000000000000000", session));
        assertUnauthorized(call(http, endpoint, "Basic " + token, session));
        assertUnauthorized(call(http, endpoint, token, session));
        assertThat(call(http, endpoint, "Bearer " + token, session).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensExpireWhenTheClockReachesExpiry() {
        MutableClock clock = new MutableClock(Instant.parse("2030-06-01T00:00:00Z"));
        emu = NemoEmulator.builder().clock(clock).tokenTtl(Duration.ofHours(1)).start();
        Http http = new Http(emu);
        String token = http.newToken("c");

        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(http.credits(token).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        assertUnauthorized(http.credits(token));

        // a fresh token works again
        assertThat(http.credits(http.newToken("c")).statusCode()).isEqualTo(200);
    }

    @Test
    void revokedTokenIsRejectedButTheUsersOtherTokensStillWork() {
        emu = NemoEmulator.start();
        Http http = new Http(emu);
        String revoked = http.newToken("c");
        String other = http.newToken("c");

        emu.revokeToken(revoked);

        assertUnauthorized(http.credits(revoked));
        assertThat(http.credits(other).statusCode()).isEqualTo(200);
    }

    @Test
    void expireAllTokensInvalidatesExistingTokensOnly() {
        emu = NemoEmulator.start();
        Http http = new Http(emu);
        String a = http.newToken("a");
        String b = http.newToken("b");

        emu.expireAllTokens();

        assertUnauthorized(http.credits(a));
        assertUnauthorized(http.credits(b));
        assertThat(http.credits(http.newToken("a")).statusCode()).isEqualTo(200);
    }

    @Test
    void revokingATokenTheEmulatorNeverIssuedIsAnError() {
        emu = NemoEmulator.start();
        assertThatThrownBy(() -> emu.revokeToken("nmv_usr_nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
