package io.github.nemosdk.assistant;

import static io.github.nemosdk.assistant.AssistantAction.CHAT;
import static io.github.nemosdk.assistant.AssistantAction.CREDITS;
import static io.github.nemosdk.assistant.AssistantAction.EXPORT;
import static io.github.nemosdk.assistant.AssistantAction.STATE;
import static io.github.nemosdk.assistant.AssistantAction.UPLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The products' request router ("Matching Input to Actions"), without any HTTP. */
class UtteranceRouterTest {
    private final UtteranceRouter router = UtteranceRouter.defaults();

    private void assertDirect(String utterance, AssistantAction action) {
        Route route = router.route(utterance);
        assertThat(route.steps()).as("%s → %s", utterance, route.reason()).containsExactly(action);
        assertThat(route.isDirect()).isTrue();
        assertThat(route.chatPrompt()).isEmpty();
    }

    private void assertChat(String utterance) {
        Route route = router.route(utterance);
        assertThat(route.steps()).as("%s → %s", utterance, route.reason()).containsExactly(CHAT);
        assertThat(route.offered()).isEmpty();
        assertThat(route.chatPrompt()).contains(utterance.strip());
    }

    // --- every phrase of the seeds' table, in several sentence forms ---

    @ParameterizedTest
    @ValueSource(strings = {"export", "Export", "EXPORT!", "please export the video", "Export the video, please.",
        "export it now", "can you export?", "ok, export", "ＥＸＰＯＲＴ", "帮我export一下",
        "download", "Download it", "download the mp4", "can I download the video?",
        "send me the video", "Send me the video please", "can you send me the video?", "ok send me the video!",
        "导出", "导出视频", "帮我导出", "把视频发给我", "把导出的视频发给我", "start the export", "Export the final cut", "请导出视频。", "现在导出吧", "可以导出吗？", "下载视频",
        "特别想导出一个版本", "no music, just export", "don't add anything, just export", "export, don't change anything"})
    void exportPhrasesExportWithoutTheChatBackend(String utterance) {
        assertDirect(utterance, EXPORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"credits", "Credits?", "how many credits do I have?", "How much credit do I have left", "check my credits",
        "balance", "what's my balance?", "what\u2019s my balance", "show balance",
        "积分", "我还有多少积分", "查积分", "余额", "余额多少", "查一下余额", "余额还有多少？"})
    void creditsPhrasesReadTheBalance(String utterance) {
        assertDirect(utterance, CREDITS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "Status?", "what's the status", "show tracks", "Show tracks please",
        "show the tracks", "show me the tracks", "status of the export?", "状态", "查看状态", "当前状态"})
    void statePhrasesShowTheTimeline(String utterance) {
        assertDirect(utterance, STATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"upload /path/clip.mp4", "上传 /path/clip.mp4", "Upload /path/clip.mp4 please",
        "please upload /path/clip.mp4.", "上传/path/clip.mp4", "上传：/path/clip.mp4", "upload \"/path/clip.mp4\""})
    void uploadWithAPathUploadsThatFile(String utterance) {
        Route route = router.route(utterance);
        assertThat(route.steps()).as(route.reason()).containsExactly(UPLOAD);
        assertThat(route.files()).containsExactly(Paths.get("/path/clip.mp4"));
        assertThat(route.urls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"upload https://example.com/a.mp4", "上传 https://example.com/a.mp4",
        "上传https://example.com/a.mp4", "https://example.com/a.mp4", "  https://example.com/a.mp4  ",
        "<https://example.com/a.mp4>", "upload https://example.com/a.mp4, please"})
    void uploadWithAUrlOrABareUrlUploadsTheUrl(String utterance) {
        Route route = router.route(utterance);
        assertThat(route.steps()).as(route.reason()).containsExactly(UPLOAD);
        assertThat(route.urls()).containsExactly(URI.create("https://example.com/a.mp4"));
        assertThat(route.files()).isEmpty();
    }

    @Test
    void anUtteranceThatIsOnlyFilesIsAnUpload() {
        assertThat(router.route("/path/clip.mp4").files()).containsExactly(Paths.get("/path/clip.mp4"));
        assertThat(router.route("/path/clip.mp4").steps()).containsExactly(UPLOAD);
        assertThat(router.route("\"/Users/me/My Videos/clip one.mp4\"").files())
                .containsExactly(Paths.get("/Users/me/My Videos/clip one.mp4"));
        assertThat(router.route("clip.mp4").files()).containsExactly(Paths.get("clip.mp4"));
        assertThat(router.route("~/videos/clip.mov").files())
                .containsExactly(Paths.get(System.getProperty("user.home"), "videos/clip.mov"));
        Route two = router.route("/a/intro.mp4 /a/song.mp3, https://example.com/b.mp4");
        assertThat(two.steps()).containsExactly(UPLOAD);
        assertThat(two.files()).containsExactly(Paths.get("/a/intro.mp4"), Paths.get("/a/song.mp3"));
        assertThat(two.urls()).containsExactly(URI.create("https://example.com/b.mp4"));
        assertThat(router.route("上传 我的视频.mp4").files()).containsExactly(Paths.get("我的视频.mp4"));
    }

    @Test
    void aPathThatContainsAnActionWordIsStillOnlyAFile() {
        Route route = router.route("/exports/downloads/status.mp4");
        assertThat(route.steps()).containsExactly(UPLOAD);
        assertThat(router.route("upload /exports/balance.mp4").steps()).containsExactly(UPLOAD);
    }

    // --- what must not match ---

    @ParameterizedTest
    @ValueSource(strings = {"don't export yet", "do not download anything", "先不要导出", "never export without asking",
        "I'll export later", "not yet", "not yet, I'll export later", "cancel the export", "stop the download",
        "别导出", "不用导出", "暂时不要导出", "稍后再导出", "不要下载", "don\u2019t send me the video",
        "the exported file looked odd, add music", "make the balance of the mix better",
        "upload speed is slow, just add music", "downloads folder is full", "export-ready version please",
        "how do I export?", "why can't I download it?", "what does export do?", "怎么导出？", "为什么不能下载",
        "add end credits", "balance the audio levels", "white balance looks off", "I want to upload a video",
        "upload", "上传", "add lo-fi music at 35% and fade it out", "make it vertical 9:16",
        "导出的视频没有声音", "我已经导出了", "导出了吗", "the export has no sound", "is the export done?",
        "download the song from https://example.com/song.mp3 and add it", "give credit to the artist in the title",
        "use 24/7 radio vibes and/or lo-fi"})
    void negatedQuestionedAndLookAlikeUtterancesGoToChat(String utterance) {
        assertChat(utterance);
    }

    @Test
    void theReasonSaysWhyAPhraseDidNotCount() {
        assertThat(router.route("don't export yet").reason()).contains("\"export\"").contains("\"don't\"");
        assertThat(router.route("how do I export?").reason()).contains("question");
        assertThat(router.route("upload please").reason()).contains("no file or URL");
        assertThat(router.route("add music").reason()).contains("No action phrase");
    }

    // --- an edit together with an action ---

    @ParameterizedTest
    @ValueSource(strings = {"add music and export", "add lo-fi music, then send me the video",
        "加音乐然后导出", "先加音乐再导出", "fade out the music and download it"})
    void anEditWithExportChatsAndOnlyOffersTheExport(String utterance) {
        Route route = router.route(utterance);
        assertThat(route.steps()).as(route.reason()).containsExactly(CHAT);
        assertThat(route.offered()).containsExactly(EXPORT);
        assertThat(route.chatPrompt()).contains(utterance);
        assertThat(route.reason()).contains("offered");
    }

    @Test
    void anEditWithReadOnlyActionsChatsFirstThenReads() {
        assertThat(router.route("add music and show tracks").steps()).containsExactly(CHAT, STATE);
        assertThat(router.route("换一首音乐，然后看看余额").steps()).containsExactly(CHAT, CREDITS);
        assertThat(router.route("add music and show tracks").offered()).isEmpty();
    }

    @Test
    void anUploadWithAnEditUploadsFirstAndSendsTheFileNameNotTheDirectory() {
        Route route = router.route("upload /home/me/private/clip.mp4 and add lo-fi music");
        assertThat(route.steps()).containsExactly(UPLOAD, CHAT);
        assertThat(route.files()).containsExactly(Paths.get("/home/me/private/clip.mp4"));
        assertThat(route.chatPrompt()).contains("upload clip.mp4 and add lo-fi music");
    }

    @Test
    void aLocalFileNamedInAnEditIsUploadedFirstAndTheEditNamesItWithoutItsPath() {
        Route song = router.route("add /music/song.mp3 to the intro");
        assertThat(song.steps()).containsExactly(UPLOAD, CHAT);
        assertThat(song.files()).containsExactly(Paths.get("/music/song.mp3"));
        assertThat(song.chatPrompt()).contains("add song.mp3 to the intro");

        Route beach = router.route("add music to ~/clips/beach.mp4");
        assertThat(beach.steps()).containsExactly(UPLOAD, CHAT);
        assertThat(beach.chatPrompt()).hasValue("add music to beach.mp4");
        assertThat(beach.reason()).contains("uploaded first");

        Route exportToo = router.route("add music to ~/clips/beach.mp4 and export");
        assertThat(exportToo.steps()).containsExactly(UPLOAD, CHAT);
        assertThat(exportToo.offered()).containsExactly(EXPORT);
        assertThat(exportToo.chatPrompt()).hasValue("add music to beach.mp4 and export");
    }

    @Test
    void aUrlInsideAChatMessageStaysInItsTextAndIsNotUploaded() {
        Route route = router.route("add the song from https://example.com/song.mp3 to the intro");
        assertThat(route.steps()).containsExactly(CHAT);
        assertThat(route.urls()).isEmpty();
        assertThat(route.chatPrompt()).hasValue("add the song from https://example.com/song.mp3 to the intro");
    }

    @ParameterizedTest
    @ValueSource(strings = {"send me the video when it's ready", "export it when you're done",
        "when you're done export it", "Send me the video when you have finished, please",
        "download it where I can find it"})
    void aRequestWithATimeOrPlaceIsStillAnExport(String utterance) {
        assertDirect(utterance, EXPORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"when will the export be ready?", "where is my download?", "when can I download it",
        "where do I download the video?", "where's my export?", "when's the download ready?", "导出怎么用",
        "下载在哪里", "导出为什么失败"})
    void questionsAboutTheExportGoToChatWhereverTheQuestionWordStands(String utterance) {
        assertChat(utterance);
    }

    @ParameterizedTest
    @ValueSource(strings = {"don't upload ~/clips/raw.mp4, just add music", "how do I upload ~/a.mp4?",
        "make it /slow-mo please", "use /Users/me/logo.svg as the cover"})
    void nothingIsUploadedWhenTheUserSaidNotToOrNamedNoMedia(String utterance) {
        Route route = router.route(utterance);
        assertThat(route.steps()).as(route.reason()).containsExactly(CHAT);
        assertThat(route.files()).isEmpty();
        assertThat(route.chatPrompt()).hasValue(utterance);
    }

    @Test
    void severalActionsWithoutAnEditRunInTheOrderSaid() {
        assertThat(router.route("show tracks and credits").steps()).containsExactly(STATE, CREDITS);
        assertThat(router.route("check my balance, then export").steps()).containsExactly(CREDITS, EXPORT);
        assertThat(router.route("upload /a/clip.mp4 then export").steps()).containsExactly(UPLOAD, EXPORT);
        assertThat(router.route("export and export again").steps()).containsExactly(EXPORT);
    }

    @Test
    void blankUtterancesAreRefused() {
        assertThatThrownBy(() -> router.route("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDefaultActionPhraseRoutesToItsActionOnItsOwn() {
        PhraseTable table = PhraseTable.defaults();
        for (AssistantAction action : List.of(EXPORT, CREDITS, STATE)) {
            for (String phrase : table.phrases(action)) {
                assertThat(router.route(phrase).steps()).as(phrase).containsExactly(action);
            }
        }
        for (String phrase : table.phrases(UPLOAD)) {
            assertThat(router.route(phrase + " /v/clip.mp4").steps()).as(phrase).containsExactly(UPLOAD);
        }
    }
}
