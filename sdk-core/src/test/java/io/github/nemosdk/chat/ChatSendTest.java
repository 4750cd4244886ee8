package io.github.nemosdk.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import io.github.nemosdk.errors.ChatDisconnectedException;
import io.github.nemosdk.errors.ChatRecoveryFailedException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WireMockTest
class ChatSendTest {
    private static final String SID = "7000000000000000002";
    private static final String STATE = "/api/state/nemo_agent/me/" + SID + "/latest";
    private static final String VIDEO = "{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"city timelapse\"}}]}";
    private static final String BGM = "{\"tt\":1,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"Lo-fi\",\"volume\":0.35}}]}";

    @TempDir
    Path configDir;

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private NemoClient client(WireMockRuntimeInfo wm) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).token("nmv_usr_chat")
                .environment(Map.of()).configDirectory(configDir).sleeper(sleeps::add).build();
    }

    private static String state(String... tracks) {
        return "{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[" + String.join(",", tracks) + "]}}}}";
    }

    /** The state endpoint answers {@code first} for the first {@code times} reads, then {@code then}. */
    private static void stateSequence(String first, int times, String then) {
        String current = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = "read" + (i + 1);
            stubFor(get(STATE).inScenario("state").whenScenarioStateIs(current).willReturn(okJson(first))
                    .willSetStateTo(next));
            current = next;
        }
        stubFor(get(STATE).inScenario("state").whenScenarioStateIs(current).willReturn(okJson(then)));
    }

    private static void stream(String body) {
        stubFor(post("/run_sse").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                .withBody(body)));
    }

    @Test
    void aReplyWithTextCarriesTheTextToolCallsAndHintsButNoNoise(WireMockRuntimeInfo wm) {
        stateSequence(state(VIDEO), 1, state(VIDEO, BGM));
        stream("data: {\"type\":\"tool_call\",\"name\":\"add_bgm\",\"args\":{}}\n\n"
                + "data: {\"type\":\"text\",\"content\":\"Added Lo-fi music.\"}\n\n"
                + "data: {\"type\":\"text\",\"content\":\"Preview it in the timeline.\"}\n\n"
                + "data: {\"type\":\"text\",\"content\":\"I encountered a temporary issue. Please try again.\"}\n\n");
        List<ChatEvent> seen = new CopyOnWriteArrayList<>();
        ChatReply reply;
        try (NemoClient client = client(wm)) {
            reply = client.chat(SID).send("add lo-fi music", seen::add);
        }
        assertThat(reply.text()).isEqualTo("Added Lo-fi music.\nPreview it in the timeline.");
        assertThat(reply.isSilent()).isFalse();
        assertThat(reply.change()).isEmpty();
        assertThat(reply.toolCalls()).extracting(ChatEvent.ToolCall::name).containsExactly("add_bgm");
        assertThat(reply.guiHints()).contains(GuiHint.SHOW_TRACKS);
        assertThat(seen).hasSize(4);
        verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void aNoiseOnlyReplyIsKeptBecauseItIsTheOnlyAnswer(WireMockRuntimeInfo wm) {
        stateSequence(state(VIDEO), 1, state(VIDEO));
        stream("data: {\"type\":\"text\",\"content\":\"I encountered a temporary issue.\"}\n\n");
        try (NemoClient client = client(wm)) {
            assertThat(client.chat(SID).send("go").text()).isEqualTo("I encountered a temporary issue.");
        }
    }

    @Test
    void aSilentTurnIsReportedAsTheTimelineChange(WireMockRuntimeInfo wm) {
        stateSequence(state(VIDEO), 1, state(VIDEO, BGM));
        stream("data: {\"type\":\"heartbeat\"}\n\n: ping\n\ndata:\n\n");
        ChatReply reply;
        try (NemoClient client = client(wm)) {
            reply = client.chat(SID).send("add lo-fi music at 35%");
        }
        assertThat(reply.isSilent()).isTrue();
        assertThat(reply.change()).hasValueSatisfying(c ->
                assertThat(c.description()).isEqualTo("Added BGM: Lo-fi (0-10s, 35%)"));
        assertThat(reply.display()).isEqualTo("Added BGM: Lo-fi (0-10s, 35%)");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aSilentTurnWhoseStateLagsIsRecheckedBeforeReportingNoChange(WireMockRuntimeInfo wm) {
        stateSequence(state(VIDEO), 3, state(VIDEO, BGM));
        stream("data: {\"type\":\"heartbeat\"}\n\n");
        ChatReply reply;
        try (NemoClient client = client(wm)) {
            reply = client.chat(SID).send("add music");
        }
        assertThat(reply.change().get().description()).isEqualTo("Added BGM: Lo-fi (0-10s, 35%)");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void aBrokenStreamIsRecoveredFromTheStateWithoutResending(WireMockRuntimeInfo wm) {
        stateSequence(state(VIDEO), 2, state(VIDEO, BGM));
        stubFor(post("/run_sse").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        ChatReply reply;
        try (NemoClient client = client(wm)) {
            reply = client.chat(SID).send("add lo-fi music");
        }
        assertThat(reply.recovered()).isTrue();
        assertThat(reply.change().get().description()).isEqualTo("Added BGM: Lo-fi (0-10s, 35%)");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60));
        verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void recoveryGivesUpAfterTheDocumentedReadsAndSaysTheEditWasProbablyNotApplied(WireMockRuntimeInfo wm) {
        stateSequence(state(VIDEO), 100, state(VIDEO));
        stubFor(post("/run_sse").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.chat(SID).send("add lo-fi music"))
                    .isInstanceOf(ChatRecoveryFailedException.class)
                    .hasMessageContaining("most likely not applied")
                    .hasCauseInstanceOf(ChatDisconnectedException.class);
        }
        List<Duration> expected = new java.util.ArrayList<>();
        expected.add(Duration.ofSeconds(30));
        expected.addAll(Collections.nCopies(5, Duration.ofSeconds(60)));
        assertThat(sleeps).isEqualTo(expected);
        verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void streamUsersCanRecoverWithTheDraftTheyReadBefore(WireMockRuntimeInfo wm) {
        stateSequence(state(VIDEO), 1, state(VIDEO, BGM));
        try (NemoClient client = client(wm)) {
            io.github.nemosdk.state.Draft before = client.state(SID).latest().draft();
            TimelineChange change = client.chat(SID).recover(before);
            assertThat(change.description()).isEqualTo("Added BGM: Lo-fi (0-10s, 35%)");
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(30));
    }
}
