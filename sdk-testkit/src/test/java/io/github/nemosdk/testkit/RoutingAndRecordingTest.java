package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingAndRecordingTest {

    private NemoEmulator emu;
    private Http http;

    @BeforeEach
    void start() {
        emu = NemoEmulator.start();
        http = new Http(emu);
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void unknownPathIsA404JsonError() {
        HttpResponse<String> response = http.send("GET", "/api/nope", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).isEqualTo("{\"code\":404,\"message\":\"not found\",\"data\":null}");
    }

    @Test
    void wrongMethodIsA405NamingTheAllowedMethod() {
        HttpResponse<String> response = http.send("GET", "/api/auth/anonymous-token", null, "X-Client-Id", "c");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(Http.json(response).get("code").asInt()).isEqualTo(405);
        assertThat(emu.tokensIssued()).isZero();
    }

    @Test
    void everyResponseHasADistinctRequestId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ids.add(http.anonymousToken("c").headers().firstValue("X-Request-Id").orElseThrow());
            ids.add(http.send("GET", "/x", null).headers().firstValue("X-Request-Id").orElseThrow());
        }
        assertThat(ids).hasSize(10).allSatisfy(id -> assertThat(id).matches("req_[0-9a-f]{16}"));
    }

    @Test
    void recordsEveryRequestInOrderWithHeadersAndBody() {
        String token = http.newToken("client-9");
        String body = "{\"task_name\":\"project\",\"language\":\"ja\",\"note\":\"\u97f3\u697d\"}";
        http.createSession(token, body);
        http.send("DELETE", "/api/somewhere", null, "X-Skill-Source", "music-maker");

        List<RecordedRequest> requests = emu.requests();

        assertThat(requests).hasSize(3);
        RecordedRequest first = requests.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/api/auth/anonymous-token");
        assertThat(first.endpoint()).hasValue(Endpoint.ANONYMOUS_TOKEN);
        assertThat(first.header("x-client-id")).hasValue("client-9");
        assertThat(first.header("X-CLIENT-ID")).hasValue("client-9");
        assertThat(first.body()).isEmpty();

        RecordedRequest second = requests.get(1);
        assertThat(second.endpoint()).hasValue(Endpoint.CREATE_SESSION);
        assertThat(second.body()).isEqualTo(body);
        assertThat(second.headers()).containsKey("authorization");
        assertThat(second.headers().get("Authorization")).containsExactly("Bearer " + token);

        RecordedRequest third = requests.get(2);
        assertThat(third.method()).isEqualTo("DELETE");
        assertThat(third.path()).isEqualTo("/api/somewhere");
        assertThat(third.endpoint()).isEmpty();
        assertThat(third.header("X-Skill-Source")).hasValue("music-maker");
        assertThat(third.header("X-Missing")).isEmpty();
    }

    @Test
    void countsRequestsPerEndpoint() {
        String token = http.newToken("c");
        http.credits(token);
        http.credits("bad-token");
        http.send("GET", "/nowhere", null);

        assertThat(emu.requestCount(Endpoint.ANONYMOUS_TOKEN)).isEqualTo(1);
        assertThat(emu.requestCount(Endpoint.CREDITS)).isEqualTo(2);
        assertThat(emu.requestCount(Endpoint.STATE)).isZero();
        assertThat(emu.requests()).hasSize(4);
    }

    @Test
    void recordedRequestsAreReadOnlySnapshotsThatMaskTokensWhenPrinted() {
        String token = http.newToken("c");
        http.credits(token);
        List<RecordedRequest> snapshot = emu.requests();

        http.credits(token);

        assertThat(snapshot).hasSize(2);
        assertThatThrownBy(() -> snapshot.add(snapshot.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> snapshot.get(1).headers().put("x", List.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(snapshot.get(1).toString()).contains("/api/credits/balance/simple").doesNotContain(token);
    }
}
