package io.github.nemosdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderGuardTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private PrintStream err() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    @Test
    void aStoppedDownloadLeavesNoPartFileOfItsOutputAndTouchesNothingElse() throws IOException {
        Path out = dir.resolve("out.mp4");
        Path older = Files.write(dir.resolve(".out.mp4.5e1d.part"), new byte[] {1});
        Files.setLastModifiedTime(older, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        RenderGuard guard = new RenderGuard();
        guard.writing(out);
        Path part = Files.write(dir.resolve(".out.mp4.7f3a9c01d2e4b5a6.part"), new byte[] {1, 2});
        Path notHex = Files.write(dir.resolve(".out.mp4.notes.part"), new byte[] {1});
        Path otherOutput = Files.write(dir.resolve(".other.mp4.7f3a.part"), new byte[] {1});
        Path earlierResult = Files.write(out, new byte[] {1});

        guard.interrupted(err());

        assertThat(part).as("the part file of the stopped download").doesNotExist();
        assertThat(older).as("a part file from before the command").exists();
        assertThat(notHex).exists();
        assertThat(otherOutput).exists();
        assertThat(earlierResult).as("the output of an earlier run").exists();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Interrupted.");
    }

    @Test
    void aCommandThatFinishedIsLeftAlone() throws IOException {
        Path out = dir.resolve("out.mp4");
        RenderGuard guard = new RenderGuard();
        guard.writing(out);
        Path part = Files.write(dir.resolve(".out.mp4.7f3a.part"), new byte[] {1});
        guard.finished();

        guard.interrupted(err());

        assertThat(part).exists();
        assertThat(err.size()).isZero();
    }
}
