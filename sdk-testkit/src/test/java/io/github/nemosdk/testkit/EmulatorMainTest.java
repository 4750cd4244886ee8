package io.github.nemosdk.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The standalone emulator: in-process, as a process, and its command line. */
@Timeout(30)
class EmulatorMainTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Standard input that stays open until {@link #close()}, then ends. */
    static final class HeldOpenInput extends InputStream {
        private final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            return -1;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** Collects output and lets a test wait for its first line. */
    static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CountDownLatch firstLine = new CountDownLatch(1);
        final PrintStream stream = new PrintStream(this, true, UTF_8);

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            if (b == '\n') {
                firstLine.countDown();
            }
        }

        String awaitFirstLine() throws InterruptedException {
            assertThat(firstLine.await(10, TimeUnit.SECONDS)).as("a first line within 10 s").isTrue();
            return text().lines().findFirst().orElseThrow();
        }

        synchronized String text() {
            return bytes.toString(UTF_8);
        }
    }

    private static HttpResponse<String> anonymousToken(URI base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/auth/anonymous-token"))
                .timeout(Duration.ofSeconds(5)).header("X-Client-Id", "main-test")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void inProcessOnAnyPortItPrintsTheBaseUrlServesAndStopsAtTheEndOfStandardInput() throws Exception {
        HeldOpenInput stdin = new HeldOpenInput();
        Capture out = new Capture();
        Capture err = new Capture();
        Future<Integer> status = executor.submit(() -> EmulatorMain.run(
                new String[] {"--port", "0", "--stdin-close", "--initial-credits=7", "--chat-style", "adk",
                        "--silent-ratio", "0", "--seed", "-3", "--render-duration-ms", "50",
                        "--turn-duration-ms", "0", "--credits-per-edit", "2"},
                stdin, out.stream, err.stream));

        URI base = new URI(out.awaitFirstLine());
        assertThat(base.getScheme()).isEqualTo("http");
        assertThat(base.getHost()).isEqualTo("127.0.0.1");
        assertThat(base.getPort()).isPositive();
        assertThat(err.awaitFirstLine()).contains("listening on " + base).contains("close standard input");

        HttpResponse<String> token = anonymousToken(base);
        assertThat(token.statusCode()).isEqualTo(200);
        JsonNode data = MAPPER.readTree(token.body()).get("data");
        assertThat(data.get("token").asText()).isNotBlank();
        assertThat(data.get("credits").asInt()).isEqualTo(7);

        stdin.close();
        assertThat(status.get(10, TimeUnit.SECONDS)).isZero();
        assertThatThrownBy(() -> anonymousToken(base)).isInstanceOf(IOException.class);
    }

    @Test
    void withoutStdinCloseItServesUntilInterrupted() throws Exception {
        Capture out = new Capture();
        Future<Integer> status = executor.submit(() -> EmulatorMain.run(new String[] {"--port=0"},
                new HeldOpenInput(), out.stream, new Capture().stream));
        URI base = new URI(out.awaitFirstLine());
        assertThat(anonymousToken(base).statusCode()).isEqualTo(200);

        status.cancel(true); // interrupts the thread running it
        executor.shutdown();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> anonymousToken(base)).isInstanceOf(IOException.class);
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        Capture out = new Capture();
        Capture err = new Capture();
        assertThat(EmulatorMain.run(new String[] {"--help"}, new HeldOpenInput(), out.stream, err.stream)).isZero();
        assertThat(out.text()).startsWith("Usage: java -jar nemo-emulator.jar [options]")
                .contains("--port N", "--host ADDRESS", "--silent-ratio R", "--chat-style typed|adk", "--seed N",
                        "--render-duration-ms N", "--stdin-close", "--help");
        assertThat(err.text()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--bogus                      | unknown option --bogus",
        "8080                         | unexpected argument 8080",
        "--port                       | --port needs a value",
        "--port --stdin-close         | --port needs a value",
        "--port abc                   | --port needs a whole number, got 'abc'",
        "--port 70000                 | --port must be from 0 to 65535, got 70000",
        "--port=-1                    | --port must be from 0 to 65535, got -1",
        "--silent-ratio 1.5           | --silent-ratio must be from 0 to 1, got 1.5",
        "--silent-ratio NaN           | --silent-ratio must be from 0 to 1",
        "--silent-ratio lots          | --silent-ratio needs a number from 0 to 1",
        "--chat-style json            | --chat-style must be typed, adk or adk-legacy, got 'json'",
        "--seed 1.5                   | --seed needs a whole number",
        "--render-duration-ms -5      | --render-duration-ms must be at least 0, got -5",
        "--initial-credits -1         | --initial-credits must be at least 0",
        "--help=yes                   | --help takes no value",
        "--stdin-close=true           | --stdin-close takes no value",
        "--host=                      | --host needs an address",
    })
    void badCommandLinesExitWithStatusTwoAndSayWhy(String line, String message) {
        Capture out = new Capture();
        Capture err = new Capture();
        int status = EmulatorMain.run(line.trim().split("\\s+"), new HeldOpenInput(), out.stream, err.stream);

        assertThat(status).isEqualTo(2);
        assertThat(err.text()).startsWith("nemo-emulator: " + message).contains("--help");
        assertThat(out.text()).isEmpty();
    }

    @Test
    void aTakenPortExitsWithStatusOne() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Capture err = new Capture();
            int status = EmulatorMain.run(new String[] {"--port", Integer.toString(taken.getLocalPort())},
                    new HeldOpenInput(), new Capture().stream, err.stream);
            assertThat(status).isEqualTo(1);
            assertThat(err.text()).startsWith("nemo-emulator: cannot start the Nemo emulator on 127.0.0.1 port "
                    + taken.getLocalPort());
        }
    }

    @Test
    void asAProcessItStopsWhenItsStandardInputIsClosed() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, location(EmulatorMain.class), location(ObjectMapper.class),
                location(JsonFactory.class), location(JsonProperty.class)));
        command.add(EmulatorMain.class.getName());
        command.addAll(List.of("--port", "0", "--stdin-close"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
            Future<String> firstLine = executor.submit(stdout::readLine);
            URI base = new URI(firstLine.get(15, TimeUnit.SECONDS));
            assertThat(anonymousToken(base).statusCode()).isEqualTo(200);

            process.getOutputStream().close();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String location(Class<?> type) throws URISyntaxException {
        Path path = Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        return path.toString();
    }

    @Test
    void theOptionsReachTheEmulator() {
        EmulatorMain.Options o = EmulatorMain.Options.parse(new String[] {"--host", "localhost", "--port", "0",
                "--silent-ratio", "1", "--chat-style", "ADK"});
        try (NemoEmulator emulator = o.builder().start()) {
            assertThat(emulator.baseUrl().getHost()).isEqualTo("localhost");
        }
        assertThat(o.chatStyle).isEqualTo(ChatStyle.ADK);
        assertThat(o.silentRatio).isEqualTo(1.0);
        assertThat(EmulatorMain.Options.parse(new String[0]).port).isEqualTo(8080);
    }

    @Test
    void theOlderShapesAndStricterServiceAreOneFlagAway() throws Exception {
        EmulatorMain.Options o = EmulatorMain.Options.parse(new String[] {"--port=0", "--chat-style", "adk-legacy",
                "--render-status", "data-output-url", "--allow-roleless", "--no-questions", "--no-anonymous-export"});
        assertThat(o.chatStyle).isEqualTo(ChatStyle.ADK_LEGACY);
        assertThat(o.renderStatus).isEqualTo(RenderStatusShape.DATA_OUTPUT_URL);
        try (NemoEmulator emulator = o.builder().start()) {
            Http http = new Http(emulator);
            String token = http.newToken("flags");
            String sid = http.newSession(token);
            java.net.http.HttpResponse<String> roleless = http.send("POST", "/run_sse", "{\"session_id\":\"" + sid
                    + "\",\"new_message\":{\"parts\":[{\"text\":\"add music, let me choose the style\"}]}}",
                    "Authorization", "Bearer " + token, "Content-Type", "application/json");
            assertThat(roleless.statusCode()).isEqualTo(200);
            assertThat(roleless.body()).contains("turnComplete").doesNotContain("ask_question");
            java.net.http.HttpResponse<String> export = http.send("POST", "/api/render/proxy/lambda",
                    "{\"id\":\"r1\",\"sessionId\":\"" + sid + "\",\"draft\":" + emulator.draft(sid) + "}",
                    "Authorization", "Bearer " + token, "Content-Type", "application/json",
                    "X-Skill-Source", "nemo-video", "X-Skill-Version", "1.0.0", "X-Skill-Platform", "unknown");
            assertThat(export.statusCode()).isEqualTo(402);
        }
    }
}
