package io.github.nemosdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.ApiResponse;
import io.github.nemosdk.ClientListener;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.RequestEvent;
import io.github.nemosdk.RequestOptions;
import io.github.nemosdk.RetrySettings;
import io.github.nemosdk.assistant.NemoAssistant;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.chat.ChatStream;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.errors.InvalidUploadException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.render.ExportResult;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.sessions.Session;
import io.github.nemosdk.state.SessionState;
import io.github.nemosdk.testkit.NemoEmulator;
import io.github.nemosdk.testkit.SampleMedia;
import io.github.nemosdk.uploads.UploadResult;
import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.QuickEditResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's code, run against the emulator. The code between {@code // snippet: NAME} and {@code // end snippet}
 * is what README.md shows under {@code <!-- snippet: NAME -->}; {@link #theReadmeShowsExactlyThisCode()} fails when
 * the two drift apart, so the README's examples always compile and work. What a snippet prints to
 * {@code System.out} is captured (not shown in the test output) and checked against what the README promises.
 */
class ReadmeSnippetsTest {
    private static final Path SOURCES = Path.of("src/test/java/io/github/nemosdk/examples");

    private NemoEmulator emulator;
    private NemoClient client;
    private String sessionId;
    private final java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    private java.io.PrintStream originalOut;

    /** What the snippet printed so far. */
    private String printed() {
        System.out.flush();
        return printed.toString(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void start() throws IOException {
        originalOut = System.out;
        System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        Files.createDirectories(Path.of("out"));
        SampleMedia.writeHorizontalMp4(Path.of("out", "clip.mp4"));
        emulator = NemoEmulator.builder().silentRatio(0).start();
        client = NemoClient.builder().baseUrl(emulator.baseUrl()).sleeper(d -> { })
                .renderSettings(RenderSettings.of(Duration.ofMillis(50), Duration.ofMinutes(1))).build();
        sessionId = client.sessions().create().sessionId();
    }

    @AfterEach
    void stop() {
        System.setOut(originalOut);
        client.close();
        emulator.close();
    }

    @Test
    void quickStart() throws Exception {
        // snippet: quick-start
        try (NemoEmulator emulator = NemoEmulator.start();
             NemoClient client = NemoClient.builder().baseUrl(emulator.baseUrl()).build()) {
            Path clip = SampleMedia.writeHorizontalMp4(Path.of("out", "clip.mp4"));
            QuickEditResult result = client.workflows().addMusic(clip,
                    "add lo-fi music at 35% and fade it out", Path.of("out", "clip-music.mp4"));
            System.out.println(result.change().description() + " -> " + result.output());
        }
        // end snippet
        QuickStartTest.assertMp4(Path.of("out", "clip-music.mp4"));
        assertThat(printed()).isEqualTo("Added BGM: Lo-fi (0-2s, 35%) -> " + Path.of("out", "clip-music.mp4")
                + System.lineSeparator());
    }

    @Test
    void basics() {
        // snippet: basics
        Session session = client.sessions().create();
        CreditBalance credits = client.credits().balance();
        SessionState state = client.state(session.sessionId()).latest();
        System.out.println(credits.available() + " credits; " + state.draft().summary());
        // end snippet
        assertThat(state.draft().summary()).isEqualTo("Timeline (0 tracks): empty");
        assertThat(printed()).startsWith(credits.available() + " credits; Timeline (0 tracks): empty");
    }

    @Test
    void uploads() {
        // snippet: uploads
        UploadResult upload = client.uploads(sessionId)
                .onProgress((sent, total) -> System.out.printf("upload %d%%%n", sent * 100 / total))
                .file(Path.of("out", "clip.mp4"));
        System.out.println(upload.files().get(0).duration());
        // end snippet
        assertThat(upload.files().get(0).duration()).contains(Duration.ofSeconds(2));
        assertThat(printed().lines()).contains("upload 100%").last().isEqualTo("Optional[PT2S]");
    }

    @Test
    void chat() {
        StringBuilder seen = new StringBuilder();
        // snippet: chat
        try (ChatStream events = client.chat(sessionId).stream("add lo-fi music at 35% and fade it out")) {
            for (ChatEvent e : events) {
                if (e instanceof ChatEvent.Text) System.out.print(((ChatEvent.Text) e).text());
                if (e instanceof ChatEvent.StillWorking) System.out.println("Still working...");
            }
        }
        ChatReply reply = client.chat(sessionId).send("add a title \"Urban Dreams\"");
        System.out.println(reply.display());
        // end snippet
        seen.append(reply.display());
        assertThat(seen.toString()).isNotEmpty();
        assertThat(printed()).startsWith("Added Lo-fi background music at 35% volume.").endsWith(reply.display()
                + System.lineSeparator());
        assertThat(client.state(sessionId).latest().draft().tracks()).hasSize(2);
    }

    @Test
    void render() {
        client.uploads(sessionId).file(Path.of("out", "clip.mp4"));
        // snippet: render
        ExportResult export = client.render().export(sessionId, Path.of("out", "final.mp4"));
        client.render().export(sessionId, Path.of("out", "tiktok.mp4"), RenderOptions.vertical(),
                job -> System.out.println(job.status() + " " + job.progress() + "%"));
        // end snippet
        assertThat(export.file()).exists();
        assertThat(Path.of("out", "tiktok.mp4")).exists();
        assertThat(printed().lines()).last().isEqualTo("COMPLETED 100%");
    }

    @Test
    void batch() throws IOException {
        Files.deleteIfExists(Path.of("out", "batch.journal")); // a journal of an earlier test run would skip all
        List<Path> clips = List.of(Path.of("out", "clip.mp4"), Path.of("out", "missing.mp4"));
        // snippet: batch
        QuickEditOptions options = QuickEditOptions.defaults().withConcurrency(2)
                .withJournal(Path.of("out", "batch.journal"));
        BatchResult batch = client.workflows().addMusicToEach(clips, "add upbeat music at 40%",
                Path.of("out", "batch"), options);
        batch.failed().forEach(item -> System.out.println(item.input() + ": " + item.failure().get().getMessage()));
        // the same call again, after a crash or not: finished files are skipped, nothing is sent twice
        BatchResult again = client.workflows().addMusicToEach(clips, "add upbeat music at 40%",
                Path.of("out", "batch"), options);
        again.items().forEach(item -> System.out.println(item.input().getFileName() + " " + item.status()));
        // end snippet
        assertThat(batch.succeeded()).hasSize(1);
        assertThat(batch.failed()).hasSize(1);
        assertThat(printed()).startsWith(Path.of("out", "missing.mp4") + ": Cannot upload")
                .contains("clip.mp4 SKIPPED");
    }

    @Test
    void asyncExport() throws Exception {
        Files.deleteIfExists(Path.of("out", "async.mp4")); // one an earlier run left would fail every later run
        client.chat(sessionId).send("add lo-fi music at 35%");
        // snippet: async-export
        Path out = Path.of("out", "async.mp4");
        CompletableFuture<ExportResult> export = client.async().render().export(sessionId, out);
        // changed our mind: the render is cancelled on the service and no file is left behind
        export.cancel(true);
        // end snippet
        assertThat(export).isCancelled();
        assertThat(Path.of("out", "async.mp4")).doesNotExist();
    }

    @Test
    void async() throws Exception {
        // snippet: async
        client.async().credits().balance().thenAccept(c -> System.out.println(c.available() + " credits"));
        client.async().chat(sessionId).stream("add jazz music").subscribe(new Flow.Subscriber<ChatEvent>() {
            private Flow.Subscription subscription;

            @Override public void onSubscribe(Flow.Subscription s) { subscription = s; s.request(1); }
            @Override public void onNext(ChatEvent e) { System.out.println(e); subscription.request(1); }
            @Override public void onError(Throwable t) { t.printStackTrace(); }
            @Override public void onComplete() { System.out.println("turn complete"); }
        });
        // end snippet
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.state(sessionId).latest().draft().tracks().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(client.state(sessionId).latest().draft().summary()).contains("BGM: Jazz");
        // the balance and the turn run at once: the balance is read before or after the turn's charge
        java.util.regex.Pattern balance = java.util.regex.Pattern.compile("(?m)^(100|95) credits$");
        while (!(printed().contains("turn complete") && balance.matcher(printed()).find())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(printed()).contains("ToolCall{add_bgm", "turn complete").containsPattern(balance);
    }

    @Test
    void assistant() {
        client.uploads(sessionId).file(Path.of("out", "clip.mp4"));
        // snippet: assistant
        NemoAssistant assistant = NemoAssistant.builder(client, sessionId).exportTo(Path.of("out")).build();
        System.out.println(assistant.handle("余额多少").display());
        System.out.println(assistant.handle("add lo-fi music at 35%").display());
        System.out.println(assistant.handle("export").display());
        // end snippet
        assertThat(emulator.requestCount(io.github.nemosdk.testkit.Endpoint.RENDER_START)).isEqualTo(1);
        assertThat(printed().lines()).hasSize(3).first().asString().contains("100");
    }

    @Test
    void errors() {
        // snippet: errors
        try {
            client.uploads(sessionId).file(Path.of("notes.txt"));
        } catch (InvalidUploadException e) {
            System.out.println(e.reason() + ": " + e.getMessage());
        } catch (NemoApiException e) {
            System.out.println(e.errorCode() + " " + e.requestId().orElse(""));
        }
        // end snippet
        assertThat(printed()).startsWith("NOT_FOUND: Cannot upload notes.txt");
    }

    @Test
    void options() {
        // snippet: options
        NemoClient traced = client.withOptions(RequestOptions.builder()
                .timeout(Duration.ofSeconds(5))
                .header("X-Trace-Id", "trace-42")
                .retry(RetrySettings.disabled())
                .build());
        System.out.println(traced.credits().balance().available() + " credits");
        // end snippet
        assertThat(printed()).matches("\\d+ credits\\R");
        assertThat(emulator.requests()).anySatisfy(r -> assertThat(r.headers().get("x-trace-id"))
                .containsExactly("trace-42"));
    }

    @Test
    void rawResponse() {
        // snippet: raw-response
        ApiResponse<CreditBalance> response = client.withRawResponse(c -> c.credits().balance());
        System.out.println(response.value().available() + " credits, HTTP " + response.statusCode().orElse(-1)
                + ", request id " + response.requestId().orElse("none"));
        // end snippet
        assertThat(printed()).matches("\\d+ credits, HTTP 200, request id req_\\w+\\R");
    }

    @Test
    void observability() {
        // snippet: observability
        ClientListener timings = new ClientListener() {
            @Override
            public void onRequestEnd(RequestEvent request) {
                System.out.println(request.endpoint() + " -> " + request.status().orElse(-1) + " in "
                        + request.duration().toMillis() + " ms, request id " + request.requestId().orElse("none"));
            }
        };
        try (NemoClient observed = NemoClient.builder().baseUrl(emulator.baseUrl()).listener(timings).build()) {
            observed.credits().balance();
        }
        // end snippet
        assertThat(printed()).contains("credits -> 200 in ").contains(" ms, request id req_");
    }

    /** The snippets of the README, by name, as code blocks. */
    static Map<String, String> readmeSnippets() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.startsWith("<!-- snippet:") && l.endsWith("-->")) {
                String name = l.substring("<!-- snippet:".length(), l.length() - 3).trim();
                int start = i + 1;
                while (!lines.get(start).trim().startsWith("```")) {
                    start++;
                }
                int end = start + 1;
                while (!lines.get(end).trim().equals("```")) {
                    end++;
                }
                out.put(name, normalize(lines.subList(start + 1, end)));
            }
        }
        return out;
    }

    /** The snippets marked in this folder's test sources, by name. */
    static Map<String, String> sourceSnippets() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<Path> files;
        try (java.util.stream.Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).trim();
                if (l.startsWith("// snippet:")) {
                    String name = l.substring("// snippet:".length()).trim();
                    int end = i + 1;
                    while (!lines.get(end).trim().equals("// end snippet")) {
                        end++;
                    }
                    out.put(name, normalize(lines.subList(i + 1, end)));
                }
            }
        }
        return out;
    }

    private static String normalize(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(Math.min(indent, l.length())).stripTrailing());
        }
        return String.join("\n", out).strip();
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        Map<String, String> readme = readmeSnippets();
        Map<String, String> sources = sourceSnippets();
        assertThat(readme.keySet()).as("README snippets that are tested").containsExactlyInAnyOrderElementsOf(
                sources.keySet());
        for (String name : sources.keySet()) {
            assertThat(readme.get(name)).as("README snippet '%s'", name).isEqualTo(sources.get(name));
        }
    }
}
