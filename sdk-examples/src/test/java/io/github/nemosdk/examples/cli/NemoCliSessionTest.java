package io.github.nemosdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.testkit.NemoEmulator;
import io.github.nemosdk.testkit.SampleMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands sharing one emulator through --api-url: sessions live across runs, as with the real service. */
class NemoCliSessionTest {
    static NemoEmulator emulator;

    @TempDir
    static Path config;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = NemoEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static Cli cli() {
        return Cli.with(Map.of("NEMO_CONFIG_DIR", config.toString()));
    }

    static Cli.Result nemo(String... args) {
        return cli().run(withApi(args));
    }

    static String[] withApi(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--api-url";
        all[1] = emulator.baseUrl().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    /** A new session, made by {@code nemo chat} with no input. */
    static String newSession() {
        return nemo("--json", "chat").exits(0).jsonLines().get(0).get("session_id").asText();
    }

    private Path clip() {
        return SampleMedia.writeHorizontalMp4(dir.resolve("clip.mp4"));
    }

    @Test
    void sessionPrintsTheNewIdAloneForScriptsAndTheChatFindsIt() {
        Cli.Result r = nemo("session").exits(0);
        String sid = r.out.trim();
        assertThat(sid).matches("\\d+");
        assertThat(nemo("state", "--session", sid).exits(0).out).contains("Timeline");
        JsonNode json = nemo("session", "--json").exits(0).jsonLines().get(0);
        assertThat(json.get("command").asText()).isEqualTo("session");
        assertThat(json.get("session_id").asText()).matches("\\d+").isNotEqualTo(sid);
    }

    @Test
    void uploadChatStateAndExportOnOneSession() throws IOException {
        String sid = newSession();
        Cli.Result up = nemo("upload", "--session", sid, clip().toString(), "--no-progress").exits(0);
        assertThat(up.errLines().get(0)).isEqualTo("Using the Nemo API at " + emulator.baseUrl());
        assertThat(up.out).contains("Uploaded clip.mp4 (video, 2.0 s, 192x108) http://127.0.0.1:")
                .contains("Added to the timeline of session " + sid);

        Cli.Result chat = cli().stdin("add lo-fi music at 35% and fade it out\n").run(withApi("chat", "-s", sid))
                .exits(0);
        assertThat(chat.err).contains("Session " + sid + ". Type an instruction");
        assertThat(chat.out).contains("Timeline (2 tracks): 1. Video: clip (0-2s) 2. BGM: Lo-fi (0-2s, 35%)");

        Cli.Result state = nemo("state", "--session", sid).exits(0);
        assertThat(state.out).isEqualTo("Timeline (2 tracks): 1. Video: clip (0-2s) 2. BGM: Lo-fi (0-2s, 35%)\n"
                + "Canvas: 1920x1080\n"
                + "Ready for export: yes\n");

        Path out = dir.resolve("export.mp4");
        Cli.Result export = nemo("export", "--session", sid, "--out", out.toString(), "--no-progress").exits(0);
        assertThat(export.out).startsWith("Saved " + out + " (" + SampleMedia.horizontalMp4().length + " bytes, render_");
        assertThat(Files.readAllBytes(out)).isEqualTo(SampleMedia.horizontalMp4());

        Path vertical = dir.resolve("vertical.mp4");
        nemo("export", "--session", sid, "--out", vertical.toString(), "--vertical", "--no-progress").exits(0);
        assertThat(Files.readAllBytes(vertical)).isEqualTo(SampleMedia.verticalMp4());
    }

    @Test
    void jsonShapesOfUploadStateExportAndChat() {
        String sid = newSession();
        JsonNode up = nemo("--json", "upload", "--session", sid, clip().toString(),
                "https://example.com/media/song.mp3").exits(0).json();
        assertThat(up.get("command").asText()).isEqualTo("upload");
        assertThat(up.get("session_id").asText()).isEqualTo(sid);
        assertThat(up.get("state_applied").asBoolean()).isTrue();
        assertThat(up.get("files")).hasSize(2);
        JsonNode video = up.get("files").get(0);
        assertThat(video.get("filename").asText()).isEqualTo("clip.mp4");
        assertThat(video.get("kind").asText()).isEqualTo("video");
        assertThat(video.get("cdn_url").asText()).startsWith("http://127.0.0.1:");
        assertThat(video.get("duration_seconds").asDouble()).isEqualTo(2.0);
        assertThat(video.get("width").asInt()).isEqualTo(192);
        assertThat(video.get("height").asInt()).isEqualTo(108);
        assertThat(video.get("fps").asDouble()).isEqualTo(30.0);
        assertThat(video.get("hash").asText()).hasSize(64);
        assertThat(up.get("files").get(1).get("kind").asText()).isEqualTo("audio");

        JsonNode turn = cli().stdin("add jazz music at 20%\n").run(withApi("--json", "chat", "--session", sid))
                .exits(0).jsonLines().get(1);
        assertThat(turn.get("type").asText()).isEqualTo("turn");
        assertThat(turn.get("timeline_changed").asBoolean()).isTrue();

        JsonNode state = nemo("state", "--session", sid, "--json", "--draft").exits(0).json();
        assertThat(state.get("command").asText()).isEqualTo("state");
        assertThat(state.get("session_id").asText()).isEqualTo(sid);
        assertThat(state.get("ready_for_export").asBoolean()).isTrue();
        assertThat(state.get("timeline_summary").asText()).startsWith("Timeline (");
        JsonNode tracks = state.get("tracks");
        assertThat(tracks.size()).isGreaterThanOrEqualTo(2);
        assertThat(tracks.get(0).get("type").asText()).isEqualTo("video");
        assertThat(tracks.get(0).get("type_code").asInt()).isZero();
        assertThat(tracks.get(0).get("segments").asInt()).isEqualTo(1);
        assertThat(tracks.get(0).get("start_ms").asLong()).isZero();
        assertThat(tracks.get(0).get("end_ms").asLong()).isEqualTo(2000);
        assertThat(tracks.get(0).get("volume_percent").isNull()).isTrue();
        JsonNode bgm = tracks.get(1);
        assertThat(bgm.get("type").asText()).isEqualTo("audio");
        assertThat(bgm.has("label")).isTrue();
        assertThat(bgm.has("description")).isTrue();
        assertThat(state.get("videos").asInt()).isEqualTo(1);
        assertThat(state.get("canvas").get("width").asInt()).isEqualTo(1920);
        assertThat(state.get("canvas").get("height").asInt()).isEqualTo(1080);
        assertThat(state.get("draft").get("t").isArray()).isTrue();

        Path out = dir.resolve("e.mp4");
        JsonNode export = nemo("--json", "export", "-s", sid, "-o", out.toString()).exits(0).json();
        assertThat(export.get("command").asText()).isEqualTo("export");
        assertThat(export.get("session_id").asText()).isEqualTo(sid);
        assertThat(export.get("render_id").asText()).startsWith("render_");
        assertThat(export.get("renders").asInt()).isEqualTo(1);
        assertThat(export.get("vertical").asBoolean()).isFalse();
        assertThat(export.get("output").asText()).isEqualTo(out.toString());
        assertThat(export.get("output_bytes").asLong()).isEqualTo(SampleMedia.horizontalMp4().length);
    }

    @Test
    void uploadProgressIsABarInATerminalAndPlainLinesWhenPiped() {
        String sid = newSession();
        Path clip = clip();
        Cli.Result bar = cli().run(withApi("upload", "-s", sid, clip.toString(), "--progress=bar")).exits(0);
        assertThat(bar.err).contains("\rupload ").contains("100%").contains("KiB").contains("\u2588");
        assertThat(bar.out).doesNotContain("\r").doesNotContain("upload ");

        Cli.Result auto = Cli.with(Map.of("NEMO_CONFIG_DIR", config.toString(), "COLUMNS", "100")).terminal(true)
                .run(withApi("upload", "-s", sid, clip.toString())).exits(0);
        assertThat(auto.err).contains("\rupload ").contains("\u2588");

        Cli.Result plain = cli().run(withApi("upload", "-s", sid, clip.toString(), "--progress=plain")).exits(0);
        List<String> lines = plain.errLines().stream().filter(l -> l.startsWith("upload")).collect(
                Collectors.toList());
        assertThat(lines).isNotEmpty().allMatch(l -> l.matches("upload [0-9]{1,3}%")).last()
                .isEqualTo("upload 100%");
        assertThat(plain.err).doesNotContain("\r").doesNotContain("\u2588");

        Cli.Result piped = cli().terminal(false).run(withApi("upload", "-s", sid, clip.toString())).exits(0);
        assertThat(piped.err).contains("upload 100%\n").doesNotContain("\r");

        Cli.Result none = cli().terminal(true).run(withApi("upload", "-s", sid, clip.toString(), "--no-progress"))
                .exits(0);
        assertThat(none.err).doesNotContain("upload ");
    }

    @Test
    void renderProgressIsABarInATerminalAndPlainLinesWhenPiped() {
        String sid = newSession();
        nemo("upload", "-s", sid, clip().toString(), "--no-progress").exits(0);
        Cli.Result bar = cli().run(withApi("export", "-s", sid, "-o", dir.resolve("a.mp4").toString(),
                "--progress", "bar")).exits(0);
        assertThat(bar.err).contains("\rrender ").contains("100%").contains("Rendering 100%").contains("\u2588");
        assertThat(bar.out).startsWith("Saved ");

        Cli.Result plain = cli().run(withApi("export", "-s", sid, "-o", dir.resolve("b.mp4").toString(),
                "--progress", "plain")).exits(0);
        List<String> lines = plain.errLines().stream()
                .filter(l -> l.startsWith("Render") || l.startsWith("Waiting")).collect(Collectors.toList());
        assertThat(lines).allMatch(l -> l.matches("Waiting to render|Rendering [0-9]{1,3}%"))
                .contains("Rendering 100%");
        assertThat(lines).anyMatch(l -> l.matches("Rendering [0-9]{1,2}%"));
        assertThat(plain.err).doesNotContain("\r");
    }

    @Test
    void chatShowsStillWorkingLinesDuringALongTurn() {
        try (NemoEmulator slow = NemoEmulator.builder().turnDuration(Duration.ofMillis(600)).start()) {
            Cli.Result r = Cli.with(Map.of("NEMO_CONFIG_DIR", config.toString()))
                    .settings(b -> b.chatSettings(ChatSettings.builder()
                            .stillWorkingInterval(Duration.ofMillis(150)).build()))
                    .stdin("add lo-fi music\n")
                    .run("--api-url", slow.baseUrl().toString(), "chat").exits(0);
            assertThat(r.err).contains("\u23f3 Still working\u2026 (");
            assertThat(r.out).doesNotContain("Still working").contains("Timeline (1 track)");
        }
    }

    @Test
    void theAssistantsQuestionIsListedAndAnsweredWithOptionNumbers() {
        String sid = newSession();
        Cli.Result chat = cli().stdin("add music at 40%, let me choose the style\n2, 2\n")
                .run(withApi("chat", "-s", sid)).exits(0);
        assertThat(chat.out).contains("A couple of choices before I add the music.\n"
                + "? Which style of music should I add?\n  1. Lo-fi\n  2. Jazz\n  3. Upbeat\n  4. Cinematic\n"
                + "  5. Trending\n? Should the music fade? (one or more)\n  1. Fade in\n  2. Fade out\n");
        assertThat(chat.err).contains("Answer with the option numbers, one per question (e.g. \"1, 1\")");
        // "2, 2" was sent as "Jazz, Fade out"
        assertThat(emulator.requests().stream().filter(r -> r.path().equals("/run_sse"))
                .map(io.github.nemosdk.testkit.RecordedRequest::body)).last().asString()
                .contains("\"text\":\"Jazz, Fade out\"");
        assertThat(nemo("state", "--session", sid).exits(0).out)
                .startsWith("Timeline (1 track): 1. BGM: Jazz (0-10s, 40%)");

        JsonNode turn = cli().stdin("add music, let me choose the style\n")
                .run(withApi("--json", "chat", "--session", newSession())).exits(0).jsonLines().get(1);
        assertThat(turn.get("questions")).hasSize(2);
        assertThat(turn.get("questions").get(0).get("options").get(1).get("label").asText()).isEqualTo("Jazz");
        assertThat(turn.get("questions").get(1).get("allow_multiple").asBoolean()).isTrue();
        assertThat(turn.get("silent").asBoolean()).isFalse();
    }

    @Test
    void optionNumbersBecomeLabelsOnlyWhenTheyFitTheQuestions() {
        java.util.List<io.github.nemosdk.chat.ChatQuestion> asked = java.util.List.of(
                io.github.nemosdk.chat.ChatQuestion.of("s", "Style?", java.util.List.of(
                        io.github.nemosdk.chat.ChatQuestion.Option.of("a", "Lo-fi"),
                        io.github.nemosdk.chat.ChatQuestion.Option.of("b", "Jazz")), false),
                io.github.nemosdk.chat.ChatQuestion.of("f", "Fades?", java.util.List.of(
                        io.github.nemosdk.chat.ChatQuestion.Option.of("i", "Fade in"),
                        io.github.nemosdk.chat.ChatQuestion.Option.of("o", "Fade out")), true));
        assertThat(ChatCommand.answer("2", asked)).isEqualTo("Jazz");
        assertThat(ChatCommand.answer("1, 1+2", asked)).isEqualTo("Lo-fi, Fade in, Fade out");
        assertThat(ChatCommand.answer("3", asked)).as("no such option").isEqualTo("3");
        assertThat(ChatCommand.answer("1+2", asked)).as("one choice only").isEqualTo("1+2");
        assertThat(ChatCommand.answer("jazz please", asked)).isEqualTo("jazz please");
        assertThat(ChatCommand.answer("2", java.util.List.of())).as("nothing was asked").isEqualTo("2");
    }
}
