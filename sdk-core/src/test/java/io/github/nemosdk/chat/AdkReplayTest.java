package io.github.nemosdk.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.errors.ChatDisconnectedException;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code /run_sse} stream recorded from a real ADK server, replayed byte for byte: the events, texts, tool
 * calls and errors the SDK makes of each, asserted exactly, through the blocking stream, {@code send} and the async
 * publisher.
 */
class AdkReplayTest {
    private static final String SID = "7000000000000000042";
    private static final String VIDEO = "{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"city timelapse\"}}]}";

    @TempDir
    Path configDir;

    private final AdkReplayServer server = new AdkReplayServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private NemoClient client(boolean partialEvents) {
        return NemoClient.builder().baseUrl(server.baseUrl()).token("nmv_usr_replay").environment(Map.of())
                .configDirectory(configDir).sleeper(d -> { })
                .chatSettings(ChatSettings.builder().partialEvents(partialEvents)
                        .recovery(ChatRecovery.builder().initialWait(Duration.ZERO).pollInterval(Duration.ZERO)
                                .silentRecheckInterval(Duration.ZERO).build())
                        .build())
                .build();
    }

    // --- what each recording must give ---------------------------------------------------------------------------

    private static ChatEvent.Text text(String s) {
        return ChatEvent.Text.of(s, false);
    }

    private static ChatEvent.Text chunk(String s) {
        return ChatEvent.Text.of(s, true);
    }

    private static JsonNode json(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ChatEvent.ToolCall call(String id, String args) {
        return ChatEvent.ToolCall.of(id, "edit_multitrack", json(args));
    }

    private static ChatEvent.ToolResult result(String id, String response) {
        return ChatEvent.ToolResult.of(id, "edit_multitrack", json(response));
    }

    private static final String MUSIC_ARGS = "{\"bgm\":\"lofi\",\"volume\":0.35,\"fade_out\":true}";
    private static final String MUSIC_RESULT = "{\"status\":\"ok\",\"applied\":[\"bgm\"],\"track_count\":2}";
    private static final String TITLE_ARGS = "{\"title\":\"Urban Dreams\"}";
    private static final String TITLE_RESULT = "{\"status\":\"ok\",\"applied\":[\"title\"],\"track_count\":2}";
    private static final String VOLUME_ARGS = "{\"volume\":0.5}";
    private static final String VOLUME_RESULT = "{\"status\":\"ok\",\"applied\":[\"volume\"],\"track_count\":1}";
    private static final String PREVIEW_RESULT = "{\"status\":\"ok\",\"preview_url\":"
            + "\"https://cdn.nemo.invalid/preview/p1.mp4\",\"duration_ms\":10000}";
    private static final String MALFORMED = "Malformed function call: edit_multitrack(bgm=trending, volume=high";

    /** A recording, the events it gives, and how the turn ends (null: cleanly). */
    static Stream<Arguments> recordings() {
        return Stream.of(
                Arguments.of("hello.streaming-none", List.of(
                        text("Hi! I'm Nemo. Upload a clip and tell me what music you want.")), null),
                Arguments.of("hello.streaming-sse", List.of(
                        chunk("Hi! I'm Nemo. "), chunk("Upload a clip and tell me "), chunk("what music you want."),
                        text("")), null),
                Arguments.of("music.streaming-none", List.of(
                        text("Sure! Adding lo-fi music at 35% volume."),
                        call("adk-d8baf189-26d6-409b-9e49-50e31ca00007", MUSIC_ARGS),
                        result("adk-d8baf189-26d6-409b-9e49-50e31ca00007", MUSIC_RESULT),
                        text("Done! Your timeline now has a Lo-fi BGM track at 35% that fades out at the end.")),
                        null),
                Arguments.of("music.streaming-sse", List.of(
                        chunk("Sure! Adding lo-fi "), chunk("music at 35% volume."), text(""),
                        call("adk-1fea47bb-fe67-4ff2-b233-ae1c10a004cc", MUSIC_ARGS),
                        result("adk-1fea47bb-fe67-4ff2-b233-ae1c10a004cc", MUSIC_RESULT),
                        chunk("Done! Your timeline now has "), chunk("a Lo-fi BGM track at 35% "),
                        chunk("that fades out at the end."), text("")), null),
                Arguments.of("silent.streaming-none", List.of(
                        call("adk-fc7c9e7b-92a0-47da-b670-9dddd08d43a9", TITLE_ARGS),
                        result("adk-fc7c9e7b-92a0-47da-b670-9dddd08d43a9", TITLE_RESULT)), null),
                Arguments.of("silent.streaming-sse", List.of(
                        call("adk-818eff0a-3c38-4046-9603-549d2517cfed", TITLE_ARGS),
                        result("adk-818eff0a-3c38-4046-9603-549d2517cfed", TITLE_RESULT)), null),
                Arguments.of("empty.streaming-none", List.of(
                        call("adk-87b5b655-99b8-47f2-ae30-29cd1732f7e3", VOLUME_ARGS),
                        result("adk-87b5b655-99b8-47f2-ae30-29cd1732f7e3", VOLUME_RESULT)), null),
                Arguments.of("empty.streaming-sse", List.of(
                        call("adk-3d574e69-e02a-4cb0-90c9-7ca2acbb0917", VOLUME_ARGS),
                        result("adk-3d574e69-e02a-4cb0-90c9-7ca2acbb0917", VOLUME_RESULT)), null),
                Arguments.of("long.streaming-none", List.of(
                        text("Rendering a preview, this takes a moment."),
                        ChatEvent.ToolCall.of("adk-a9198d26-8c6b-456d-89bb-2eef43d2d7c2", "render_preview",
                                json("{\"quality\":\"draft\"}")),
                        ChatEvent.ToolResult.of("adk-a9198d26-8c6b-456d-89bb-2eef43d2d7c2", "render_preview",
                                json(PREVIEW_RESULT)),
                        text("Preview ready: 10 s, 1080x1920. Say \"export\" when you like it.")), null),
                Arguments.of("long.streaming-sse", List.of(
                        chunk("Rendering a preview, "), chunk("this takes a moment."), text(""),
                        ChatEvent.ToolCall.of("adk-4e569ea1-d9f0-4a65-a34c-98c9cf74262a", "render_preview",
                                json("{\"quality\":\"draft\"}")),
                        ChatEvent.ToolResult.of("adk-4e569ea1-d9f0-4a65-a34c-98c9cf74262a", "render_preview",
                                json(PREVIEW_RESULT)),
                        chunk("Preview ready: "), chunk("10 s, 1080x1920. "), chunk("Say \"export\" when you like it."),
                        text("")), null),
                Arguments.of("malformed.streaming-none", List.of(), ChatStreamException.class),
                Arguments.of("malformed.streaming-sse", List.of(
                        chunk("Let me look "), chunk("for a trending track"), text("")), ChatStreamException.class),
                Arguments.of("crash.streaming-none", List.of(
                        call("adk-b42b3bab-e480-4ed5-b7ae-ac55a20d2b78", "{\"bgm\":\"crash\"}")),
                        ChatDisconnectedException.class),
                Arguments.of("crash.streaming-sse", List.of(
                        call("adk-63b32710-a3fd-42f5-8c35-2fb82cb3fe6d", "{\"bgm\":\"crash\"}")),
                        ChatDisconnectedException.class));
    }

    private static boolean cutOff(String recording) {
        return recording.startsWith("crash.");
    }

    private static boolean streamingRecording(String recording) {
        return recording.endsWith(".streaming-sse");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void eachRecordingGivesExactlyTheseEvents(String recording, List<ChatEvent> expected,
            Class<? extends Throwable> ending) {
        server.replay(recording, cutOff(recording));
        List<ChatEvent> seen = new ArrayList<>();
        Throwable failure = null;
        try (NemoClient client = client(streamingRecording(recording));
                ChatStream events = client.chat(SID).stream("replay")) {
            for (ChatEvent e : events) {
                seen.add(e);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        if (ending == null) {
            assertThat(failure).isNull();
        } else {
            assertThat(failure).isInstanceOf(ending);
        }
        if (ending == ChatStreamException.class) {
            ChatStreamException e = (ChatStreamException) failure;
            assertThat(e.errorCode()).contains("MALFORMED_FUNCTION_CALL");
            assertThat(e.serverMessage()).isEqualTo(MALFORMED);
        }
        assertThat(server.chatBodies).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void theAsyncPublisherGivesTheSameEventsAndEnding(String recording, List<ChatEvent> expected,
            Class<? extends Throwable> ending) throws Exception {
        server.replay(recording, cutOff(recording));
        List<ChatEvent> seen = new ArrayList<>();
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        try (NemoClient client = client(streamingRecording(recording))) {
            client.async().chat(SID).stream("replay").subscribe(new Flow.Subscriber<ChatEvent>() {
                private Flow.Subscription s;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    this.s = s;
                    s.request(1);
                }

                @Override
                public void onNext(ChatEvent e) {
                    seen.add(e);
                    s.request(1);
                }

                @Override
                public void onError(Throwable t) {
                    done.complete(t);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            Throwable failure = done.get(10, TimeUnit.SECONDS);
            assertThat(seen).containsExactlyElementsOf(expected);
            if (ending == null) {
                assertThat(failure).isNull();
            } else {
                assertThat(failure).isInstanceOf(ending);
            }
        }
    }

    @Test
    void theRequestCarriesTheUserRoleInSnakeCaseAndAsksForPartialEventsOnlyWhenOptedIn() throws Exception {
        server.replay("hello.streaming-none", false);
        try (NemoClient client = client(false)) {
            client.chat(SID).send("hello there");
        }
        server.replay("hello.streaming-sse", false);
        try (NemoClient client = client(true)) {
            client.chat(SID).send("hello there");
        }
        JsonNode plain = json(server.chatBodies.get(0));
        JsonNode streaming = json(server.chatBodies.get(1));
        assertThat(plain).isEqualTo(json("{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"" + SID
                + "\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"hello there\"}]}}"));
        assertThat(streaming.get("streaming").booleanValue()).isTrue();
        assertThat(streaming.get("new_message")).isEqualTo(plain.get("new_message"));
    }

    @Test
    void sendReturnsTheSameReplyWithAndWithoutPartialEvents() {
        List<ChatReply> replies = new ArrayList<>();
        for (boolean partial : new boolean[] {false, true}) {
            server.replay(partial ? "music.streaming-sse" : "music.streaming-none", false);
            try (NemoClient client = client(partial)) {
                replies.add(client.chat(SID).send("add lo-fi music at 35% and fade it out"));
            }
        }
        for (ChatReply reply : replies) {
            assertThat(reply.text()).isEqualTo("Sure! Adding lo-fi music at 35% volume.\n"
                    + "Done! Your timeline now has a Lo-fi BGM track at 35% that fades out at the end.");
            assertThat(reply.toolCalls()).extracting(ChatEvent.ToolCall::name).containsExactly("edit_multitrack");
            assertThat(reply.recovered()).isFalse();
            assertThat(reply.change()).isEmpty();
        }
    }

    @Test
    void aSilentEditEndingWithAContentLessEventIsReportedFromTheState() {
        String after = "{\"draft\":{\"t\":[" + VIDEO + ",{\"tt\":7,\"sg\":[{\"d\":3000,\"m\":{\"text\":\"Urban"
                + " Dreams\"}}]}]}}";
        server.replay("silent.streaming-none", false).states("{\"draft\":{\"t\":[" + VIDEO + "]}}", after);
        ChatReply reply;
        try (NemoClient client = client(false)) {
            reply = client.chat(SID).send("add a title Urban Dreams");
        }
        assertThat(reply.isSilent()).isTrue();
        assertThat(reply.recovered()).isFalse();
        assertThat(reply.display()).isEqualTo("Added Title: \"Urban Dreams\" (0-3s)");
    }

    @Test
    void anEmptyAnswerWithErrorCodeStopIsANormalEndNotAnError() {
        String after = "{\"draft\":{\"t\":[" + VIDEO + "],\"master_volume\":0.5}}";
        server.replay("empty.streaming-none", false).states("{\"draft\":{\"t\":[" + VIDEO + "]}}", after);
        ChatReply reply;
        try (NemoClient client = client(false)) {
            reply = client.chat(SID).send("empty answer, set volume 50%");
        }
        assertThat(reply.isSilent()).isTrue();
        assertThat(reply.recovered()).isFalse();
        assertThat(reply.change()).hasValueSatisfying(c -> assertThat(c.isEmpty()).isFalse());
    }

    @Test
    void aMalformedCallEndsSendWithTheServersErrorAfterTheText() {
        server.replay("malformed.streaming-sse", false);
        List<ChatEvent> seen = new ArrayList<>();
        try (NemoClient client = client(true)) {
            assertThatThrownBy(() -> client.chat(SID).send("add a trending track", seen::add))
                    .isInstanceOfSatisfying(ChatStreamException.class,
                            e -> assertThat(e.serverMessage()).isEqualTo(MALFORMED));
        }
        assertThat(seen).containsExactly(chunk("Let me look "), chunk("for a trending track"), text(""));
    }

    @Test
    void aBodyCutOffWithoutAnErrorFrameIsRecoveredFromTheStateAndNeverResent() {
        String before = "{\"draft\":{\"t\":[" + VIDEO + "]}}";
        String after = "{\"draft\":{\"t\":[" + VIDEO + ",{\"tt\":1,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"Crash\"}}]}]}}";
        for (String recording : Arrays.asList("crash.streaming-none", "crash.streaming-sse")) {
            server.chatBodies.clear();
            server.replay(recording, true).states(before, before, after);
            ChatReply reply;
            try (NemoClient client = client(recording.endsWith("sse"))) {
                reply = client.chat(SID).send("crash the timeline");
            }
            assertThat(reply.recovered()).as(recording).isTrue();
            assertThat(reply.display()).as(recording).isEqualTo("Added BGM: Crash (0-10s)");
            assertThat(server.chatBodies).as("sent once: " + recording).hasSize(1);
        }
    }
}
