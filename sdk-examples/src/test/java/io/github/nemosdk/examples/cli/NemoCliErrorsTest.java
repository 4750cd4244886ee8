package io.github.nemosdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.errors.DraftNotReadyException;
import io.github.nemosdk.errors.MissingClientIdException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.SessionNotFoundException;
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
import java.util.regex.Pattern;
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
        assertNoJavaAdvice(e.get("message").asText());
        return e;
    }

    /** What Java advice looks like: a call, a builder, a settings class or field; none may reach a shell user. */
    private static final Pattern JAVA_ADVICE = Pattern.compile("\\w\\(\\.\\.\\.\\)|\\w\\(\\)\\.|\\bclient\\.\\w|"
            + "\\b(?:Chat|Render|Retry)Settings\\b|\\b(?:request|connect|idle|turn|heartbeatOnly)Timeout\\b|"
            + "builder\\(\\)|\\bmax(?:Event|Line)Bytes\\b");

    private static void assertNoJavaAdvice(String message) {
        assertThat(JAVA_ADVICE.matcher(message).find()).as("Java advice in a message for shell users: %s", message)
                .isFalse();
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
    void aServiceThatNeverAnswersTimesOutAfterTimeoutSecondsAndSaysWhichOptionRaisesIt() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts connections (the backlog) and never answers
            Map<String, String> env = new HashMap<>(env());
            env.put("NEMO_TOKEN", "nmv_usr_fixed");
            Cli.Result r = Cli.with(env).settings(b -> b.maxAttempts(1)).run("--json", "--api-url",
                    "http://127.0.0.1:" + silent.getLocalPort(), "--timeout", "1", "credits")
                    .exits(ExitCodes.NETWORK);
            JsonNode e = error(r, "NemoTimeoutException", 9);
            assertThat(e.get("message").asText()).contains("within 1000 ms", "Raise --timeout (seconds)");
        }
        Cli cli = Cli.with(env());
        assertThat(cli.run("credits", "--timeout", "0").exits(2).err)
                .contains("--timeout must be between 1 and 3600 seconds, not 0");
        assertThat(cli.run("credits", "--timeout", "soon").exits(2).err).contains("--timeout");
    }

    @Test
    void aStalledChatTurnIsTheNetworkCodeWithAdviceForTheShell() {
        String sid = newSession();
        emulator.inject(Endpoint.CHAT, Fault.chatStall(Duration.ofSeconds(5)), 1);
        Cli.Result r = Cli.with(env()).stdin("add lo-fi music at 35%\n")
                .settings(b -> b.maxAttempts(1).sleeper(d -> { }).chatSettings(ChatSettings.builder()
                        .idleTimeout(Duration.ofMillis(300)).build()))
                .run(withApi("--json", "chat", "--session", sid)).exits(ExitCodes.NETWORK);
        // the stall ends the stream; the chat then reads the state to learn whether the edit was applied
        List<JsonNode> lines = r.jsonLines();
        JsonNode e = lines.get(lines.size() - 1).get("error");
        assertThat(e.get("type").asText()).isEqualTo("ChatRecoveryFailedException");
        assertThat(e.get("message").asText()).contains("did not change", "Check the timeline");
        assertNoJavaAdvice(e.get("message").asText());
    }

    @Test
    void sdkAdviceForJavaCallersIsRewrittenForTheShell() {
        List<RuntimeException> errors = List.of(
                new SessionNotFoundException("123", 200, 1002, "not found", null),
                new RateLimitedException(Duration.ofSeconds(5), 429, 429, "slow down", null),
                new MissingClientIdException(400, 400, "missing", null),
                new DraftNotReadyException("123", "Timeline (0 tracks)"));
        for (RuntimeException e : errors) {
            assertNoJavaAdvice(Output.oneLine(e));
        }
        // advice with values in it, as the SDK words it
        assertNoJavaAdvice(ShellAdvice.rewrite("No response to POST /run_sse within 30000 ms. Raise"
                + " ChatSettings.idleTimeout if the service is slow."));
        assertThat(ShellAdvice.rewrite("No response to POST /api/upload-video within 31000 ms. Raise"
                + " requestTimeout(...) (uploads also allow 1 s per 256 KiB) if the service is slow."))
                .endsWith("Raise --timeout (seconds) if the service is slow (uploads also allow 1 s per 256 KiB).");
        assertThat(ShellAdvice.rewrite("The chat stream stalled: nothing arrived for 300 ms (ChatSettings.idleTimeout)."
                + " The message was sent and the edit may still be applied: check the state"
                + " (client.chat(sessionId).recover(before)) before sending it again."))
                .isEqualTo("The chat stream stalled: nothing arrived for 300 ms. The message was sent and the edit may"
                        + " still be applied: check the timeline with 'nemo state --session ID' before sending it"
                        + " again.");
        assertThat(ShellAdvice.rewrite("The chat turn ran longer than 15 min (ChatSettings.turnTimeout) and was"
                + " closed.")).isEqualTo("The chat turn ran longer than 15 min and was closed.");
        assertNoJavaAdvice(ShellAdvice.rewrite("The chat stream sent a line longer than 65536 bytes, the limit set by"
                + " ChatSettings.maxLineBytes; raise that setting if the server legitimately sends lines this long."));
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
