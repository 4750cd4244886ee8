package io.github.nemosdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractiveChatTest {
    @TempDir
    Path dir;

    @Test
    void aConversationEditsTheTimelineAndShowsItsSummary() {
        String input = "add lo-fi music at 35% and fade it out\nadd a title \"Urban Dreams\"\nstatus\nquit\n";
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        InteractiveChat.run(Map.of("NEMO_CONFIG_DIR", dir.toString()),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("NEMO_API_URL is not set: using the embedded Nemo emulator");
        assertThat(out).contains("Ready: session ");
        assertThat(out).contains("Timeline (1 track): 1. BGM: Lo-fi (0-10s, 35%)");
        assertThat(out).contains("Timeline (2 tracks): 1. BGM: Lo-fi (0-10s, 35%) 2. Title: \"Urban Dreams\" (0-3s)");
        assertThat(out).doesNotContain("Error:");
        assertThat(out.trim()).endsWith("Bye.");
        assertThat(dir.resolve("client_id")).exists();
    }
}
