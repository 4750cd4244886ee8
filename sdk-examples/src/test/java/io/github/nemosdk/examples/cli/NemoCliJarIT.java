package io.github.nemosdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.testkit.Endpoint;
import io.github.nemosdk.testkit.NemoEmulator;
import io.github.nemosdk.testkit.SampleMedia;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code nemo-cli.jar} run as a separate process with {@code java -jar}, as a user would: it runs after
 * {@code package} (failsafe), against the embedded emulator, and exits with the documented codes.
 */
class NemoCliJarIT {
    private static final Path JAR = Paths.get(System.getProperty("nemo.cli.jar", "target/nemo-cli.jar"))
            .toAbsolutePath();

    @TempDir
    Path dir;

    private static final class Run {
        final int code;
        final String out;
        final String err;

        Run(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }
    }

    private Run nemo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("NEMO_API_URL");
        pb.environment().remove("NEMO_TOKEN");
        pb.environment().put("NEMO_CONFIG_DIR", dir.resolve("config").toString());
        File out = dir.resolve("stdout.txt").toFile();
        File err = dir.resolve("stderr.txt").toFile();
        pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("nemo %s finished", command).isTrue();
        return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    @Test
    void aStopDuringTheRenderCancelsItOnTheServerAndSaysSo() throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "POSIX signals");
        try (NemoEmulator emulator = NemoEmulator.builder().renderDuration(Duration.ofMinutes(10)).start()) {
            Files.write(dir.resolve("clip.mp4"), SampleMedia.horizontalMp4());
            List<String> command = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                    "--api-url", emulator.baseUrl().toString(), "--progress=plain", "add-music", "clip.mp4",
                    "--prompt", "add lo-fi music", "--out", "out.mp4"));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().put("NEMO_CONFIG_DIR", dir.resolve("config").toString());
            Path err = dir.resolve("stderr.txt");
            pb.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            Process p = pb.start();
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(err).contains("rendering: ") && System.nanoTime() < until && p.isAlive()) {
                    Thread.sleep(100);
                }
                assertThat(Files.readString(err)).as("the render started").contains("rendering: ");
                // SIGTERM rather than SIGINT: a process started in the background may ignore SIGINT; both run the
                // same shutdown hook (exit 130 for Ctrl-C, 143 here)
                new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            String stderr = Files.readString(err);
            assertThat(p.exitValue()).as(stderr).isEqualTo(143);
            assertThat(stderr).containsPattern("Interrupted: cancelling render render_\\S+ on the server")
                    .containsPattern("Render render_\\S+ cancelled; no output was written.");
            assertThat(emulator.requestCount(Endpoint.RENDER_CANCEL)).isEqualTo(1);
            assertThat(dir.resolve("out.mp4")).doesNotExist();
        }
    }

    @Test
    void theJarRunsTheNewcomerPathAndExitsWithTheDocumentedCodes() throws Exception {
        assertThat(JAR).exists();

        Run sample = nemo("sample", "--out", "clip.mp4");
        assertThat(sample.code).as(sample.err).isZero();
        assertThat(dir.resolve("clip.mp4")).hasBinaryContent(SampleMedia.horizontalMp4());

        Run quick = nemo("add-music", "clip.mp4", "--prompt", "add lo-fi music", "--out", "out.mp4");
        assertThat(quick.code).as(quick.err).isZero();
        assertThat(quick.err.split("\n")[0]).startsWith(NemoCliEmbeddedTest.EMBEDDED);
        assertThat(quick.err).contains("rendering: Rendering 100%"); // stderr is a file: plain lines
        assertThat(quick.out).contains("BGM: Lo-fi", "Saved out.mp4 (");
        assertThat(dir.resolve("out.mp4")).hasBinaryContent(SampleMedia.horizontalMp4());

        Run credits = nemo("--json", "credits");
        assertThat(credits.code).as(credits.err).isZero();
        JsonNode j = Cli.MAPPER.readTree(credits.out);
        assertThat(j.get("available").asLong()).isEqualTo(100);

        Files.write(dir.resolve("fake.mp4"), "text".getBytes(StandardCharsets.UTF_8));
        Run invalid = nemo("--json", "add-music", "fake.mp4", "-p", "add music", "-o", "o.mp4");
        assertThat(invalid.code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(Cli.MAPPER.readTree(invalid.out).get("error").get("type").asText())
                .isEqualTo("InvalidUploadException");

        assertThat(nemo("state", "--session", "42").code).isEqualTo(ExitCodes.SESSION_NOT_FOUND);
        assertThat(nemo("add-music").code).isEqualTo(ExitCodes.USAGE);
        Run version = nemo("--version");
        assertThat(version.code).isZero();
        assertThat(version.out).startsWith("nemo 0.1.0");
    }
}
