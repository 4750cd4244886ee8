package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.chat.ChatStream;
import io.github.nemosdk.chat.GuiHint;
import io.github.nemosdk.errors.ChatRecoveryFailedException;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.errors.ChatTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SDK's chat against the emulator: real edits, silent turns, recovery and faults. */
class SdkChatAgainstEmulatorTest {
    @TempDir
    Path configDir;

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private NemoClient client(NemoEmulator emulator, ChatSettings chat) {
        return NemoClient.builder().baseUrl(emulator.baseUrl()).environment(Map.of()).configDirectory(configDir)
                .sleeper(sleeps::add).chatSettings(chat).build();
    }

    private NemoClient client(NemoEmulator emulator) {
        return client(emulator, ChatSettings.defaults());
    }

    @Test
    void silentEditsAreReportedAsTheRightTimelineChange() {
        try (NemoEmulator emulator = NemoEmulator.builder().silentRatio(1.0).start();
                NemoClient client = client(emulator)) {
            String sid = client.sessions().create().sessionId();
            ChatReply added = client.chat(sid).send("add lo-fi music at 35% and fade it out");
            assertThat(added.isSilent()).isTrue();
            assertThat(added.change().get().description()).isEqualTo("Added BGM: Lo-fi (0-10s, 35%)");

            ChatReply title = client.chat(sid).send("add a title \"Urban Dreams\"");
            assertThat(title.change().get().description()).isEqualTo("Added Title: \"Urban Dreams\" (0-3s)");

            ChatReply volume = client.chat(sid).send("set the music volume to 20%");
            assertThat(volume.change().get().description()).isEqualTo("Changed BGM: Lo-fi volume: 35% -> 20%");

            ChatReply removed = client.chat(sid).send("remove the music");
            assertThat(removed.change().get().description()).isEqualTo("Removed BGM: Lo-fi (0-10s, 20%)");

            assertThat(client.state(sid).latest().draft().summary())
                    .isEqualTo("Timeline (1 track): 1. Title: \"Urban Dreams\" (0-3s)");
            assertThat(client.credits().balance().available()).isEqualTo(80);
            assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(4);
        }
        assertThat(sleeps).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ChatStyle.class)
    void repliesWithTextComeOnceInBothPayloadStyles(ChatStyle style) {
        try (NemoEmulator emulator = NemoEmulator.builder().chatStyle(style).silentRatio(0).trailingNoise(true)
                .start(); NemoClient client = client(emulator)) {
            String sid = client.sessions().create().sessionId();
            List<ChatEvent> events = new ArrayList<>();
            ChatReply reply = client.chat(sid).send("add lo-fi music at 35% and fade it out", events::add);
            assertThat(reply.text()).isEqualTo("Added Lo-fi background music at 35% volume. The music now fades out"
                    + " over the last 2 seconds. Preview it in the timeline, then click the Export button when"
                    + " you're ready.");
            assertThat(reply.change()).isEmpty();
            assertThat(reply.guiHints()).contains(GuiHint.EXPORT, GuiHint.SHOW_TRACKS);
            assertThat(reply.toolCalls()).extracting(ChatEvent.ToolCall::name).contains("add_bgm", "fade_bgm");
            if (style != ChatStyle.ADK) { // a Java ADK server sends no keep-alives
                assertThat(events).anyMatch(e -> e instanceof ChatEvent.Heartbeat);
            } else {
                assertThat(events).noneMatch(e -> e instanceof ChatEvent.Heartbeat);
            }
            assertThat(events).noneMatch(e -> e instanceof ChatEvent.Text && ((ChatEvent.Text) e).text()
                    .contains("thought"));
        }
    }

    @Test
    void aStreamCutAfterTheEditIsRecoveredWithoutResending() {
        try (NemoEmulator emulator = NemoEmulator.start(); NemoClient client = client(emulator)) {
            String sid = client.sessions().create().sessionId();
            emulator.inject(Endpoint.CHAT, Fault.chatDisconnect(true), 1);
            ChatReply reply = client.chat(sid).send("add jazz music at 40%");
            assertThat(reply.recovered()).isTrue();
            assertThat(reply.change().get().description()).isEqualTo("Added BGM: Jazz (0-10s, 40%)");
            assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(1);
            assertThat(client.credits().balance().available()).isEqualTo(95);
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aStreamCutBeforeTheEditFailsRecoveryAndIsNotResent() {
        try (NemoEmulator emulator = NemoEmulator.start(); NemoClient client = client(emulator)) {
            String sid = client.sessions().create().sessionId();
            emulator.inject(Endpoint.CHAT, Fault.chatDisconnect(false), 1);
            assertThatThrownBy(() -> client.chat(sid).send("add jazz music"))
                    .isInstanceOf(ChatRecoveryFailedException.class);
            assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(1);
            assertThat(client.credits().balance().available()).isEqualTo(100);
        }
        assertThat(sleeps).hasSize(6);
    }

    @Test
    void anErrorFrameSurfacesTypedAndAStallIsCutByTheWatchdog() {
        try (NemoEmulator emulator = NemoEmulator.start();
                NemoClient client = client(emulator, ChatSettings.builder().idleTimeout(Duration.ofSeconds(2))
                        .build())) { // well above a pause of a loaded machine, well below the stall
            String sid = client.sessions().create().sessionId();
            emulator.inject(Endpoint.CHAT, Fault.chatErrorFrame("the agent failed"), 1);
            assertThatThrownBy(() -> client.chat(sid).send("add music"))
                    .isInstanceOfSatisfying(ChatStreamException.class, e ->
                            assertThat(e.serverMessage()).isEqualTo("the agent failed"));

            emulator.inject(Endpoint.CHAT, Fault.chatStall(Duration.ofSeconds(10)), 1);
            try (ChatStream s = client.chat(sid).stream("add music")) {
                assertThatThrownBy(() -> s.forEach(e -> { }))
                        .isInstanceOfSatisfying(ChatTimeoutException.class, e ->
                                assertThat(e.reason()).isEqualTo(ChatTimeoutException.Reason.IDLE));
            }
            assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(2);
        }
    }

    @Test
    void longTurnsBringStillWorkingEvents() {
        try (NemoEmulator emulator = NemoEmulator.builder().turnDuration(Duration.ofMillis(700))
                .heartbeatInterval(Duration.ofMillis(40)).start();
                NemoClient client = client(emulator, ChatSettings.builder()
                        .stillWorkingInterval(Duration.ofMillis(200)).build())) {
            String sid = client.sessions().create().sessionId();
            List<ChatEvent> events = new ArrayList<>();
            try (ChatStream s = client.chat(sid).stream("add upbeat music")) {
                s.forEach(events::add);
            }
            assertThat(events.stream().filter(e -> e instanceof ChatEvent.StillWorking).count()).isBetween(2L, 4L);
        }
    }

    @Test
    void anExpiredTokenBeforeTheStreamIsRenewedAndTheEditAppliedOnce() {
        try (NemoEmulator emulator = NemoEmulator.builder().silentRatio(0).start();
                NemoClient client = client(emulator)) {
            String sid = client.sessions().create().sessionId();
            emulator.expireAllTokens();
            StringBuilder text = new StringBuilder();
            try (ChatStream s = client.chat(sid).stream("add piano music")) {
                s.forEach(e -> {
                    if (e instanceof ChatEvent.Text) {
                        text.append(((ChatEvent.Text) e).text());
                    }
                });
            }
            assertThat(text.toString()).contains("Piano");
            assertThat(emulator.tokensIssued()).isEqualTo(2);
            // the first POST was refused with 1001 before any work; the retry is the only one acted on
            assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(2);
            assertThat(client.state(sid).latest().draft().tracks()).hasSize(1);
            assertThat(client.credits().balance().available()).isEqualTo(95);
        }
    }

    @ParameterizedTest
    @EnumSource(ChatStyle.class)
    void theAssistantsQuestionIsTypedAndItsAnswerCompletesTheEdit(ChatStyle style) {
        try (NemoEmulator emulator = NemoEmulator.builder().chatStyle(style).silentRatio(0).start();
                NemoClient client = client(emulator)) {
            String sid = client.sessions().create().sessionId();
            List<ChatEvent> events = new ArrayList<>();
            ChatReply asked = client.chat(sid).send("add music at 40%, let me choose the style", events::add);
            assertThat(asked.isQuestion()).isTrue();
            assertThat(asked.isSilent()).isFalse();
            assertThat(asked.change()).isEmpty();
            assertThat(asked.text()).isEqualTo("A couple of choices before I add the music.");
            assertThat(asked.questions()).extracting(q -> q.id().orElse(""), io.github.nemosdk.chat.ChatQuestion::prompt,
                    io.github.nemosdk.chat.ChatQuestion::allowMultiple).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("style", "Which style of music should I add?", false),
                    org.assertj.core.groups.Tuple.tuple("fades", "Should the music fade?", true));
            assertThat(asked.display()).isEqualTo("A couple of choices before I add the music.\n"
                    + "Which style of music should I add?\n  1. Lo-fi\n  2. Jazz\n  3. Upbeat\n  4. Cinematic\n"
                    + "  5. Trending\nShould the music fade? (choose one or more)\n  1. Fade in\n  2. Fade out");
            assertThat(events).filteredOn(e -> e instanceof ChatEvent.Question).hasSize(1);
            assertThat(asked.toolCalls()).as("the question is not also a tool call").isEmpty();
            assertThat(client.state(sid).latest().draft().tracks()).isEmpty();

            io.github.nemosdk.chat.ChatQuestion styleQ = asked.questions().get(0);
            io.github.nemosdk.chat.ChatQuestion fades = asked.questions().get(1);
            String answer = styleQ.answer(styleQ.options().get(1)) + ", " + fades.answer(fades.options().get(1));
            assertThat(answer).isEqualTo("Jazz, Fade out");
            ChatReply done = client.chat(sid).send(answer);
            assertThat(done.isQuestion()).isFalse();
            assertThat(client.state(sid).latest().draft().summary())
                    .isEqualTo("Timeline (1 track): 1. BGM: Jazz (0-10s, 40%)");
            assertThat(client.credits().balance().available()).isEqualTo(95);
        }
    }

    @Test
    void partialEventsStreamTokenByTokenAndSendGivesTheSameReply() {
        try (NemoEmulator emulator = NemoEmulator.builder().chatStyle(ChatStyle.ADK).silentRatio(0).start();
                NemoClient streaming = client(emulator, ChatSettings.builder().partialEvents(true).build());
                NemoClient whole = client(emulator)) {
            String sid = streaming.sessions().create().sessionId();
            List<ChatEvent> chunks = new ArrayList<>();
            ChatReply a = streaming.chat(sid).send("hello", chunks::add);
            ChatReply b = whole.chat(whole.sessions().create().sessionId()).send("hello");
            assertThat(chunks).filteredOn(e -> e instanceof ChatEvent.Text && ((ChatEvent.Text) e).isPartial())
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(a.text()).isEqualTo(b.text()).isNotEmpty();
            assertThat(emulator.requests().stream().filter(r -> r.endpoint().equals(java.util.Optional.of(
                    Endpoint.CHAT))).map(RecordedRequest::body))
                    .hasSize(2).allMatch(body -> body.contains("\"role\":\"user\""))
                    .filteredOn(body -> body.contains("\"streaming\":true")).hasSize(1);
        }
    }

    @Test
    void silentAdkEditsEndingEitherWayAreNormalSilentTurns() {
        try (NemoEmulator emulator = NemoEmulator.builder().chatStyle(ChatStyle.ADK).silentRatio(1.0).start();
                NemoClient client = client(emulator)) {
            String sid = client.sessions().create().sessionId();
            ChatReply first = client.chat(sid).send("add jazz music at 40%");
            ChatReply second = client.chat(sid).send("add a title \"Hi\"");
            assertThat(first.change().get().description()).isEqualTo("Added BGM: Jazz (0-10s, 40%)");
            assertThat(second.change().get().description()).isEqualTo("Added Title: \"Hi\" (0-3s)");
            assertThat(first.recovered()).isFalse();
            assertThat(second.recovered()).isFalse();
        }
    }

    @Test
    void aCrashedToolIsABrokenStreamRecoveredFromTheStateNeverResent() {
        try (NemoEmulator emulator = NemoEmulator.builder().chatStyle(ChatStyle.ADK).start();
                NemoClient client = client(emulator)) {
            String sid = client.sessions().create().sessionId();
            emulator.inject(Endpoint.CHAT, Fault.chatCrash(), 1);
            List<ChatEvent> events = new ArrayList<>();
            assertThatThrownBy(() -> client.chat(sid).send("add jazz music", events::add))
                    .isInstanceOf(ChatRecoveryFailedException.class);
            assertThat(events).filteredOn(e -> e instanceof ChatEvent.ToolCall).extracting(e ->
                    ((ChatEvent.ToolCall) e).name()).containsExactly("add_bgm");
            assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(1);
            assertThat(client.credits().balance().available()).isEqualTo(100);
        }
    }

    @Test
    void theProjectLinkOpensTheSessionThroughAClaimToken() {
        try (NemoEmulator emulator = NemoEmulator.start(); NemoClient client = client(emulator)) {
            io.github.nemosdk.sessions.Session session = client.sessions().create();
            io.github.nemosdk.sessions.ProjectLink link = client.sessions().projectLink(session);
            assertThat(link.uri().toString()).startsWith("https://nemovideo.com/workspace/claim?ct=clm_")
                    .doesNotContain("nmv_usr_");
            String claim = link.uri().getQuery().substring("ct=".length());
            assertThat(emulator.claimedSession(claim)).contains(session.sessionId());
        }
    }
}
