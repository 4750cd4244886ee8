package io.github.nemosdk.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.ManualTicker;
import io.github.nemosdk.RetrySettings;
import io.github.nemosdk.Ticker;
import io.github.nemosdk.errors.ChatDisconnectedException;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.errors.ChatTimeoutException;
import io.github.nemosdk.errors.InsufficientCreditsException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.errors.SessionNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@WireMockTest
class ChatStreamTest {
    private static final String SID = "7000000000000000001";
    private static final String SSE = "text/event-stream";

    @TempDir
    Path configDir;

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private NemoClient client(URI base, ChatSettings chat) {
        return client(base, chat, Ticker.system());
    }

    private NemoClient client(URI base, ChatSettings chat, Ticker ticker) {
        return NemoClient.builder().baseUrl(base).token("nmv_usr_chat").environment(Map.of())
                .configDirectory(configDir).sleeper(sleeps::add).chatSettings(chat).ticker(ticker)
                .retry(RetrySettings.builder().jitter(0).build()).build();
    }

    private NemoClient client(WireMockRuntimeInfo wm) {
        return client(URI.create(wm.getHttpBaseUrl()), ChatSettings.defaults());
    }

    private static String frames(String... jsons) {
        StringBuilder sb = new StringBuilder();
        for (String j : jsons) {
            sb.append("data: ").append(j).append("\n\n");
        }
        return sb.toString();
    }

    private static List<ChatEvent> drain(ChatStream s) {
        List<ChatEvent> out = new ArrayList<>();
        s.forEach(out::add);
        return out;
    }

    @Test
    void theMessageIsPostedAsDocumentedAndEventsAreTyped(WireMockRuntimeInfo wm) {
        stubFor(post("/run_sse").willReturn(aResponse().withHeader("Content-Type", SSE).withBody(frames(
                "{\"type\":\"heartbeat\"}",
                "{\"type\":\"tool_call\",\"name\":\"add_bgm\",\"args\":{\"style\":\"lo-fi\"}}",
                "{\"type\":\"tool_result\",\"name\":\"add_bgm\",\"result\":{\"ok\":true}}",
                "{\"type\":\"text\",\"content\":\"Added Lo-fi music. Click the Export button when ready.\"}",
                "{\"type\":\"sparkle\",\"x\":1}"))));
        List<ChatEvent> events;
        try (NemoClient client = client(wm); ChatStream s = client.chat(SID).stream("add lo-fi music")) {
            events = drain(s);
        }
        assertThat(events).extracting(ChatEvent::kind).containsExactly(ChatEvent.Kind.HEARTBEAT,
                ChatEvent.Kind.TOOL_CALL, ChatEvent.Kind.TOOL_RESULT, ChatEvent.Kind.TEXT, ChatEvent.Kind.UNKNOWN);
        ChatEvent.Text text = (ChatEvent.Text) events.get(3);
        assertThat(text.guiHints()).contains(GuiHint.EXPORT);
        assertThat(((ChatEvent.ToolCall) events.get(1)).args().get("style").asText()).isEqualTo("lo-fi");
        verify(1, postRequestedFor(urlEqualTo("/run_sse"))
                .withHeader("Accept", equalTo(SSE))
                .withHeader("Authorization", equalTo("Bearer nmv_usr_chat"))
                .withRequestBody(equalToJson("{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\""
                        + SID + "\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"add lo-fi music\"}]}}")));
    }

    @Test
    void eventsAreDeliveredAsTheyArriveNotAtTheEnd() throws Exception {
        // the server sends the second event only after the caller has the first: delivered at the end, the turn
        // could not finish
        CountDownLatch firstSeen = new CountDownLatch(1);
        try (ScriptedSseServer server = new ScriptedSseServer(out -> {
            ScriptedSseServer.send(out, "data: {\"type\":\"text\",\"content\":\"chunk 0\"}\n\n");
            if (!firstSeen.await(10, TimeUnit.SECONDS)) {
                return;
            }
            ScriptedSseServer.send(out, "data: {\"type\":\"text\",\"content\":\"chunk 1\"}\n\n");
        }); NemoClient client = client(server.baseUrl(), ChatSettings.defaults());
                ChatStream s = client.chat(SID).stream("go")) {
            List<String> texts = new ArrayList<>();
            for (ChatEvent e : s) {
                texts.add(((ChatEvent.Text) e).text());
                firstSeen.countDown();
            }
            assertThat(texts).containsExactly("chunk 0", "chunk 1");
            assertThat(firstSeen.getCount()).isZero();
        }
    }

    @Test
    void closeFromAnotherThreadEndsANeverEndingStream() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(out -> {
            ScriptedSseServer.send(out, "data: {\"type\":\"text\",\"content\":\"working\"}\n\n");
            while (true) {
                ScriptedSseServer.send(out, ": ping\n\n");
                Thread.sleep(50);
            }
        }); NemoClient client = client(server.baseUrl(), ChatSettings.defaults())) {
            ChatStream s = client.chat(SID).stream("go");
            List<ChatEvent> seen = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> s.forEach(seen::add));
            reader.start();
            while (seen.isEmpty()) {
                Thread.sleep(10);
            }
            s.close();
            reader.join(10_000); // a guard against hanging, not a measurement
            assertThat(reader.isAlive()).as("iteration ended").isFalse();
            assertThat(seen.get(0)).isInstanceOf(ChatEvent.Text.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!server.clientGone && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.clientGone).as("the server saw the connection closed").isTrue();
        }
    }

    @Test
    @SuppressWarnings("try") // closing the stream inside its own loop is the behaviour under test
    void closeInsideTheLoopEndsIterationQuietly() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(out -> {
            while (true) {
                ScriptedSseServer.send(out, "data: {\"type\":\"text\",\"content\":\"x\"}\n\n");
                Thread.sleep(20);
            }
        }); NemoClient client = client(server.baseUrl(), ChatSettings.defaults());
                ChatStream s = client.chat(SID).stream("go")) {
            int n = 0;
            for (ChatEvent e : s) {
                if (++n == 3) {
                    s.close();
                }
            }
            assertThat(n).isBetween(3, 4);
        }
    }

    @Test
    void theWatchdogEndsAStalledStreamOnceItsTickerPassesTheIdleTimeout() throws Exception {
        ManualTicker ticker = new ManualTicker();
        CountDownLatch done = new CountDownLatch(1);
        try (ScriptedSseServer server = new ScriptedSseServer(out -> {
            ScriptedSseServer.send(out, "data: {\"type\":\"text\",\"content\":\"hello\"}\n\n");
            done.await(20, TimeUnit.SECONDS);
        }); NemoClient client = client(server.baseUrl(), ChatSettings.builder()
                .idleTimeout(Duration.ofMillis(300)).build(), ticker); ChatStream s = client.chat(SID).stream("go")) {
            List<ChatEvent> seen = new CopyOnWriteArrayList<>();
            java.util.concurrent.CompletableFuture<Throwable> ended = new java.util.concurrent.CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    s.forEach(seen::add);
                    ended.complete(null);
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
            reader.start();
            while (seen.isEmpty()) {
                Thread.sleep(5);
            }
            // the watchdog checks every 75 ms (a quarter of the timeout); with the ticker still, nothing is overdue
            ticker.advance(Duration.ofMillis(299));
            Thread.sleep(300);
            assertThat(ended).as("ended before its ticker passed the idle timeout").isNotDone();
            ticker.advance(Duration.ofMillis(1));
            Throwable t = ended.get(10, TimeUnit.SECONDS);
            assertThat(t).isInstanceOfSatisfying(ChatTimeoutException.class, e ->
                            assertThat(e.reason()).isEqualTo(ChatTimeoutException.Reason.IDLE))
                    .hasMessageContaining("idleTimeout").hasMessageContaining("may still be applied");
            assertThat(seen).hasSize(1);
        } finally {
            done.countDown();
        }
    }

    @Test
    void heartbeatsAloneBringStillWorkingAndThenTheHeartbeatDeadline() throws Exception {
        ManualTicker ticker = new ManualTicker();
        Semaphore consumed = new Semaphore(0);
        try (ScriptedSseServer server = new ScriptedSseServer(out -> {
            // heartbeat k comes at 100 k ms of the ticker, once the caller has the one before
            do {
                ScriptedSseServer.send(out, "data: {\"type\":\"heartbeat\"}\n\n");
                if (!consumed.tryAcquire(10, TimeUnit.SECONDS)) {
                    return;
                }
                ticker.advance(Duration.ofMillis(100));
            } while (true);
        }); NemoClient client = client(server.baseUrl(), ChatSettings.builder()
                .stillWorkingInterval(Duration.ofMillis(250)).heartbeatOnlyTimeout(Duration.ofMillis(1000)).build(),
                ticker); ChatStream s = client.chat(SID).stream("go")) {
            List<ChatEvent> seen = new ArrayList<>();
            assertThatThrownBy(() -> s.forEach(e -> {
                seen.add(e);
                if (e instanceof ChatEvent.Heartbeat) {
                    consumed.release();
                }
            })).isInstanceOfSatisfying(ChatTimeoutException.class, e ->
                    assertThat(e.reason()).isEqualTo(ChatTimeoutException.Reason.HEARTBEATS_ONLY));
            List<Duration> still = seen.stream().filter(e -> e instanceof ChatEvent.StillWorking)
                    .map(e -> ((ChatEvent.StillWorking) e).silentFor()).collect(Collectors.toList());
            // one after each 250 ms of silence: at the heartbeats of 300, 500 and 800 ms, and at 1000 ms unless the
            // watchdog ended the turn (its deadline) before that heartbeat was read
            assertThat(still.subList(0, 3)).containsExactly(Duration.ofMillis(300), Duration.ofMillis(500),
                    Duration.ofMillis(800));
            assertThat(still).hasSizeBetween(3, 4);
            assertThat(seen.stream().filter(e -> e instanceof ChatEvent.Heartbeat).count()).isBetween(10L, 11L);
        }
    }

    @Test
    void theTurnDeadlineEndsAStreamThatNeverStops() throws Exception {
        ManualTicker ticker = new ManualTicker();
        Semaphore consumed = new Semaphore(0);
        try (ScriptedSseServer server = new ScriptedSseServer(out -> {
            do {
                ScriptedSseServer.send(out, "data: {\"type\":\"text\",\"content\":\"more\"}\n\n");
                if (!consumed.tryAcquire(10, TimeUnit.SECONDS)) {
                    return;
                }
                ticker.advance(Duration.ofSeconds(10));
            } while (true);
        }); NemoClient client = client(server.baseUrl(), ChatSettings.builder()
                .turnTimeout(Duration.ofMinutes(1)).build(), ticker); ChatStream s = client.chat(SID).stream("go")) {
            List<ChatEvent> seen = new ArrayList<>();
            assertThatThrownBy(() -> s.forEach(e -> {
                seen.add(e);
                consumed.release();
            })).isInstanceOfSatisfying(ChatTimeoutException.class, e ->
                    assertThat(e.reason()).isEqualTo(ChatTimeoutException.Reason.TURN_TIMEOUT));
            // text keeps coming, so only the total deadline ends it: text k comes at 10 k s of the ticker, and the
            // one at 60 s is the last (or, when the watchdog looked first, the one at 50 s)
            assertThat(seen).hasSizeBetween(6, 7);
        }
    }

    @Test
    void anErrorFrameEndsIterationAfterEveryEarlierEvent(WireMockRuntimeInfo wm) {
        stubFor(post("/run_sse").willReturn(aResponse().withHeader("Content-Type", SSE).withBody(frames(
                "{\"type\":\"text\",\"content\":\"Working on it\"}",
                "{\"type\":\"heartbeat\"}",
                "{\"error\":\"agent crashed\",\"error_details\":{\"code\":\"AGENT_ERROR\"}}"))));
        List<ChatEvent> seen = new ArrayList<>();
        try (NemoClient client = client(wm); ChatStream s = client.chat(SID).stream("go")) {
            assertThatThrownBy(() -> s.forEach(seen::add))
                    .isInstanceOfSatisfying(ChatStreamException.class, e -> {
                        assertThat(e.serverMessage()).isEqualTo("agent crashed");
                        assertThat(e.errorCode()).contains("AGENT_ERROR");
                    });
        }
        assertThat(seen).extracting(ChatEvent::kind).containsExactly(ChatEvent.Kind.TEXT, ChatEvent.Kind.HEARTBEAT);
    }

    enum BrokenResponse { CONNECTION_RESET_BY_PEER, EMPTY_RESPONSE, MALFORMED_RESPONSE_CHUNK, RANDOM_DATA_THEN_CLOSE }

    @ParameterizedTest
    @EnumSource(BrokenResponse.class)
    void aBrokenExchangeIsReportedAndTheMessageIsNeverSentTwice(BrokenResponse fault, WireMockRuntimeInfo wm) {
        stubFor(post("/run_sse").willReturn(aResponse().withFault(Fault.valueOf(fault.name()))));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> {
                try (ChatStream s = client.chat(SID).stream("go")) {
                    s.forEach(e -> { });
                }
            }).isInstanceOf(NemoException.class);
        }
        verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void aStreamCutOffMidwayIsADisconnectThatSaysTheEditMayHaveBeenApplied() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(out -> {
            ScriptedSseServer.send(out, "data: {\"type\":\"text\",\"content\":\"hi\"}\n\n");
            throw new IOException("simulated abort");
        }); NemoClient client = client(server.baseUrl(), ChatSettings.defaults());
                ChatStream s = client.chat(SID).stream("go")) {
            List<ChatEvent> seen = new ArrayList<>();
            // the JDK server may end a chunked body cleanly when the handler fails; accept either a clean end or
            // a disconnect, but never a second request
            try {
                s.forEach(seen::add);
            } catch (ChatDisconnectedException e) {
                assertThat(e).hasMessageContaining("may have been applied").hasMessageContaining("does not re-send");
            }
            assertThat(seen).hasSize(1);
            assertThat(server.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void errorsBeforeTheStreamAreTypedAndOnlyCertainRefusalsAreRetried(WireMockRuntimeInfo wm) {
        try (NemoClient client = client(wm)) {
            stubFor(post("/run_sse").willReturn(okJson("{\"code\":1002,\"message\":\"session not found\"}")));
            assertThatThrownBy(() -> client.chat(SID).stream("go")).isInstanceOf(SessionNotFoundException.class);
            stubFor(post("/run_sse").willReturn(okJson("{\"code\":2001,\"message\":\"no credits\"}")));
            assertThatThrownBy(() -> client.chat(SID).stream("go")).isInstanceOf(InsufficientCreditsException.class);
            stubFor(post("/run_sse").willReturn(aResponse().withStatus(503).withBody("<h1>down</h1>")));
            assertThatThrownBy(() -> client.chat(SID).stream("go")).isInstanceOf(ServerErrorException.class);
        }
        verify(3, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void aRateLimitAnsweredBeforeTheStreamIsWaitedOutAndRetried(WireMockRuntimeInfo wm) {
        stubFor(post("/run_sse").inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "4")).willSetStateTo("ok"));
        stubFor(post("/run_sse").inScenario("rl").whenScenarioStateIs("ok").willReturn(aResponse()
                .withHeader("Content-Type", SSE).withBody(frames("{\"type\":\"text\",\"content\":\"done\"}"))));
        try (NemoClient client = client(wm); ChatStream s = client.chat(SID).stream("go")) {
            assertThat(drain(s)).hasSize(1);
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(4));
        verify(2, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void blankOrHugePromptsAreRefusedBeforeSending(WireMockRuntimeInfo wm) {
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.chat(SID).stream("  ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("blank");
            assertThatThrownBy(() -> client.chat(SID).stream("x".repeat(20_001)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20000");
            assertThatThrownBy(() -> client.chat("../credits")).isInstanceOf(IllegalArgumentException.class);
        }
        verify(0, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void aStreamIsIteratedOnceAndStreamCloses(WireMockRuntimeInfo wm) {
        stubFor(post("/run_sse").willReturn(aResponse().withHeader("Content-Type", SSE).withBody(frames(
                "{\"type\":\"text\",\"content\":\"a\"}", "{\"type\":\"text\",\"content\":\"b\"}"))));
        try (NemoClient client = client(wm)) {
            ChatStream s = client.chat(SID).stream("go");
            try (java.util.stream.Stream<ChatEvent> events = s.stream()) {
                assertThat(events.filter(e -> e instanceof ChatEvent.Text).count()).isEqualTo(2);
            }
            assertThatThrownBy(s::iterator).isInstanceOf(IllegalStateException.class);
            assertThat(s.toString()).contains("closed");
        }
    }

    @Test
    void aBodyLess400FromTheChatEndpointIsARejectedRequestNotAMissingClientId(WireMockRuntimeInfo wm) {
        stubFor(post("/run_sse").willReturn(aResponse().withStatus(400).withHeader("X-Request-Id", "rid-400")));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.chat(SID).stream("add lo-fi music"))
                    .isExactlyInstanceOf(io.github.nemosdk.errors.ChatRequestRejectedException.class)
                    .satisfies(e -> {
                        io.github.nemosdk.errors.NemoApiException api = (io.github.nemosdk.errors.NemoApiException) e;
                        assertThat(api.errorCode()).isEqualTo(io.github.nemosdk.errors.ErrorCode.UNKNOWN);
                        assertThat(api.httpStatus()).isEqualTo(400);
                        assertThat(api.requestId()).contains("rid-400");
                        assertThat(e.getMessage()).contains(SID).contains("nothing was applied")
                                .contains("NEMO_API_URL").doesNotContainIgnoringCase("try again")
                                .doesNotContain("client id").doesNotContain("X-Client-Id");
                    });
        }
        verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void aDetail404SayingSessionNotFoundIsALostSession(WireMockRuntimeInfo wm) {
        stubFor(post("/run_sse").willReturn(aResponse().withStatus(404).withHeader("Content-Type",
                "application/json").withBody("{\"detail\":\"Session not found: " + SID + "\"}")));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.chat(SID).stream("add lo-fi music"))
                    .isInstanceOfSatisfying(SessionNotFoundException.class, e -> {
                        assertThat(e.sessionId()).contains(SID);
                        assertThat(e.serverMessage()).contains("Session not found: " + SID);
                    });
        }
        verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void anyOtherDetail404IsARejectedRequestQuotingTheDetail(WireMockRuntimeInfo wm) {
        stubFor(post("/run_sse").willReturn(aResponse().withStatus(404).withHeader("Content-Type",
                "application/json").withBody("{\"detail\":\"Not Found\"}")));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.chat(SID).stream("add lo-fi music"))
                    .isExactlyInstanceOf(io.github.nemosdk.errors.ChatRequestRejectedException.class)
                    .hasMessageContaining("session id is right").hasMessageContaining("\"Not Found\"");
        }
        verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void aStreamThatClosesInTheMiddleOfAMessageIsBrokenNotAnswered(WireMockRuntimeInfo wm) {
        stubFor(post("/run_sse").willReturn(aResponse().withHeader("Content-Type", SSE).withBody(
                "data:{\"invocationId\":\"e\",\"author\":\"nemo_agent\",\"content\":{\"role\":\"model\","
                        + "\"parts\":[{\"text\":\"I added lo-fi mu\"}]},\"partial\":true}\n\n")));
        List<ChatEvent> seen = new ArrayList<>();
        try (NemoClient client = client(wm); ChatStream s = client.chat(SID).stream("add lo-fi music")) {
            assertThatThrownBy(() -> s.forEach(seen::add)).isInstanceOf(ChatDisconnectedException.class)
                    .hasMessageContaining("middle of the assistant's message");
        }
        assertThat(seen).containsExactly(ChatEvent.Text.of("I added lo-fi mu", true));
    }
}
