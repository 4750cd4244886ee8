package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.errors.SessionNotFoundException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status and request id of a success, and every attempt behind it. */
@WireMockTest
class RawResponseTest {
    private static final String CREDITS = "/api/credits/balance/simple";

    @TempDir
    Path dir;

    private NemoClient client(WireMockRuntimeInfo wm) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).configDirectory(dir)
                .environment(Map.of()).sleeper(d -> { }).token("nmv_usr_t").build();
    }

    @Test
    void aSuccessCarriesItsStatusRequestIdAndEveryAttempt(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withHeader("x-request-id", "req_1")).willSetStateTo("ok"));
        stubFor(get(CREDITS).inScenario("s").whenScenarioStateIs("ok").willReturn(
                okJson("{\"code\":0,\"data\":{\"available\":5}}").withHeader("x-request-id", "req_2")));
        try (NemoClient client = client(wm)) {
            ApiResponse<CreditBalance> r = client.withRawResponse(c -> c.credits().balance());
            assertThat(r.value().available()).isEqualTo(5);
            assertThat(r.statusCode()).hasValue(200);
            assertThat(r.requestId()).hasValue("req_2");
            assertThat(r.exchanges()).extracting(e -> e.status().orElse(-1)).containsExactly(502, 200);

            // a later call on the same thread is not captured
            ApiResponse<Integer> second = client.withRawResponse(c -> 42);
            assertThat(second.exchanges()).isEmpty();
            assertThat(second.statusCode()).isEmpty();
        }
    }

    @Test
    void aFailureKeepsItsRequestIdOnTheException(WireMockRuntimeInfo wm) {
        stubFor(get("/api/state/nemo_agent/me/1234567890123/latest").willReturn(okJson(
                "{\"code\":1002,\"message\":\"Session not found\"}").withHeader("x-request-id", "req_lost")));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.withRawResponse(c -> c.state("1234567890123").latest()))
                    .isInstanceOfSatisfying(SessionNotFoundException.class,
                            e -> assertThat(e.requestId()).hasValue("req_lost"));
        }
    }

    @Test
    void aChatStreamThatFailsCarriesTheRequestIdOfItsResponse(WireMockRuntimeInfo wm) {
        stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/run_sse").willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withHeader("x-request-id", "req_chat")
                .withBody("data: {\"type\":\"error\",\"error\":{\"message\":\"the model failed\"}}\n\n")));
        try (NemoClient client = client(wm);
                io.github.nemosdk.chat.ChatStream stream = client.chat("1234567890123").stream("add jazz")) {
            assertThatThrownBy(() -> stream.forEach(e -> { }))
                    .isInstanceOfSatisfying(io.github.nemosdk.errors.ChatStreamException.class, e -> {
                        assertThat(e.requestId()).hasValue("req_chat");
                        assertThat(e.getMessage()).endsWith("[request id req_chat]");
                    });
        }
    }
}
