package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatEndpointTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VIDEO_DRAFT = "{\"t\":[{\"tt\":0,\"sg\":[{\"d\":4000,\"m\":{\"title\":\"city\"}},"
            + "{\"d\":3500,\"fx\":[\"blur\"]}]}],\"transitions\":[{\"k\":\"xfade\",\"d\":500}],\"v\":2.50}";
    private static final String MUSIC_DRAFT = "{\"t\":[{\"tt\":0,\"sg\":[{\"d\":8000}]},"
            + "{\"tt\":1,\"sg\":[{\"d\":5000,\"m\":{\"name\":\"Jazz\",\"volume\":0.5,\"keep\":1}},"
            + "{\"d\":3000,\"m\":{\"name\":\"Jazz\",\"volume\":0.5}}],\"x\":true}],\"future\":{\"a\":[1]}}";

    private final List<NemoEmulator> emulators = new ArrayList<>();
    private NemoEmulator emu;
    private Http http;
    private String token;
    private String sid;

    @AfterEach
    void stop() {
        emulators.forEach(NemoEmulator::close);
    }

    /** Fast turns that always talk, unless a test asks otherwise. */
    private static NemoEmulator.Builder fast() {
        return NemoEmulator.builder().silentRatio(0.0).turnDuration(Duration.ofMillis(20))
                .heartbeatInterval(Duration.ofMillis(10));
    }

    private void start(NemoEmulator.Builder builder) {
        emu = builder.start();
        emulators.add(emu);
        http = new Http(emu);
        token = http.newToken("chat-client");
        sid = http.newSession(token);
    }

    // ---------------------------------------------------------------- edits

    @Test
    void addMusicAppendsAnAudioTrackAsLongAsTheVideoAndKeepsUnknownKeys() {
        start(fast());
        emu.setDraft(sid, VIDEO_DRAFT);

        HttpResponse<String> response = chat(token, sid, "Add lo-fi music at 35% please");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        JsonNode draft = stateDraft();
        assertThat(draft.get("t")).hasSize(2);
        JsonNode audio = draft.get("t").get(1);
        assertThat(audio.get("tt").asInt()).isEqualTo(1);
        assertThat(audio.get("sg")).hasSize(1);
        assertThat(audio.get("sg").get(0).get("d").asLong()).isEqualTo(7500);
        assertThat(audio.get("sg").get(0).get("m").get("name").asText()).isEqualTo("Lo-fi");
        assertThat(audio.get("sg").get(0).get("m").get("volume").asDouble()).isEqualTo(0.35);
        // everything else survives, byte for byte
        assertThat(emu.draft(sid)).startsWith(VIDEO_DRAFT.substring(0, VIDEO_DRAFT.indexOf("]}]") + 2))
                .contains("\"transitions\":[{\"k\":\"xfade\",\"d\":500}],\"v\":2.50");
        assertThat(texts(frames(response.body()))).singleElement().asString()
                .startsWith("Added Lo-fi background music at 35% volume.")
                .contains("Preview it in the timeline").contains("click the Export button");
    }

    @Test
    void addMusicWithoutVideoLastsTenSecondsWithDefaultStyleAndVolume() {
        start(fast());

        chat(token, sid, "add some background music");

        JsonNode segment = stateDraft().get("t").get(0).get("sg").get(0);
        assertThat(stateDraft().get("t").get(0).get("tt").asInt()).isEqualTo(1);
        assertThat(segment.get("d").asLong()).isEqualTo(10000);
        assertThat(segment.get("m").get("name").asText()).isEqualTo("Upbeat");
        assertThat(segment.get("m").get("volume").asDouble()).isEqualTo(0.5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "put some jazz music on it|Jazz",
        "add a trending background track that fits the mood|Trending",
        "add background music that matches the mood of my video|Mood Match",
        "create an upbeat background track for my travel video|Upbeat",
        "use a CINEMATIC soundtrack|Cinematic",
        "add lofi bgm|Lo-fi",
        "add an acoustic song|Acoustic",
        "add electronic music|Electronic",
        "add hip hop music|Hip Hop",
        "add soft piano music|Piano",
        "use ambient music|Ambient",
        "add epic music|Epic",
        "add chill music|Chill",
    })
    void addMusicPicksTheStyleNamedInThePrompt(String prompt, String style) {
        start(fast().turnDuration(Duration.ZERO));

        chat(token, sid, prompt);

        assertThat(stateDraft().get("t").get(0).get("sg").get(0).get("m").get("name").asText()).isEqualTo(style);
    }

    @Test
    void fadeOutWorksInTheSamePromptAsAddingMusic() {
        start(fast());

        HttpResponse<String> response = chat(token, sid, "add background music and fade it out at the end");

        JsonNode meta = stateDraft().get("t").get(0).get("sg").get(0).get("m");
        assertThat(meta.get("fadeOut").asInt()).isEqualTo(2000);
        assertThat(meta.has("fadeIn")).isFalse();
        assertThat(toolNames(frames(response.body()), "tool_call")).containsExactly("add_bgm", "fade_bgm");
        assertThat(texts(frames(response.body())).get(0)).contains("fades out");
    }

    @Test
    void fadeInChangesEveryAudioSegmentOnly() {
        start(fast());
        emu.setDraft(sid, MUSIC_DRAFT);

        chat(token, sid, "Fade in the music");

        String expected = MUSIC_DRAFT
                .replace("\"keep\":1}", "\"keep\":1,\"fadeIn\":2000}")
                .replace("{\"name\":\"Jazz\",\"volume\":0.5}}", "{\"name\":\"Jazz\",\"volume\":0.5,\"fadeIn\":2000}}");
        assertThat(emu.draft(sid)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"add a title saying \u201cUrban Dreams\u201d", "title \"Urban Dreams\"",
        "Add a title saying \"Urban Dreams\""})
    void titleAppendsATextTrack(String prompt) {
        start(fast());
        emu.setDraft(sid, VIDEO_DRAFT);

        HttpResponse<String> response = chat(token, sid, prompt);

        JsonNode tracks = stateDraft().get("t");
        assertThat(tracks).hasSize(2);
        JsonNode title = tracks.get(1);
        assertThat(title.get("tt").asInt()).isEqualTo(7);
        assertThat(title.get("sg").get(0).get("d").asLong()).isEqualTo(3000);
        assertThat(title.get("sg").get(0).get("m").get("text").asText()).isEqualTo("Urban Dreams");
        assertThat(texts(frames(response.body())).get(0)).contains("\"Urban Dreams\"");
    }

    @Test
    void quotedTitleWordsDoNotTriggerOtherRules() {
        start(fast());

        chat(token, sid, "add a title saying \"Best song ever\"");

        JsonNode tracks = stateDraft().get("t");
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0).get("tt").asInt()).isEqualTo(7);
    }

    @Test
    void severalRulesApplyToOnePrompt() {
        start(fast());
        emu.setDraft(sid, VIDEO_DRAFT);

        chat(token, sid, "Add jazz music at 20%, fade it out, and add a title saying \"Night\"");

        JsonNode tracks = stateDraft().get("t");
        assertThat(tracks).hasSize(3);
        assertThat(tracks.get(1).get("sg").get(0).get("m").toString())
                .isEqualTo("{\"name\":\"Jazz\",\"volume\":0.2,\"fadeOut\":2000}");
        assertThat(tracks.get(2).get("sg").get(0).get("m").get("text").asText()).isEqualTo("Night");
        assertThat(credits()).isEqualTo(new int[] {95, 0});
    }

    @ParameterizedTest
    @ValueSource(strings = {"set the music to 20%", "turn the volume to 20%", "Volume to 20 percent"})
    void volumeChangeUpdatesExistingAudioWithoutAddingTracks(String prompt) {
        start(fast());
        emu.setDraft(sid, MUSIC_DRAFT);

        HttpResponse<String> response = chat(token, sid, prompt);

        JsonNode tracks = stateDraft().get("t");
        assertThat(tracks).hasSize(2);
        assertThat(tracks.get(1).get("sg").get(0).get("m").get("volume").asDouble()).isEqualTo(0.2);
        assertThat(tracks.get(1).get("sg").get(1).get("m").get("volume").asDouble()).isEqualTo(0.2);
        assertThat(tracks.get(1).get("sg").get(0).get("m").get("keep").asInt()).isEqualTo(1);
        assertThat(texts(frames(response.body())).get(0)).startsWith("Set the music volume to 20%.");
        assertThat(credits()).isEqualTo(new int[] {95, 0});
    }

    @ParameterizedTest
    @ValueSource(strings = {"remove the music", "Delete the background track", "drop the bgm"})
    void removeMusicRemovesAudioTracks(String prompt) {
        start(fast());
        emu.setDraft(sid, "{\"t\":[{\"tt\":1,\"sg\":[{\"d\":1}]},{\"tt\":0,\"sg\":[{\"d\":8000}]},"
                + "{\"tt\":1,\"sg\":[]},{\"tt\":7,\"sg\":[{\"d\":3000}]}],\"z\":0}");

        HttpResponse<String> response = chat(token, sid, prompt);

        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[{\"tt\":0,\"sg\":[{\"d\":8000}]},{\"tt\":7,\"sg\":[{\"d\":3000}]}],"
                + "\"z\":0}");
        assertThat(toolNames(frames(response.body()), "tool_call")).containsExactly("remove_bgm");
        assertThat(credits()).isEqualTo(new int[] {95, 0});
    }

    @ParameterizedTest
    @ValueSource(strings = {"what can you do?", "hello", "set the volume to 20%", "fade it out", "remove the music"})
    void promptsWithoutAnEditGetTextOnlyAndCostNothing(String prompt) {
        start(fast());
        emu.setDraft(sid, VIDEO_DRAFT);

        HttpResponse<String> response = chat(token, sid, prompt);

        assertThat(response.statusCode()).isEqualTo(200);
        List<Frame> frames = frames(response.body());
        assertThat(toolNames(frames, "tool_call")).isEmpty();
        assertThat(toolNames(frames, "tool_result")).isEmpty();
        assertThat(texts(frames)).singleElement().asString().containsIgnoringCase("timeline");
        assertThat(emu.draft(sid)).isEqualTo(VIDEO_DRAFT);
        assertThat(credits()).isEqualTo(new int[] {100, 0});
    }

    @Test
    void textOnlyRepliesAreNeverSilent() {
        start(fast().silentRatio(1.0));

        assertThat(texts(frames(chat(token, sid, "what can you do?").body()))).hasSize(1);
    }

    // ---------------------------------------------------------------- credits

    @Test
    void anEditFreezesCreditsWhileTheTurnRunsAndChargesThemWhenApplied() throws Exception {
        // long enough that the balance is read while the turn runs, even on a loaded machine
        start(fast().turnDuration(Duration.ofSeconds(3)).heartbeatInterval(Duration.ofMillis(100)));

        try (BufferedReader reader = openStream(token, sid, "add jazz music")) {
            assertThat(reader.readLine()).startsWith("data: ");
            assertThat(credits()).isEqualTo(new int[] {95, 5});
            drain(reader);
        }

        assertThat(credits()).isEqualTo(new int[] {95, 0});
        assertThat(ChatEndpointTest.audioTracks(stateDraft())).isEqualTo(1);
    }

    @Test
    void creditsPerEditIsConfigurable() {
        start(fast().creditsPerEdit(12));

        chat(token, sid, "add jazz music");
        chat(token, sid, "add a title saying \"x\"");

        assertThat(credits()).isEqualTo(new int[] {76, 0});
    }

    @Test
    void insufficientCreditsAnswers2001AsJsonAndChangesNothing() {
        start(fast());
        emu.setDraft(sid, VIDEO_DRAFT);
        emu.setCredits(token, 4, 0);

        HttpResponse<String> response = chat(token, sid, "add jazz music");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Http.json(response).get("code").asInt()).isEqualTo(2001);
        assertThat(emu.draft(sid)).isEqualTo(VIDEO_DRAFT);
        assertThat(credits()).isEqualTo(new int[] {4, 0});
        // a text-only prompt still works without credits
        assertThat(chat(token, sid, "hello").headers().firstValue("Content-Type")).hasValue("text/event-stream");
    }

    // ---------------------------------------------------------------- request errors

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[1]", "{}",
        "{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}}",
        "{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}}",
        "{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"SID\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"\"}]}}",
        "{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"SID\",\"new_message\":{\"role\":\"user\",\"parts\":[]}}",
        "{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"SID\"}"})
    void badBodiesAnswer400(String body) {
        start(fast());

        HttpResponse<String> response = http.send("POST", "/run_sse", body.replace("SID", sid),
                "Authorization", "Bearer " + token, "Accept", "text/event-stream", "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("code").asInt()).isEqualTo(400);
        assertThat(credits()).isEqualTo(new int[] {100, 0});
    }

    @Test
    void unknownOthersAndDeletedSessionsAnswer1002AsJson() {
        start(fast());
        String otherToken = http.newToken("someone-else");
        String othersSession = http.newSession(otherToken);
        String deleted = http.newSession(token);
        emu.deleteSession(deleted);

        for (String session : List.of("1234567890123456789", othersSession, deleted)) {
            HttpResponse<String> response = chat(token, session, "add jazz music");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(Http.json(response).get("code").asInt()).isEqualTo(1002);
        }
        assertThat(emu.draft(othersSession)).isEqualTo("{\"t\":[]}");
        assertThat(credits()).isEqualTo(new int[] {100, 0});
    }

    @Test
    void aBadTokenAnswers401With1001() {
        start(fast());

        HttpResponse<String> response = chat("nmv_usr_nope", sid, "add jazz music");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.json(response).get("code").asInt()).isEqualTo(1001);
    }

    @Test
    void chatRequestsAreCountedAndRecorded() {
        start(fast());
        emu.inject(Endpoint.CHAT, Fault.serverError(502), 1);

        assertThat(chat(token, sid, "hello").statusCode()).isEqualTo(502);
        chat(token, sid, "hello");
        chat(token, "1", "hello");

        assertThat(emu.requestCount(Endpoint.CHAT)).isEqualTo(3);
        RecordedRequest last = emu.requests().get(emu.requests().size() - 1);
        assertThat(last.path()).isEqualTo("/run_sse");
        assertThat(last.endpoint()).hasValue(Endpoint.CHAT);
        assertThat(last.header("accept")).hasValue("text/event-stream");
        assertThat(last.body()).contains("\"session_id\":\"1\"");
    }

    // ---------------------------------------------------------------- frames

    @Test
    void typedFramesAreHeartbeatsThenToolCallAndResultThenText() {
        start(NemoEmulator.builder().silentRatio(0.0)); // default 50 ms heartbeats for 200 ms

        HttpResponse<String> response = chat(token, sid, "Add lo-fi music at 35%");

        assertThat(response.body()).startsWith("data: {\"type\":\"heartbeat\"}\n\n").endsWith("}\n\n");
        List<Frame> frames = frames(response.body());
        assertThat(frames).allSatisfy(f -> assertThat(f.comment).isNull());
        List<String> types = frames.stream().map(f -> f.json().get("type").asText()).collect(Collectors.toList());
        int heartbeats = (int) types.stream().filter("heartbeat"::equals).count();
        assertThat(heartbeats).isBetween(3, 5);
        assertThat(types.subList(0, heartbeats)).containsOnly("heartbeat");
        assertThat(types.subList(heartbeats, types.size())).containsExactly("tool_call", "tool_result", "text");
        JsonNode call = frames.get(heartbeats).json();
        assertThat(call.get("name").asText()).isEqualTo("add_bgm");
        assertThat(call.get("args").toString()).isEqualTo("{\"name\":\"Lo-fi\",\"volume\":0.35}");
        assertThat(frames.get(heartbeats + 1).json().toString())
                .isEqualTo("{\"type\":\"tool_result\",\"name\":\"add_bgm\",\"result\":{\"ok\":true}}");
        assertThat(frames.get(heartbeats + 2).json().get("content").asText()).isEqualTo(
                "Added Lo-fi background music at 35% volume. Preview it in the timeline, then click the Export"
                        + " button when you're ready.");
    }

    @Test
    void legacyAdkFramesFollowTheOlderAgentDevelopmentKitShape() {
        start(NemoEmulator.builder().chatStyle(ChatStyle.ADK_LEGACY).silentRatio(0.0));

        HttpResponse<String> response = chat(token, sid, "Add lo-fi music at 35%");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<Frame> frames = frames(response.body());
        // keep-alives: ": ping" comments alternating with empty data lines
        assertThat(frames.get(0).comment).isEqualTo("ping");
        assertThat(frames.get(1).data).isEmpty();
        assertThat(frames.get(2).comment).isEqualTo("ping");
        assertThat(response.body()).startsWith(": ping\n\ndata: \n\n: ping\n\n");
        List<JsonNode> events = frames.stream().filter(f -> f.data != null && !f.data.isEmpty())
                .map(Frame::json).collect(Collectors.toList());
        String invocation = events.get(0).get("invocationId").asText();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("id").asText()).isNotBlank();
            assertThat(e.get("invocationId").asText()).isEqualTo(invocation);
            assertThat(e.get("author").asText()).isEqualTo("nemo_agent");
            assertThat(e.get("timestamp").isNumber()).isTrue();
            assertThat(e.has("type")).isFalse();
        });
        assertThat(events.stream().map(e -> e.get("id").asText()).distinct()).hasSameSizeAs(events);

        JsonNode thought = events.get(0).get("content");
        assertThat(thought.get("role").asText()).isEqualTo("model");
        assertThat(thought.get("parts").get(0).get("thought").asBoolean()).isTrue();
        JsonNode call = events.get(1).get("content").get("parts").get(0).get("functionCall");
        assertThat(call.get("name").asText()).isEqualTo("add_bgm");
        assertThat(call.get("args").get("volume").asDouble()).isEqualTo(0.35);
        JsonNode result = events.get(2).get("content").get("parts").get(0).get("functionResponse");
        assertThat(result.get("id").asText()).isEqualTo(call.get("id").asText());
        assertThat(result.get("name").asText()).isEqualTo("add_bgm");
        assertThat(result.get("response").get("ok").asBoolean()).isTrue();

        List<JsonNode> partials = events.stream().filter(e -> e.path("partial").asBoolean())
                .collect(Collectors.toList());
        assertThat(partials).hasSizeBetween(2, 3);
        String joined = partials.stream().map(e -> e.get("content").get("parts").get(0).get("text").asText())
                .collect(Collectors.joining());
        JsonNode complete = events.get(3 + partials.size());
        assertThat(complete.has("partial")).isFalse();
        assertThat(complete.get("content").get("parts").get(0).get("text").asText()).isEqualTo(joined)
                .startsWith("Added Lo-fi background music at 35% volume.");
        JsonNode last = events.get(events.size() - 1);
        assertThat(events).hasSize(3 + partials.size() + 2);
        assertThat(last.get("turnComplete").asBoolean()).isTrue();
        assertThat(last.has("content")).isFalse();
        assertThat(audioTracks(stateDraft())).isEqualTo(1);
    }

    @Test
    void legacyAdkTextOnlyTurnHasAThoughtTheReplyAndTurnComplete() {
        start(fast().chatStyle(ChatStyle.ADK_LEGACY));

        List<JsonNode> events = adkEvents(chat(token, sid, "hello").body());

        assertThat(events.get(0).get("content").get("parts").get(0).get("thought").asBoolean()).isTrue();
        assertThat(events).noneMatch(e -> e.toString().contains("functionCall"));
        assertThat(events.get(events.size() - 2).get("content").get("parts").get(0).get("text").asText())
                .contains("timeline");
        assertThat(events.get(events.size() - 1).get("turnComplete").asBoolean()).isTrue();
    }

    @Test
    void silentRatioOneAppliesTheEditButSendsNoText() {
        start(fast().silentRatio(1.0));

        List<Frame> frames = frames(chat(token, sid, "add jazz music and a title \"Hi\"").body());

        assertThat(texts(frames)).isEmpty();
        assertThat(toolNames(frames, "tool_call")).containsExactly("add_bgm", "add_title");
        assertThat(toolNames(frames, "tool_result")).containsExactly("add_bgm", "add_title");
        assertThat(frames.get(0).json().get("type").asText()).isEqualTo("heartbeat");
        assertThat(stateDraft().get("t")).hasSize(2);
        assertThat(credits()).isEqualTo(new int[] {95, 0});
    }

    @Test
    void silentAdkTurnsHaveNoTextParts() {
        start(fast().silentRatio(1.0).chatStyle(ChatStyle.ADK_LEGACY));

        List<JsonNode> events = adkEvents(chat(token, sid, "add jazz music").body());

        assertThat(events).noneMatch(e -> e.toString().contains("\"text\""));
        assertThat(events).anyMatch(e -> e.toString().contains("functionCall"));
        assertThat(events).anyMatch(e -> e.toString().contains("functionResponse"));
        assertThat(audioTracks(stateDraft())).isEqualTo(1);
    }

    @Test
    void silentRatioZeroAlwaysSendsText() {
        start(fast().silentRatio(0.0).turnDuration(Duration.ZERO));

        for (int i = 0; i < 10; i++) {
            assertThat(texts(frames(chat(token, sid, "add jazz music").body()))).hasSize(1);
        }
    }

    @Test
    void theSameSeedGivesTheSameSilentPattern() {
        List<Boolean> first = silentPattern(NemoEmulator.builder().seed(7).silentRatio(0.5), 12);
        List<Boolean> second = silentPattern(NemoEmulator.builder().seed(7).silentRatio(0.5), 12);
        List<Boolean> defaults = silentPattern(NemoEmulator.builder(), 30);

        assertThat(first).isEqualTo(second).contains(true, false);
        assertThat(defaults.stream().filter(b -> b).count()).as("about 30%% silent: %s", defaults).isBetween(4L, 15L);
    }

    private List<Boolean> silentPattern(NemoEmulator.Builder builder, int turns) {
        start(builder.turnDuration(Duration.ZERO).initialCredits(1000));
        List<Boolean> silent = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            silent.add(texts(frames(chat(token, sid, "add jazz music").body())).isEmpty());
        }
        assertThat(audioTracks(stateDraft())).isEqualTo(turns);
        return silent;
    }

    @Test
    void trailingNoiseFollowsTheRealReply() {
        start(fast().trailingNoise(true));

        List<String> texts = texts(frames(chat(token, sid, "add jazz music").body()));

        assertThat(texts).hasSize(2);
        assertThat(texts.get(0)).startsWith("Added Jazz background music at 50% volume.");
        assertThat(texts.get(1)).isEqualTo("I encountered a temporary issue. Please try again.");
    }

    @Test
    void eventsArriveIncrementally() throws Exception {
        start(fast().turnDuration(Duration.ofMillis(1500)).heartbeatInterval(Duration.ofMillis(100)));

        try (BufferedReader reader = openStream(token, sid, "add jazz music")) {
            // the first event is readable while the turn is still under way: its edit is not applied yet
            assertThat(reader.readLine()).isEqualTo("data: {\"type\":\"heartbeat\"}");
            assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
            String rest = drain(reader);
            assertThat(rest).contains("tool_call");
            assertThat(audioTracks(MAPPER.readTree(emu.draft(sid)))).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- faults

    @Test
    void chatErrorFrameEndsTheStreamWithAnErrorAndNoEdit() {
        start(fast());
        emu.inject(Endpoint.CHAT, Fault.chatErrorFrame("model overloaded"), 1);

        HttpResponse<String> response = chat(token, sid, "add jazz music");

        assertThat(response.statusCode()).isEqualTo(200);
        List<Frame> frames = frames(response.body());
        assertThat(frames.get(0).json().get("type").asText()).isEqualTo("heartbeat");
        JsonNode error = frames.get(frames.size() - 1).json();
        assertThat(error.get("error").asText()).isEqualTo("model overloaded");
        assertThat(error.get("error_details").get("error_type").asText()).isEqualTo("AGENT_ERROR");
        assertThat(error.get("error_details").get("error_message").asText()).isEqualTo("model overloaded");
        assertThat(java.time.Instant.parse(error.get("error_details").get("timestamp").asText())).isNotNull();
        assertThat(toolNames(frames, "tool_call")).isEmpty();
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
        assertThat(credits()).isEqualTo(new int[] {100, 0});
        // used up: the next turn is normal
        assertThat(texts(frames(chat(token, sid, "add jazz music").body()))).hasSize(1);
        assertThat(audioTracks(stateDraft())).isEqualTo(1);
    }

    @Test
    void chatErrorFrameInAdkStyle() {
        start(fast().chatStyle(ChatStyle.ADK_LEGACY));
        emu.inject(Endpoint.CHAT, Fault.chatErrorFrame("boom"), 1);

        List<Frame> frames = frames(chat(token, sid, "add jazz music").body());

        assertThat(frames.get(0).comment).isEqualTo("ping");
        assertThat(frames.get(frames.size() - 1).json().get("error").asText()).isEqualTo("boom");
    }

    @Test
    void chatDisconnectBeforeTheEditBreaksTheStreamAndChangesNothing() throws Exception {
        start(fast());
        emu.inject(Endpoint.CHAT, Fault.chatDisconnect(false), 1);

        assertThatThrownBy(() -> Http.CLIENT.send(chatRequest(token, sid, "add jazz music"),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);

        awaitNothingFrozen();
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
        assertThat(credits()).isEqualTo(new int[] {100, 0});
    }

    @Test
    void chatDisconnectAfterTheEditBreaksTheStreamButKeepsTheEditAndCharge() throws Exception {
        start(fast());
        emu.inject(Endpoint.CHAT, Fault.chatDisconnect(true), 1);

        HttpResponse<InputStream> response = Http.CLIENT.send(chatRequest(token, sid, "add jazz music"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        StringBuilder received = new StringBuilder();
        assertThatThrownBy(() -> {
            try (BufferedReader reader = reader(response.body())) {
                String line;
                while ((line = reader.readLine()) != null) {
                    received.append(line).append('\n');
                }
            }
        }).isInstanceOf(IOException.class);

        assertThat(received.toString()).contains("heartbeat").doesNotContain("tool_call").doesNotContain("text");
        awaitNothingFrozen();
        assertThat(audioTracks(stateDraft())).isEqualTo(1);
        assertThat(credits()).isEqualTo(new int[] {95, 0});
        // the connection breaking does not hurt the next turn
        assertThat(texts(frames(chat(token, sid, "add a title \"x\"").body()))).hasSize(1);
    }

    @Test
    void chatStallSendsOneHeartbeatThenNothingThenCloses() throws Exception {
        start(fast());
        emu.inject(Endpoint.CHAT, Fault.chatStall(Duration.ofMillis(900)), 1);

        try (BufferedReader reader = openStream(token, sid, "add jazz music")) {
            assertThat(reader.readLine()).isEqualTo("data: {\"type\":\"heartbeat\"}");
            assertThat(reader.readLine()).isEmpty();
            // nothing more, not even a heartbeat: the stream ends when the stall does
            assertThat(reader.read()).isEqualTo(-1);
        }
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
        awaitNothingFrozen();
        assertThat(credits()).isEqualTo(new int[] {100, 0});
    }

    @Test
    void chatFaultsApplyOnlyToTheChatEndpoint() {
        start(fast());

        assertThatThrownBy(() -> emu.inject(Endpoint.CREDITS, Fault.chatStall(Duration.ofSeconds(1)), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.inject(Endpoint.STATE, Fault.chatDisconnect(true), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.chatStall(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Fault.chatDisconnect(true)).hasToString("chatDisconnect(afterEdit=true)");
        assertThat(Fault.chatStall(Duration.ofSeconds(2))).hasToString("chatStall(2000ms)");
        assertThat(Fault.chatErrorFrame("x")).hasToString("chatErrorFrame(x)");
    }

    @Test
    void rejectsInvalidChatSettings() {
        assertThatThrownBy(() -> NemoEmulator.builder().silentRatio(1.5).start())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NemoEmulator.builder().silentRatio(Double.NaN).start())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NemoEmulator.builder().heartbeatInterval(Duration.ZERO).start())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NemoEmulator.builder().turnDuration(Duration.ofMillis(-1)).start())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NemoEmulator.builder().creditsPerEdit(-1).start())
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- concurrency and lifecycle

    @Test
    void turnsOfOneSessionApplyAtomicallyAndSessionsRunConcurrently() throws Exception {
        start(fast().turnDuration(Duration.ofMillis(300)));
        String other = http.newSession(token);
        List<CompletableFuture<HttpResponse<String>>> turns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            turns.add(Http.CLIENT.sendAsync(chatRequest(token, sid, "add a title saying \"T" + i + "\""),
                    HttpResponse.BodyHandlers.ofString()));
            turns.add(Http.CLIENT.sendAsync(chatRequest(token, other, "add jazz music"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> turn : turns) {
            assertThat(turn.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }

        JsonNode titles = stateDraft().get("t");
        assertThat(titles).hasSize(6);
        assertThat(emu.draft(other)).satisfies(d -> assertThat(audioTracks(MAPPER.readTree(d))).isEqualTo(6));
        assertThat(credits()).isEqualTo(new int[] {40, 0});

        // a turn of one session does not wait for another session's turn: one completes while the other stalls
        emu.inject(Endpoint.CHAT, Fault.chatStall(Duration.ofSeconds(30)), 1);
        try (BufferedReader stalled = openStream(token, other, "add jazz music")) {
            assertThat(stalled.readLine()).isEqualTo("data: {\"type\":\"heartbeat\"}");
            assertThat(chat(token, sid, "add a title saying \"T6\"").statusCode()).isEqualTo(200);
            assertThat(stateDraft().get("t")).hasSize(7);
        }
    }

    @Test
    void closeEndsAStreamInFlight() throws Exception {
        start(fast().turnDuration(Duration.ofSeconds(30)).heartbeatInterval(Duration.ofMillis(100)));
        BufferedReader reader = openStream(token, sid, "add jazz music");
        assertThat(reader.readLine()).startsWith("data: ");

        emu.close();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                drain(reader);
            } catch (IOException expected) {
                // a broken stream is fine too
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!emulatorThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(emulatorThreads()).isEmpty();
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
        assertThat(emu.requestCount(Endpoint.CHAT)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    private HttpRequest chatRequest(String token, String sessionId, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("app_name", "nemo_agent");
        body.put("user_id", "me");
        body.put("session_id", sessionId);
        ObjectNode newMessage = body.putObject("new_message");
        newMessage.put("role", "user");
        newMessage.putArray("parts").addObject().put("text", message);
        return HttpRequest.newBuilder(emu.baseUrl().resolve("/run_sse"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private HttpResponse<String> chat(String token, String sessionId, String message) {
        try {
            return Http.CLIENT.send(chatRequest(token, sessionId, message), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private BufferedReader openStream(String token, String sessionId, String message) throws Exception {
        HttpResponse<InputStream> response = Http.CLIENT.send(chatRequest(token, sessionId, message),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        return reader(response.body());
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static String drain(BufferedReader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private JsonNode stateDraft() {
        return Http.successData(http.state(token, sid)).get("state").get("draft");
    }

    /** {available, frozen}, checking total = available + frozen. */
    private int[] credits() {
        JsonNode data = Http.successData(http.credits(token));
        assertThat(data.get("total").asInt()).isEqualTo(data.get("available").asInt() + data.get("frozen").asInt());
        return new int[] {data.get("available").asInt(), data.get("frozen").asInt()};
    }

    /** After a broken stream the server settles the turn a moment later. */
    private void awaitNothingFrozen() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (credits()[1] != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static int audioTracks(JsonNode draft) {
        int n = 0;
        for (JsonNode track : draft.get("t")) {
            if (track.get("tt").asInt() == 1) {
                n++;
            }
        }
        return n;
    }

    private static List<String> emulatorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("nemo-emulator-"))
                .collect(Collectors.toList());
    }

    // ---------------------------------------------------------------- a minimal SSE reader

    /** One SSE block: a comment ({@code : ping}) or the joined {@code data:} lines ("" for an empty one). */
    private static final class Frame {
        final String comment;
        final String data;

        Frame(String comment, String data) {
            this.comment = comment;
            this.data = data;
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }

        @Override
        public String toString() {
            return comment != null ? ": " + comment : "data: " + data;
        }
    }

    private static List<Frame> frames(String body) {
        List<Frame> frames = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isEmpty()) {
                continue;
            }
            String comment = null;
            List<String> data = new ArrayList<>();
            for (String line : block.split("\n", -1)) {
                if (line.startsWith(":")) {
                    comment = line.substring(1).trim();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    data.add(value.startsWith(" ") ? value.substring(1) : value);
                } else if (!line.isEmpty()) {
                    throw new AssertionError("unexpected SSE line: " + line);
                }
            }
            frames.add(new Frame(comment, data.isEmpty() ? null : String.join("\n", data)));
        }
        return frames;
    }

    /** Texts for the user: typed {@code text} frames, or non-partial non-thought ADK text parts. */
    private static List<String> texts(List<Frame> frames) {
        List<String> texts = new ArrayList<>();
        for (Frame frame : frames) {
            if (frame.data == null || frame.data.isEmpty()) {
                continue;
            }
            JsonNode json = frame.json();
            if ("text".equals(json.path("type").asText())) {
                texts.add(json.get("content").asText());
            }
            if (!json.path("partial").asBoolean()) {
                for (JsonNode part : json.path("content").path("parts")) {
                    if (part.has("text") && !part.path("thought").asBoolean()) {
                        texts.add(part.get("text").asText());
                    }
                }
            }
        }
        return texts;
    }

    private static List<String> toolNames(List<Frame> frames, String type) {
        return frames.stream().filter(f -> f.data != null && !f.data.isEmpty()).map(Frame::json)
                .filter(j -> type.equals(j.path("type").asText())).map(j -> j.get("name").asText())
                .collect(Collectors.toList());
    }

    private static List<JsonNode> adkEvents(String body) {
        return frames(body).stream().filter(f -> f.data != null && !f.data.isEmpty()).map(Frame::json)
                .collect(Collectors.toList());
    }
}
