package io.github.nemosdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.testkit.Endpoint;
import io.github.nemosdk.testkit.Fault;
import io.github.nemosdk.testkit.NemoEmulator;
import io.github.nemosdk.testkit.RecordedRequest;
import io.github.nemosdk.testkit.SampleMedia;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error class gets its exit code and a one-line message; with --json an {"error":{…}} object. */
class NemoCliErrorsTest {
    @TempDir
    Path dir;

    NemoEmulator emulator;

    @BeforeEach
    void start() {
        emulator = NemoEmulator.start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Map<String, String> env() {
        return Map.of("NEMO_CONFIG_DIR", dir.resolve("config").toString());
    }

    private Cli.Result nemo(String... args) {
        return Cli.with(env()).settings(b -> b.maxAttempts(1)).run(withApi(args));
    }

    private String[] withApi(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--api-url";
        all[1] = emulator.baseUrl().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    private String newSession() {
        return nemo("--json", "chat").exits(0).jsonLines().get(0).get("session_id").asText();
    }

    private Path textPretendingToBeMp4() throws IOException {
        return Files.write(dir.resolve("fake.mp4"), "just some text\n".getBytes(StandardCharsets.UTF_8));
    }

    /** The error object, checking the shape shared by every error. */
    private static JsonNode error(Cli.Result r, String type, int code) {
        JsonNode root = r.json();
        assertThat(root.fieldNames()).toIterable().containsExactly("error");
        JsonNode e = root.get("error");
        assertThat(e.get("type").asText()).isEqualTo(type);
        assertThat(e.get("exit_code").asInt()).isEqualTo(code);
        assertThat(e.get("message").asText()).isNotBlank().doesNotContain("\n");
        assertThat(r.err).contains("error: " + e.get("message").asText() + "\n");
        return e;
    }

    @Test
    void aTextFileNamedMp4IsInvalidInput() throws IOException {
        Path fake = textPretendingToBeMp4();
        String sid = newSession();
        Cli.Result human = nemo("upload", "--session", sid, fake.toString()).exits(ExitCodes.INVALID_INPUT);
        assertThat(human.out).isEmpty();
        assertThat(human.errLines()).last().asString().startsWith("error: Cannot upload fake.mp4: its content is not"
                + " MP4 data");
        JsonNode e = error(nemo("--json", "upload", "-s", sid, fake.toString()).exits(3), "InvalidUploadException", 3);
        assertThat(e.get("reason").asText()).isEqualTo("content_mismatch");

        // the quick edit checks the clip before creating a session, embedded emulator or not
        Cli.Result quick = Cli.with(env()).run("--json", "add-music", fake.toString(), "-p", "add music", "-o",
                dir.resolve("o.mp4").toString()).exits(3);
        error(quick, "InvalidUploadException", 3);
        assertThat(quick.errLines().get(0)).startsWith(NemoCliEmbeddedTest.EMBEDDED);

        error(nemo("--json", "upload", "-s", sid, dir.resolve("missing.mp4").toString()).exits(3),
                "InvalidUploadException", 3);
    }

    @Test
    void aDeletedSessionIsNotFound() {
        String sid = newSession();
        emulator.deleteSession(sid);
        Cli.Result human = nemo("state", "--session", sid).exits(ExitCodes.SESSION_NOT_FOUND);
        assertThat(human.err).contains("error: Session " + sid + " was not found")
                .contains("Create a new session with 'nemo session'").doesNotContain("client.", "(...)");
        assertThat(human.err).doesNotContain("hint:"); // the hint is for the embedded emulator only
        JsonNode e = error(nemo("--json", "state", "--session", sid).exits(7), "SessionNotFoundException", 7);
        assertThat(e.get("api_code").asInt()).isEqualTo(1002);
        assertThat(e.get("request_id").asText()).isNotBlank();
        assertThat(e.get("http_status").asInt()).isEqualTo(200);
        nemo("export", "--session", sid, "--out", dir.resolve("x.mp4").toString()).exits(7);
        Cli.Result chat = Cli.with(env()).stdin("add music\n").run(withApi("--json", "chat", "--session", sid))
                .exits(7);
        error(chat, "SessionNotFoundException", 7);

        Cli.Result embedded = Cli.with(env()).run("state", "--session", "123").exits(7);
        assertThat(embedded.err).contains("hint: the embedded emulator starts empty on every run");
    }

    @Test
    void outOfCreditsIsTheCreditsCode() {
        nemo("credits").exits(0);
        emulator.setCredits(lastToken(), 0, 0);
        assertThat(nemo("credits").exits(0).out).contains("Credits: 0 available");

        Path clip = SampleMedia.writeHorizontalMp4(dir.resolve("clip.mp4"));
        Cli.Result r = nemo("--json", "add-music", clip.toString(), "--prompt", "add lo-fi music", "--out",
                dir.resolve("out.mp4").toString(), "--no-progress").exits(ExitCodes.CREDITS);
        JsonNode e = error(r, "InsufficientCreditsException", 5);
        assertThat(e.get("api_code").asInt()).isEqualTo(2001);
        assertThat(e.get("message").asText()).startsWith("Out of credits.");
        assertThat(dir.resolve("out.mp4")).doesNotExist();

        String sid = newSession();
        Cli.Result chat = Cli.with(env()).stdin("add lo-fi music\nstatus\n").run(withApi("chat", "-s", sid))
                .exits(5);
        assertThat(chat.err).contains("error: Out of credits.");
        assertThat(chat.out).contains("Timeline (0 tracks): empty"); // the chat goes on after a failed turn
    }

    @Test
    void aLongRetryAfterIsTheRateLimitCode() {
        emulator.inject(Endpoint.CREDITS, Fault.rateLimited(Duration.ofMinutes(10)), 1);
        Cli.Result r = Cli.with(env()).run(withApi("--json", "credits")).exits(ExitCodes.RATE_LIMITED);
        JsonNode e = error(r, "RateLimitedException", 6);
        assertThat(e.get("retry_after_seconds").asLong()).isEqualTo(600);
        assertThat(e.get("http_status").asInt()).isEqualTo(429);
    }

    @Test
    void usageErrorsAreCodeTwo() {
        Cli cli = Cli.with(env());
        Cli.Result none = cli.run().exits(ExitCodes.USAGE);
        assertThat(none.err).contains("Usage: nemo");
        assertThat(cli.run("add-music").exits(2).err).contains("error: Missing required", "hint: see 'nemo"
                + " add-music --help'");
        assertThat(cli.run("upload", "clip.mp4").exits(2).err).contains("'--session=ID'");
        assertThat(cli.run("bogus").exits(2).errLines()).contains("error: Unknown command 'bogus'");
        assertThat(cli.run("credits", "--progress=sideways").exits(2).err).contains("--progress");
        assertThat(cli.run("add-music", "a.mp4", "-p", "x", "-o", "o.mp4", "--product", "nope").exits(2).err)
                .contains("'nope' is not a product");
        assertThat(cli.run("batch", dir.toString(), "-p", "x", "--out-dir", "o", "--concurrency", "0").exits(2).err)
                .contains("--concurrency must be between 1 and 16");
        JsonNode e = error(cli.run("--json", "export", "--out", "o.mp4").exits(2), "UsageError", 2);
        assertThat(e.get("hint").asText()).isEqualTo("see 'nemo export --help'");
    }

    @Test
    void aMisspelledOptionOrCommandIsNamedWithTheNearestOne() {
        Cli cli = Cli.with(env());
        Cli.Result option = cli.run("add-music", "clip.mp4", "--promt", "add jazz", "--out", "o.mp4").exits(2);
        assertThat(option.errLines()).contains("error: Unknown option '--promt'; did you mean --prompt?",
                "hint: see 'nemo add-music --help'");
        assertThat(cli.run("credts").exits(2).errLines())
                .contains("error: Unknown command 'credts'; did you mean 'credits'?");
        assertThat(cli.run("export", "--session", "1", "--out", "o.mp4", "--verticl").exits(2).errLines())
                .contains("error: Unknown option '--verticl'; did you mean --vertical?");
        JsonNode e = error(cli.run("--json", "credits", "--jsn").exits(2), "UsageError", 2);
        assertThat(e.get("message").asText()).isEqualTo("Unknown option '--jsn'; did you mean --json?");
    }

    @Test
    void aRejectedFixedTokenIsTheAuthCode() {
        Map<String, String> env = new HashMap<>(env());
        env.put("NEMO_TOKEN", "nmv_not_a_real_token");
        Cli.Result r = Cli.with(env).run(withApi("--json", "credits")).exits(ExitCodes.AUTH);
        error(r, "TokenExpiredException", 4);
    }

    @Test
    void renderFailuresAreTheRenderCode() {
        String sid = newSession();
        nemo("upload", "-s", sid, SampleMedia.writeHorizontalMp4(dir.resolve("c.mp4")).toString()).exits(0);
        emulator.failNextRenders(2);
        Cli.Result r = nemo("--json", "export", "-s", sid, "-o", dir.resolve("x.mp4").toString(), "--no-progress")
                .exits(ExitCodes.RENDER_FAILED);
        error(r, "RenderFailedException", 8);
        assertThat(dir.resolve("x.mp4")).doesNotExist();
    }

    @Test
    void exportingAnEmptyTimelineIsInvalidInput() {
        String sid = newSession();
        JsonNode e = error(nemo("--json", "export", "-s", sid, "-o", dir.resolve("x.mp4").toString()).exits(3),
                "DraftNotReadyException", 3);
        assertThat(e.get("message").asText()).contains("'nemo upload --session ID FILE'", "'nemo chat --session ID'")
                .doesNotContain("client.", "(...)");
    }

    @Test
    void serverErrorsAreTheServerCode() {
        emulator.inject(Endpoint.CREDITS, Fault.serverError(503), 1);
        JsonNode e = error(nemo("--json", "credits").exits(ExitCodes.SERVER), "ServerErrorException", 10);
        assertThat(e.get("http_status").asInt()).isEqualTo(503);
    }

    @Test
    void anUnreachableApiIsTheNetworkCode() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Result r = Cli.with(env()).settings(b -> b.maxAttempts(1))
                .run("--json", "--api-url", "http://127.0.0.1:" + port, "credits").exits(ExitCodes.NETWORK);
        error(r, "NemoTransportException", 9);
        assertThat(r.errLines().get(0)).isEqualTo("Using the Nemo API at http://127.0.0.1:" + port);
    }

    @Test
    void anInvalidApiUrlIsInvalidInput() {
        Cli.Result r = Cli.with(env()).run("--json", "--api-url", "ftp://example.com", "credits").exits(3);
        error(r, "IllegalArgumentException", 3);
    }

    private String lastToken() {
        List<RecordedRequest> requests = emulator.requests();
        for (int i = requests.size() - 1; i >= 0; i--) {
            String auth = requests.get(i).header("Authorization").orElse("");
            if (auth.startsWith("Bearer ")) {
                return auth.substring("Bearer ".length());
            }
        }
        throw new AssertionError("no authenticated request yet");
    }
}
