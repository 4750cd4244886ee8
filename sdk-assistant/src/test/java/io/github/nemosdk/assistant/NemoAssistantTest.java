package io.github.nemosdk.assistant;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.chat.GuiHint;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.errors.DraftNotReadyException;
import io.github.nemosdk.errors.InvalidUploadException;
import io.github.nemosdk.render.RenderSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The assistant against a mocked API: the right endpoint for each action, and chat only when it must. */
@WireMockTest
class NemoAssistantTest {
    private static final String SID = "7000000000000000042";
    private static final String STATE = "/api/state/nemo_agent/me/" + SID + "/latest";
    private static final String UPLOAD = "/api/upload-video/nemo_agent/me/" + SID;
    private static final String CREDITS = "/api/credits/balance/simple";
    private static final String RENDER = "/api/render/proxy/lambda";
    private static final String VIDEO = "{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"city timelapse\"}}]}";
    private static final String BGM = "{\"tt\":1,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"Lo-fi\",\"volume\":0.35}}]}";
    private static final byte[] MP4 = mp4(64);

    /** A whole MP4 as far as its structure goes: ftyp, moov and an mdat of {@code payload} bytes. */
    private static byte[] mp4(int payload) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 8 + 8 + payload);
        b.putInt(24).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200).put(ascii("isom")).put(ascii("mp42"));
        b.putInt(8).put(ascii("moov"));
        b.putInt(8 + payload).put(ascii("mdat"));
        for (int i = 0; i < payload; i++) {
            b.put((byte) (i * 31));
        }
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
    private static final String UPLOADED = "{\"code\":0,\"data\":{\"files\":[{\"filename\":\"clip.mp4\","
            + "\"file_type\":\"video\",\"cdn_url\":\"https://cdn.example/clip.mp4\",\"duration\":12.5}],"
            + "\"session_state_applied\":true}}";

    @TempDir
    Path dir;

    private final List<AssistantOutcome> heard = new CopyOnWriteArrayList<>();

    private NemoClient client(WireMockRuntimeInfo wm) {
        return client(wm, ChatSettings.defaults());
    }

    private NemoClient client(WireMockRuntimeInfo wm, ChatSettings chat) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).token("nmv_usr_assistant")
                .environment(Map.of()).configDirectory(dir.resolve("cfg")).sleeper(d -> { })
                .chatSettings(chat).renderSettings(RenderSettings.of(Duration.ofSeconds(10), Duration.ofMinutes(5)))
                .build();
    }

    private NemoAssistant assistant(NemoClient client) {
        return NemoAssistant.builder(client, SID).exportTo(dir.resolve("exports")).listener(heard::add).build();
    }

    private static String state(String... tracks) {
        return "{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[" + String.join(",", tracks) + "]}}}}";
    }

    private static void stubState(String... tracks) {
        stubFor(get(STATE).willReturn(okJson(state(tracks))));
    }

    /** The state reads {@code before} once (the chat's read before sending), then {@code after}. */
    private static void stubStateChange(String before, String after) {
        stubFor(get(STATE).inScenario("state").whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(before))
                .willSetStateTo("after"));
        stubFor(get(STATE).inScenario("state").whenScenarioStateIs("after").willReturn(okJson(after)));
    }

    private static void stubChat(String sseBody) {
        stubFor(post("/run_sse").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                .withBody(sseBody)));
    }

    private static String text(String content) {
        return "data: {\"type\":\"text\",\"content\":\"" + content + "\"}\n\n";
    }

    private static void stubRender(WireMockRuntimeInfo wm) {
        stubFor(post(RENDER).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withTransformers("response-template").withBody("{\"success\":true,\"data\":{\"id\":"
                        + "\"{{jsonPath request.body '$.id'}}\",\"status\":\"pending\",\"progress\":0}}")));
        stubFor(get(urlPathMatching(RENDER + "/render_.*")).inScenario("render")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("{\"success\":true,\"data\":{\"id\":\"r\","
                        + "\"status\":\"processing\",\"progress\":50}}")).willSetStateTo("done"));
        stubFor(get(urlPathMatching(RENDER + "/render_.*")).inScenario("render").whenScenarioStateIs("done")
                .willReturn(okJson("{\"success\":true,\"data\":{\"id\":\"r\",\"status\":\"completed\","
                        + "\"progress\":100,\"outputUrl\":\"" + wm.getHttpBaseUrl() + "/cdn/out.mp4\"}}")));
        stubFor(get("/cdn/out.mp4").willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));
    }

    private static void verifyChatNeverCalled() {
        verify(0, postRequestedFor(urlEqualTo("/run_sse")));
    }

    private Path mp4(String name) throws Exception {
        byte[] b = new byte[4096];
        new Random(7).nextBytes(b);
        System.arraycopy(new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, b, 0, 12);
        Path p = dir.resolve("media").resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, b);
    }

    // --- direct actions: the right endpoint, and never the chat backend ---

    @ParameterizedTest
    @ValueSource(strings = {"导出", "export", "please export the video", "can you send me the video?", "下载视频"})
    void exportRendersAndDownloadsTheMp4WithoutAskingTheChat(String utterance, WireMockRuntimeInfo wm)
            throws Exception {
        stubState(VIDEO, BGM);
        stubRender(wm);
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle(utterance);
        }
        assertThat(outcome).isInstanceOf(AssistantOutcome.Exported.class);
        Path file = ((AssistantOutcome.Exported) outcome).file();
        assertThat(file.getParent()).isEqualTo(dir.resolve("exports"));
        assertThat(file.getFileName().toString()).startsWith("nemo-" + SID + "-").endsWith(".mp4");
        assertThat(Files.readAllBytes(file)).isEqualTo(MP4);
        assertThat(outcome.display()).isEqualTo("Exported: " + file);
        verify(1, postRequestedFor(urlEqualTo(RENDER)).withRequestBody(matchingJsonPath("$.sessionId",
                equalTo(SID))));
        verifyChatNeverCalled();
        assertThat(heard).filteredOn(o -> o instanceof AssistantOutcome.Exporting)
                .extracting(AssistantOutcome::display).contains("Exporting: processing 50%");
    }

    @Test
    void aSecondExportKeepsTheFirstFile(WireMockRuntimeInfo wm) throws Exception {
        stubState(VIDEO);
        stubRender(wm);
        try (NemoClient client = client(wm)) {
            NemoAssistant assistant = assistant(client);
            Path first = ((AssistantOutcome.Exported) assistant.handle("export")).file();
            WireMock.setScenarioState("render", Scenario.STARTED);
            Path second = ((AssistantOutcome.Exported) assistant.handle("export")).file();
            assertThat(second).isNotEqualTo(first);
            assertThat(first).exists();
            assertThat(second).exists();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"credits", "what's my balance?", "余额多少", "我还有多少积分"})
    void creditsReadTheBalanceWithoutAskingTheChat(String utterance, WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(okJson("{\"code\":0,\"data\":{\"available\":80,\"frozen\":20,"
                + "\"total\":100}}")));
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle(utterance);
        }
        assertThat(outcome).isInstanceOfSatisfying(AssistantOutcome.Credits.class, c -> {
            assertThat(c.balance().available()).isEqualTo(80);
            assertThat(c.balance().total()).isEqualTo(100);
        });
        assertThat(outcome.display()).isEqualTo("Credits: 80 available, 20 reserved by running work, 100 total");
        verify(1, getRequestedFor(urlEqualTo(CREDITS)));
        verifyChatNeverCalled();
    }

    @ParameterizedTest
    @ValueSource(strings = {"show tracks", "状态", "what's the status?"})
    void stateShowsTheTimelineSummary(String utterance, WireMockRuntimeInfo wm) {
        stubState(VIDEO, BGM);
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle(utterance);
        }
        assertThat(outcome).isInstanceOf(AssistantOutcome.Summary.class);
        assertThat(outcome.display())
                .isEqualTo("Timeline (2 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%)");
        verifyChatNeverCalled();
    }

    @Test
    void uploadWithAPathSendsTheFile(WireMockRuntimeInfo wm) throws Exception {
        Path clip = mp4("clip.mp4");
        stubFor(post(UPLOAD).willReturn(okJson(UPLOADED)));
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle("上传 " + clip);
        }
        assertThat(outcome).isInstanceOfSatisfying(AssistantOutcome.Uploaded.class, u ->
                assertThat(u.result().stateApplied()).isTrue());
        assertThat(outcome.display()).isEqualTo("Uploaded clip.mp4 (video)");
        verify(1, postRequestedFor(urlEqualTo(UPLOAD)).withRequestBodyPart(aMultipart().withName("files").build()));
        verifyChatNeverCalled();
    }

    @Test
    void aBareUrlAsksTheServiceToFetchIt(WireMockRuntimeInfo wm) {
        stubFor(post(UPLOAD).willReturn(okJson(UPLOADED)));
        try (NemoClient client = client(wm)) {
            assertThat(assistant(client).handle("https://example.com/clip.mp4"))
                    .isInstanceOf(AssistantOutcome.Uploaded.class);
        }
        verify(1, postRequestedFor(urlEqualTo(UPLOAD)).withRequestBody(equalToJson(
                "{\"urls\":[\"https://example.com/clip.mp4\"],\"source_type\":\"url\"}")));
        verifyChatNeverCalled();
    }

    // --- chat ---

    @Test
    void anEditGoesToChatAndTheReplyIsText(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        stubChat(text("Added Lo-fi music at 35%."));
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle("add lo-fi music at 35%");
        }
        assertThat(outcome).isInstanceOfSatisfying(AssistantOutcome.Text.class, t ->
                assertThat(t.text()).isEqualTo("Added Lo-fi music at 35%."));
        assertThat(outcome.followUps()).isEmpty();
        assertThat(outcome.extras()).isEmpty();
        verify(1, postRequestedFor(urlEqualTo("/run_sse")).withRequestBody(matchingJsonPath(
                "$.new_message.parts[0].text", equalTo("add lo-fi music at 35%"))));
    }

    @Test
    void aSilentEditIsReportedAsTheChange(WireMockRuntimeInfo wm) {
        stubStateChange(state(VIDEO), state(VIDEO, BGM));
        stubChat("data: {\"type\":\"heartbeat\"}\n\n");
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle("add lo-fi music at 35%");
        }
        assertThat(outcome).isInstanceOf(AssistantOutcome.Change.class);
        assertThat(outcome.display()).isEqualTo("Added BGM: Lo-fi (0-10s, 35%)");
        assertThat(((AssistantOutcome.Change) outcome).change().isEmpty()).isFalse();
    }

    @Test
    void stillWorkingReachesTheListenerDuringALongTurn(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            body.append("data: {\"type\":\"heartbeat\"}\n\n");
        }
        body.append(text("Done: added the music."));
        stubFor(post("/run_sse").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                .withBody(body.toString()).withChunkedDribbleDelay(20, 900)));
        AssistantOutcome outcome;
        try (NemoClient client = client(wm, ChatSettings.builder().stillWorkingInterval(Duration.ofMillis(150))
                .build())) {
            outcome = assistant(client).handle("add music");
        }
        assertThat(outcome.display()).isEqualTo("Done: added the music.");
        assertThat(heard).filteredOn(o -> o instanceof AssistantOutcome.StillWorking).isNotEmpty()
                .allSatisfy(o -> assertThat(o.display()).startsWith("\u23f3 Still working..."));
    }

    @Test
    void negatedExportGoesToChatAndNothingIsRendered(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        stubChat(text("OK, I will wait."));
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            NemoAssistant assistant = assistant(client);
            outcome = assistant.handle("don't export yet");
            assistant.handle("先不要导出");
        }
        assertThat(outcome.display()).isEqualTo("OK, I will wait.");
        verify(2, postRequestedFor(urlEqualTo("/run_sse")));
        verify(0, postRequestedFor(urlEqualTo(RENDER)));
    }

    // --- the backend's GUI talk ---

    @Test
    void previewInTimelineAddsTheSummaryAndExportButtonIsOnlyOffered(WireMockRuntimeInfo wm) {
        stubState(VIDEO, BGM);
        stubChat(text("Added Lo-fi. Preview it in the timeline, then click the Export button."));
        stubRender(wm);
        try (NemoClient client = client(wm)) {
            NemoAssistant assistant = assistant(client);
            AssistantOutcome outcome = assistant.handle("add lo-fi music");
            assertThat(outcome.all()).extracting(AssistantOutcome::kind)
                    .containsExactly(AssistantOutcome.Kind.TEXT, AssistantOutcome.Kind.SUMMARY);
            assertThat(outcome.extras().get(0).display()).startsWith("Timeline (2 tracks)");
            assertThat(outcome.followUps()).containsExactly(
                    FollowUp.suggested(AssistantAction.EXPORT, GuiHint.EXPORT, null));
            verify(0, postRequestedFor(urlEqualTo(RENDER)));

            AssistantOutcome exported = assistant.perform(outcome.followUps().get(0));
            assertThat(exported).isInstanceOf(AssistantOutcome.Exported.class);
        }
        verify(1, postRequestedFor(urlEqualTo(RENDER)));
        verify(1, postRequestedFor(urlEqualTo("/run_sse")));
    }

    @Test
    void checkYourAccountAddsTheCreditsAndOpenAddsTheSummaryOnce(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        stubFor(get(CREDITS).willReturn(okJson("{\"code\":0,\"data\":{\"available\":3,\"frozen\":0,"
                + "\"total\":3}}")));
        stubChat(text("That track needs 5 credits. Check your account, or open the Music panel and preview it in "
                + "the timeline."));
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle("use the premium track");
        }
        assertThat(outcome.all()).extracting(AssistantOutcome::kind).containsExactly(AssistantOutcome.Kind.TEXT,
                AssistantOutcome.Kind.SUMMARY, AssistantOutcome.Kind.CREDITS);
        assertThat(outcome.extras().get(1).display()).isEqualTo("Credits: 3 available, 3 total");
        assertThat(outcome.followUps()).isEmpty();
        verify(1, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @Test
    void readOnlyFollowUpsCanBeOfferedInsteadOfRun(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        stubChat(text("Done. Preview it in the timeline."));
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = NemoAssistant.builder(client, SID).exportTo(dir).runReadOnlyFollowUps(false).build()
                    .handle("add music");
        }
        assertThat(outcome.extras()).isEmpty();
        assertThat(outcome.followUps()).containsExactly(
                FollowUp.suggested(AssistantAction.STATE, GuiHint.SHOW_TRACKS, null));
    }

    @Test
    void clickAButtonBecomesAChatFollowUpThatSendsItsLabel(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        stubChat(text("I picked three tracks. Click **Apply** to use the first one."));
        try (NemoClient client = client(wm)) {
            NemoAssistant assistant = assistant(client);
            AssistantOutcome outcome = assistant.handle("find me some lo-fi tracks");
            FollowUp apply = outcome.followUps().get(0);
            assertThat(apply.action()).isEqualTo(AssistantAction.CHAT);
            assertThat(apply.prompt()).contains("Apply");
            assistant.perform(apply);
        }
        verify(1, postRequestedFor(urlEqualTo("/run_sse")).withRequestBody(matchingJsonPath(
                "$.new_message.parts[0].text", equalTo("Apply"))));
    }

    // --- an edit together with an action ---

    @Test
    void addMusicAndExportChatsAndOffersTheExportTheUserAskedFor(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        stubChat(text("Added Lo-fi music."));
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle("add music and export");
        }
        assertThat(outcome).isInstanceOf(AssistantOutcome.Text.class);
        assertThat(outcome.followUps()).containsExactly(FollowUp.requested(AssistantAction.EXPORT));
        verify(1, postRequestedFor(urlEqualTo("/run_sse")));
        verify(0, postRequestedFor(urlEqualTo(RENDER)));
    }

    @Test
    void uploadThenEditUploadsFirstAndSendsOnlyTheFileName(WireMockRuntimeInfo wm) throws Exception {
        Path clip = mp4("clip.mp4");
        stubFor(post(UPLOAD).willReturn(okJson(UPLOADED)));
        stubState(VIDEO);
        stubChat(text("Added lo-fi music to clip.mp4."));
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle("upload " + clip + " and add lo-fi music");
        }
        assertThat(outcome.all()).extracting(AssistantOutcome::kind)
                .containsExactly(AssistantOutcome.Kind.UPLOADED, AssistantOutcome.Kind.TEXT);
        verify(1, postRequestedFor(urlEqualTo("/run_sse")).withRequestBody(matchingJsonPath(
                "$.new_message.parts[0].text", equalTo("upload clip.mp4 and add lo-fi music"))));
    }

    // --- failures ---

    @Test
    void exportOfAnEmptyTimelineIsAFailedOutcomeAndNothingRenders(WireMockRuntimeInfo wm) {
        stubState();
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle("export");
        }
        assertThat(outcome).isInstanceOfSatisfying(AssistantOutcome.Failed.class, f -> {
            assertThat(f.action()).isEqualTo(AssistantAction.EXPORT);
            assertThat(f.error()).isInstanceOf(DraftNotReadyException.class);
        });
        assertThat(outcome.display()).startsWith("Could not export: ");
        assertThat(outcome.hasFailure()).isTrue();
        verify(0, postRequestedFor(urlEqualTo(RENDER)));
        verifyChatNeverCalled();
    }

    @Test
    void aFailedUploadStopsTheEditThatNeededIt(WireMockRuntimeInfo wm) {
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle("upload " + dir.resolve("missing.mp4") + " and add music");
        }
        assertThat(outcome).isInstanceOfSatisfying(AssistantOutcome.Failed.class, f -> {
            assertThat(f.action()).isEqualTo(AssistantAction.UPLOAD);
            assertThat(f.error()).isInstanceOf(InvalidUploadException.class);
        });
        assertThat(outcome.extras()).isEmpty();
        verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aChatErrorIsAFailedOutcome(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        stubChat("data: {\"error\":\"model overloaded\"}\n\n");
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle("add music");
        }
        assertThat(outcome).isInstanceOfSatisfying(AssistantOutcome.Failed.class, f -> {
            assertThat(f.action()).isEqualTo(AssistantAction.CHAT);
            assertThat(f.error()).isInstanceOf(ChatStreamException.class);
        });
        assertThat(outcome.display()).startsWith("The chat turn failed: ").contains("model overloaded");
    }

    // --- languages and setup ---

    @Test
    void anAddedJapaneseTableExportsWithoutTheChat(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        stubRender(wm);
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = NemoAssistant.builder(client, SID).exportTo(dir.resolve("exports"))
                    .phrases(PhraseTableTest.JAPANESE).build().handle("動画をエクスポートして");
        }
        assertThat(outcome).isInstanceOf(AssistantOutcome.Exported.class);
        verifyChatNeverCalled();
    }

    @Test
    void exportsNeedADestinationAndTheFunctionFormIsUsedAsGiven(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        stubRender(wm);
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> NemoAssistant.builder(client, SID).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("exportTo");
            assertThatThrownBy(() -> NemoAssistant.builder(client, "not a session!").exportTo(dir).build())
                    .isInstanceOf(IllegalArgumentException.class);
            Path chosen = dir.resolve("mine").resolve(SID + ".mp4");
            AssistantOutcome outcome = NemoAssistant.builder(client, SID).exportTo(sid -> chosen).build()
                    .handle("download");
            assertThat(((AssistantOutcome.Exported) outcome).file()).isEqualTo(chosen);
            assertThat(chosen).exists();
        }
    }

    @Test
    void theBackendsQuestionIsAQuestionWithOneAnswerPerOptionNotSilenceOrAChange(WireMockRuntimeInfo wm) {
        stubState(VIDEO);
        stubChat(text("Which one?") + "data: {\"type\":\"tool_call\",\"id\":\"q1\",\"name\":\"ask_question\","
                + "\"args\":{\"questions\":[{\"id\":\"style\",\"prompt\":\"Which style?\",\"options\":["
                + "{\"id\":\"lofi\",\"label\":\"Lo-fi\"},{\"id\":\"jazz\",\"label\":\"Jazz\"}],"
                + "\"allow_multiple\":false}]}}\n\n");
        AssistantOutcome outcome;
        AssistantOutcome answered;
        try (NemoClient client = client(wm)) {
            NemoAssistant assistant = assistant(client);
            outcome = assistant.handle("add music, let me choose");
            assertThat(outcome).isInstanceOf(AssistantOutcome.Question.class);
            assertThat(outcome.kind()).isEqualTo(AssistantOutcome.Kind.QUESTION);
            assertThat(outcome.display()).isEqualTo("Which one?\nWhich style?\n  1. Lo-fi\n  2. Jazz");
            assertThat(((AssistantOutcome.Question) outcome).questions()).singleElement()
                    .satisfies(q -> assertThat(q.id()).contains("style"));
            assertThat(outcome.followUps()).extracting(f -> f.prompt().orElse(""))
                    .containsExactly("Lo-fi", "Jazz");
            assertThat(outcome.followUps()).allSatisfy(f -> {
                assertThat(f.action()).isEqualTo(AssistantAction.CHAT);
                assertThat(f.isRequested()).isFalse();
                assertThat(f.option()).isPresent();
            });
            stubChat(text("Added Jazz music."));
            answered = assistant.perform(outcome.followUps().get(1));
            // a typed answer is not routed either: "export" here answers the question, it does not render
            stubChat(text("Which one?") + "data: {\"type\":\"tool_call\",\"name\":\"ask_question\",\"args\":{"
                    + "\"questions\":[{\"prompt\":\"Export now or later?\",\"options\":[\"Export now\","
                    + "\"Later\"]}]}}\n\n");
            assertThat(assistant.handle("add music").kind()).isEqualTo(AssistantOutcome.Kind.QUESTION);
            stubChat(text("OK."));
            assertThat(assistant.handle("Export now").display()).isEqualTo("OK.");
            verify(0, postRequestedFor(urlEqualTo(RENDER)));
            // once answered, routing is back: credits are read directly
            stubFor(get(CREDITS).willReturn(okJson("{\"code\":0,\"data\":{\"available\":7,\"frozen\":0,"
                    + "\"total\":7}}")));
            assertThat(assistant.handle("credits").kind()).isEqualTo(AssistantOutcome.Kind.CREDITS);
        }
        assertThat(answered.display()).isEqualTo("Added Jazz music.");
        verify(4, postRequestedFor(urlEqualTo("/run_sse")));
        verify(1, postRequestedFor(urlEqualTo("/run_sse")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.new_message.parts[0].text",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Jazz"))));
    }

    @Test
    void aLocalFileNamedInAnEditIsUploadedAndTheChatGetsOnlyItsName(WireMockRuntimeInfo wm) throws Exception {
        Path clip = mp4("clip.mp4");
        stubState(VIDEO);
        stubFor(post(UPLOAD).willReturn(okJson(UPLOADED)));
        stubChat(text("Added lo-fi music to clip.mp4."));
        AssistantOutcome outcome;
        try (NemoClient client = client(wm)) {
            outcome = assistant(client).handle("add lo-fi music to " + clip);
        }
        assertThat(outcome.all()).extracting(AssistantOutcome::kind).containsExactly(AssistantOutcome.Kind.UPLOADED,
                AssistantOutcome.Kind.TEXT);
        verify(1, postRequestedFor(urlEqualTo(UPLOAD)));
        verify(1, postRequestedFor(urlEqualTo("/run_sse")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.new_message.parts[0].text",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("add lo-fi music to clip.mp4"))));
    }
}
