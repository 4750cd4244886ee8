package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatStream;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a {@link ClientListener} is told, written from the API reference against a WireMock server. */
@WireMockTest
class ClientListenerTest {
    private static final String CREDITS = "/api/credits/balance/simple";
    private static final String TOKEN = "/api/auth/anonymous-token";
    private static final String OK_CREDITS = "{\"code\":0,\"message\":\"success\",\"data\":{\"available\":90}}";

    @TempDir
    Path dir;

    /** Records everything, as text a test can read, and the events themselves. */
    static final class Recorder implements ClientListener {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final List<RequestEvent> ends = Collections.synchronizedList(new ArrayList<>());
        final List<Object> all = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onRequestStart(RequestEvent request) {
            all.add(request);
            seen.add("start " + request.endpoint() + " #" + request.attempt());
        }

        @Override
        public void onRequestEnd(RequestEvent request) {
            all.add(request);
            ends.add(request);
            seen.add("end " + request.endpoint() + " #" + request.attempt() + " " + request.status().orElse(-1));
        }

        @Override
        public void onRetry(RetryEvent retry) {
            all.add(retry);
            seen.add("retry " + retry.endpoint() + " after " + retry.reason().getClass().getSimpleName() + " in "
                    + retry.delay().toMillis() + " ms");
        }

        @Override
        public void onTokenRenewal(String endpoint, NemoApiException rejection) {
            all.add(rejection);
            seen.add("renewal " + endpoint + " " + rejection.apiCode().orElse(0));
        }

        @Override
        public void onChatEvent(String sessionId, ChatEvent event) {
            all.add(event);
            seen.add("chat " + sessionId + " " + event.getClass().getSimpleName());
        }

        @Override
        public void onRenderProgress(RenderJob job) {
            all.add(job);
            seen.add("render " + job.id() + " " + job.status());
        }
    }

    private final Recorder recorder = new Recorder();

    private NemoClient.Builder builder(WireMockRuntimeInfo wm) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).configDirectory(dir)
                .environment(Map.of()).sleeper(d -> { }).retry(RetrySettings.builder().jitter(0).build())
                .listener(recorder);
    }

    @Test
    void everyAttemptIsToldWithItsOutcomeAndEveryRetryWithItsReason(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("x-request-id", "req_503"))
                .willSetStateTo("ok"));
        stubFor(get(CREDITS).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okJson(OK_CREDITS).withHeader("x-request-id", "req_ok")));
        try (NemoClient client = builder(wm).token("nmv_usr_listener_token").build()) {
            client.credits().balance();
        }
        assertThat(recorder.seen).containsExactly("start credits #1", "end credits #1 503",
                "retry credits after ServerErrorException in 500 ms", "start credits #2", "end credits #2 200");
        RequestEvent failed = recorder.ends.get(0);
        assertThat(failed.failure()).containsInstanceOf(ServerErrorException.class);
        assertThat(failed.requestId()).hasValue("req_503");
        RequestEvent ok = recorder.ends.get(1);
        assertThat(ok.method()).isEqualTo("GET");
        assertThat(ok.path()).isEqualTo(CREDITS);
        assertThat(ok.requestId()).hasValue("req_ok");
        assertThat(ok.bytesSent()).isZero();
        assertThat(ok.bytesReceived()).isEqualTo(OK_CREDITS.length());
        assertThat(ok.failure()).isEmpty();
    }

    @Test
    void aRenewedTokenIsToldButTheTokenNeverReachesTheListener(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(token("nmv_usr_first_secret"))).willSetStateTo("second"));
        stubFor(post(TOKEN).inScenario("t").whenScenarioStateIs("second")
                .willReturn(okJson(token("nmv_usr_second_secret"))));
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_first_secret"))
                .willReturn(aResponse().withStatus(401).withBody("{\"code\":1001,\"message\":\"expired\"}")));
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_second_secret"))
                .willReturn(okJson(OK_CREDITS)));
        try (NemoClient client = builder(wm).build()) {
            client.credits().balance();
        }
        assertThat(recorder.seen).containsExactly("start anonymous-token #1", "end anonymous-token #1 200",
                "start credits #1", "end credits #1 401", "renewal credits 1001", "start anonymous-token #1",
                "end anonymous-token #1 200", "start credits #1", "end credits #1 200");
        for (Object o : recorder.all) {
            assertThat(String.valueOf(o)).doesNotContain("secret");
        }
    }

    @Test
    void eachChatEventAndEachRenderPollIsTold(WireMockRuntimeInfo wm) {
        stubFor(post("/run_sse").willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(
                "data: {\"type\":\"text\",\"content\":\"Added jazz.\"}\n\ndata: {\"type\":\"done\"}\n\n")));
        stubFor(get("/api/render/proxy/lambda/render_1").inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(render("processing", 40))).willSetStateTo("done"));
        stubFor(get("/api/render/proxy/lambda/render_1").inScenario("r").whenScenarioStateIs("done")
                .willReturn(okJson(render("completed", 100))));
        List<ChatEvent> read = new ArrayList<>();
        try (NemoClient client = builder(wm).token("nmv_usr_t").build();
                ChatStream stream = client.chat("1234567890123").stream("add jazz")) {
            stream.forEach(read::add);
            client.render().awaitCompletion("render_1", Duration.ofMinutes(1));
        }
        assertThat(read).isNotEmpty();
        List<Object> told = new ArrayList<>();
        for (Object o : recorder.all) {
            if (o instanceof ChatEvent) {
                told.add(o);
            }
        }
        assertThat(told).isEqualTo(read);
        assertThat(recorder.seen).contains("render render_1 " + RenderStatus.PROCESSING,
                "render render_1 " + RenderStatus.COMPLETED);
    }

    @Test
    void aListenerThatThrowsNeverFailsTheCall(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(okJson(OK_CREDITS)));
        ClientListener broken = new ClientListener() {
            @Override
            public void onRequestEnd(RequestEvent request) {
                throw new IllegalStateException("a broken metrics backend");
            }
        };
        try (NemoClient client = builder(wm).token("nmv_usr_t").listener(broken).build()) {
            assertThat(client.credits().balance().available()).isEqualTo(90);
        }
    }

    private static String token(String token) {
        return "{\"code\":0,\"data\":{\"token\":\"" + token + "\",\"user_id\":\"usr_1\",\"credits\":100}}";
    }

    private static String render(String status, int progress) {
        return "{\"success\":true,\"data\":{\"id\":\"render_1\",\"status\":\"" + status + "\",\"progress\":" + progress
                + "}}";
    }
}
