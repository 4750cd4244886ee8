package io.github.nemosdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.testkit.SampleMedia;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI without NEMO_API_URL: every run starts its own embedded emulator. */
class NemoCliEmbeddedTest {
    static final String EMBEDDED = "NEMO_API_URL is not set: using the embedded Nemo emulator at http://127.0.0.1:";

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("NEMO_CONFIG_DIR", dir.resolve("config").toString());
    }

    private Path sample(String name) {
        return SampleMedia.writeHorizontalMp4(dir.resolve(name));
    }

    @Test
    void addMusicRunsTheQuickEditAndSaysItUsesTheEmbeddedEmulatorFirst() throws IOException {
        Path clip = sample("clip.mp4");
        Path out = dir.resolve("out.mp4");
        Cli.Result r = Cli.with(env()).run("add-music", clip.toString(), "--prompt", "add lo-fi music at 35% and"
                + " fade it out", "--out", out.toString(), "--progress=plain").exits(0);
        assertThat(r.errLines().get(0)).startsWith(EMBEDDED);
        assertThat(r.err).contains("session created: Session ", "uploaded: Uploaded clip.mp4",
                "confirmed: Added BGM: Lo-fi", "rendering: Rendering 100%", "done: Saved ");
        assertThat(r.errLines()).filteredOn(l -> l.contains("rendering: "))
                .allMatch(l -> l.matches(".*rendering: (Waiting to render|Rendering \\d{1,3}%)"),
                        "render progress lines");
        assertThat(r.out).contains("Timeline (2 tracks): 1. Video: clip (0-2s) 2. BGM: Lo-fi (0-2s, 35%)")
                .contains("Saved " + out + " (");
        assertThat(Files.readAllBytes(out)).isEqualTo(SampleMedia.horizontalMp4());
        assertThat(dir.resolve("config").resolve("client_id")).exists();
    }

    @Test
    void addMusicAsJsonPrintsOneObjectAndKeepsProgressOnStandardError() {
        Path clip = sample("clip.mp4");
        Path out = dir.resolve("tiktok.mp4");
        Cli.Result r = Cli.with(env()).run("--json", "add-music", clip.toString(), "-p", "add upbeat music",
                "-o", out.toString(), "--product", "tiktok-add-music", "--progress", "bar").exits(0);
        JsonNode j = r.json();
        assertThat(j.get("command").asText()).isEqualTo("add-music");
        assertThat(j.get("emulated").asBoolean()).isTrue();
        assertThat(j.get("api_url").asText()).startsWith("http://127.0.0.1:");
        assertThat(j.get("product").asText()).isEqualTo("tiktok-add-music");
        assertThat(j.get("input").asText()).isEqualTo(clip.toString());
        assertThat(j.get("instruction").asText()).isEqualTo("add upbeat music");
        assertThat(j.get("session_id").asText()).matches("[0-9]+");
        assertThat(j.get("change").asText()).startsWith("Added BGM: Upbeat");
        assertThat(j.get("timeline_summary").asText()).startsWith("Timeline (2 tracks)");
        assertThat(j.get("render_id").asText()).startsWith("render_");
        assertThat(j.get("vertical").asBoolean()).isTrue();
        assertThat(j.get("output").asText()).isEqualTo(out.toString());
        assertThat(j.get("output_bytes").asLong()).isEqualTo(SampleMedia.verticalMp4().length);
        assertThat(j.has("reply")).isTrue();
        assertThat(r.err).startsWith("NEMO_API_URL is not set").contains("add-music", "\r");
        assertThat(r.out).doesNotContain("\r").doesNotContain("NEMO_API_URL");
    }

    @Test
    void sampleWritesTheClipAndRefusesToOverwriteWithoutForce() throws IOException {
        Path clip = dir.resolve("clip.mp4");
        Cli.Result r = Cli.with(env()).run("sample", "--out", clip.toString()).exits(0);
        assertThat(r.out).startsWith("Wrote " + clip + " (").contains("nemo add-music");
        assertThat(r.err).isEmpty(); // no connection needed
        assertThat(Files.readAllBytes(clip)).isEqualTo(SampleMedia.horizontalMp4());

        Cli.Result again = Cli.with(env()).run("--json", "sample", "--out", clip.toString(), "--vertical").exits(3);
        assertThat(again.json().get("error").get("message").asText()).contains("already exists", "--force");

        JsonNode j = Cli.with(env()).run("--json", "sample", "-o", clip.toString(), "--vertical", "--force")
                .exits(0).json();
        assertThat(j.get("command").asText()).isEqualTo("sample");
        assertThat(j.get("output").asText()).isEqualTo(clip.toString());
        assertThat(j.get("width").asInt()).isEqualTo(108);
        assertThat(j.get("height").asInt()).isEqualTo(192);
        assertThat(j.get("vertical").asBoolean()).isTrue();
        assertThat(j.get("output_bytes").asLong()).isEqualTo(SampleMedia.verticalMp4().length);
    }

    @Test
    void chatStreamsRepliesAndShowsTheTimelineAfterSilentEdits() {
        String input = "add lo-fi music at 35% and fade it out\nadd a title \"Urban Dreams\"\nstatus\nquit\n";
        Cli.Result r = Cli.with(env()).stdin(input).run("chat").exits(0);
        assertThat(r.errLines().get(0)).startsWith(EMBEDDED);
        assertThat(r.errLines().get(1)).matches("Created session [0-9]+\\. Type an instruction, 'status' or"
                + " 'quit'\\.");
        assertThat(r.out).contains("Added Lo-fi background music at 35% volume.")
                .contains("Timeline (1 track): 1. BGM: Lo-fi (0-10s, 35%)")
                // the emulator's title edit is silent: the change and the timeline are shown instead of text
                .contains("Updated: Added Title: \"Urban Dreams\" (0-3s)\n"
                        + "Timeline (2 tracks): 1. BGM: Lo-fi (0-10s, 35%) 2. Title: \"Urban Dreams\" (0-3s)\n");
        assertThat(r.err.trim()).endsWith("Bye.");
    }

    @Test
    void chatAsJsonPrintsTheSessionThenOneObjectPerLine() {
        String input = "add lo-fi music at 35% and fade it out\nadd a title \"Urban Dreams\"\nstatus\n";
        Cli.Result r = Cli.with(env()).stdin(input).run("chat", "--json").exits(0);
        List<JsonNode> lines = r.jsonLines();
        assertThat(lines).hasSize(4);
        JsonNode session = lines.get(0);
        assertThat(session.get("type").asText()).isEqualTo("session");
        assertThat(session.get("created").asBoolean()).isTrue();
        String sid = session.get("session_id").asText();
        assertThat(sid).matches("[0-9]+");
        assertThat(session.get("timeline_summary").asText()).isEqualTo("Timeline (0 tracks): empty");

        JsonNode talk = lines.get(1);
        assertThat(talk.get("type").asText()).isEqualTo("turn");
        assertThat(talk.get("session_id").asText()).isEqualTo(sid);
        assertThat(talk.get("prompt").asText()).isEqualTo("add lo-fi music at 35% and fade it out");
        assertThat(talk.get("reply").asText()).startsWith("Added Lo-fi background music");
        assertThat(talk.get("silent").asBoolean()).isFalse();
        assertThat(talk.get("timeline_changed").asBoolean()).isTrue();
        assertThat(talk.get("tool_calls")).isNotEmpty();
        assertThat(talk.get("gui_hints").isArray()).isTrue();

        JsonNode silent = lines.get(2);
        assertThat(silent.get("silent").asBoolean()).isTrue();
        assertThat(silent.get("change").asText()).isEqualTo("Added Title: \"Urban Dreams\" (0-3s)");
        assertThat(silent.get("reply").asText()).isEqualTo("Added Title: \"Urban Dreams\" (0-3s)");

        JsonNode state = lines.get(3);
        assertThat(state.get("type").asText()).isEqualTo("state");
        assertThat(state.get("ready_for_export").asBoolean()).isTrue();
        assertThat(state.get("timeline_summary").asText()).startsWith("Timeline (2 tracks)");
        assertThat(r.out).doesNotContain("Still working").doesNotContain("Created session");
    }

    @Test
    void creditsWithAnEmptyEnvironmentUseATemporaryConfigDirectory() {
        Cli.Result r = Cli.with(Map.of()).run("credits").exits(0);
        assertThat(r.errLines().get(0)).startsWith(EMBEDDED);
        assertThat(r.out).isEqualTo("Credits: 100 available, 0 reserved, 100 total\n");
        JsonNode j = Cli.with(Map.of()).run("credits", "--json").exits(0).json();
        assertThat(j.get("command").asText()).isEqualTo("credits");
        assertThat(j.get("available").asLong()).isEqualTo(100);
        assertThat(j.get("frozen").asLong()).isZero();
        assertThat(j.get("total").asLong()).isEqualTo(100);
    }

    @Test
    void batchEditsEveryClipAndReportsEachFailure() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        sample("in/beach.mp4");
        sample("in/city.mp4");
        Files.write(in.resolve("broken.mp4"), "not a video".getBytes(StandardCharsets.UTF_8));
        Files.write(in.resolve("notes.txt"), "skip me".getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("out");

        Cli.Result r = Cli.with(env()).run("--json", "batch", in.toString(), "--prompt", "add upbeat music at 40%",
                "--out-dir", out.toString(), "--concurrency", "3", "--no-progress").exits(3);
        JsonNode j = r.json();
        assertThat(j.get("command").asText()).isEqualTo("batch");
        assertThat(j.get("succeeded").asInt()).isEqualTo(2);
        assertThat(j.get("failed").asInt()).isEqualTo(1);
        assertThat(j.get("exit_code").asInt()).isEqualTo(3);
        assertThat(j.get("items")).hasSize(3);
        JsonNode broken = j.get("items").get(1);
        assertThat(broken.get("input").asText()).endsWith("broken.mp4");
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("error").get("type").asText()).isEqualTo("InvalidUploadException");
        assertThat(broken.get("error").get("exit_code").asInt()).isEqualTo(3);
        JsonNode beach = j.get("items").get(0);
        assertThat(beach.get("ok").asBoolean()).isTrue();
        assertThat(beach.get("output").asText()).isEqualTo(out.resolve("beach-music.mp4").toString());
        assertThat(beach.get("session_id").asText()).matches("[0-9]+");
        assertThat(beach.get("change").asText()).startsWith("Added BGM");
        assertThat(out.resolve("city-music.mp4")).exists();
        assertThat(r.err).contains("Skipping notes.txt");

        Files.delete(in.resolve("broken.mp4"));
        Cli.Result ok = Cli.with(env()).run("batch", in.toString(), "-p", "add upbeat music", "--out-dir",
                out.toString(), "--progress=plain").exits(0);
        assertThat(ok.out).contains("ok      beach.mp4 -> ", "ok      city.mp4 -> ", "2 succeeded, 0 failed");
        assertThat(ok.err).contains("beach.mp4 done: Saved ", "city.mp4 confirmed: Added BGM");

        // with a journal, the same command run again skips what is done and sends nothing
        Path journal = in.getParent().resolve("batch.journal");
        Cli.with(env()).run("batch", in.toString(), "-p", "add upbeat music", "--out-dir", out.toString(),
                "--journal", journal.toString()).exits(0);
        JsonNode again = Cli.with(env()).run("--json", "batch", in.toString(), "-p", "add upbeat music",
                "--out-dir", out.toString(), "--journal", journal.toString()).exits(0).json();
        assertThat(again.get("items")).allSatisfy(item -> {
            assertThat(item.get("status").asText()).isEqualTo("skipped");
            assertThat(item.get("change").isNull()).isTrue();
        });
    }

    @Test
    void emulatorCommandPrintsItsUrlAndStops() {
        JsonNode j = Cli.with(env()).run("--json", "emulator", "--stop-after", "0.1").exits(0).json();
        assertThat(j.get("command").asText()).isEqualTo("emulator");
        assertThat(j.get("api_url").asText()).startsWith("http://127.0.0.1:");
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Cli.Result r = Cli.with(env()).run("--help").exits(0);
        assertThat(r.out).contains("add-music", "chat", "upload", "export", "credits", "state", "batch", "sample",
                "--json", "--api-url", "--no-progress", "--progress=MODE", "Exit codes:", "0   ok",
                "2   usage error", "3   invalid input", "5   credits or plan", "6   rate limited",
                "7   session not found", "9   network or timeout", "10   server error", "130   stopped by Ctrl-C",
                "143   stopped by a kill");
        assertThat(Cli.with(env()).run("export", "--help").exits(0).out).contains("--session=ID", "--vertical",
                "Exit codes:", "8   render or download failed");
        assertThat(Cli.with(env()).run("--version").exits(0).out).startsWith("nemo ");
    }

    @Test
    void stillWorkingLinesAreShownDuringLongTurns() {
        assertThat(ChatCommand.stillWorking(ChatEvent.StillWorking.of(Duration.ofMinutes(2))))
                .isEqualTo("\u23f3 Still working\u2026 (120 s)");
    }
}
