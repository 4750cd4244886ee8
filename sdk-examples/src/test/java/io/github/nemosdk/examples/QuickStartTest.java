package io.github.nemosdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nemosdk.workflows.QuickEditResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {
    @TempDir
    Path dir;

    static void assertMp4(Path file) throws Exception {
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 12);
        assertThat(new String(head, 4, 4, StandardCharsets.US_ASCII)).as("ftyp box").isEqualTo("ftyp");
        assertThat(Files.size(file)).isGreaterThan(1000);
    }

    @Test
    void withoutNemoApiUrlItEditsASampleClipOnTheEmulatorAndWritesAnMp4() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        QuickEditResult result = QuickStart.run(Map.of("NEMO_CONFIG_DIR", dir.resolve("cfg").toString()), null, dir.resolve("quickstart.mp4"),
                new PrintStream(buf, true, StandardCharsets.UTF_8));

        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines[0]).startsWith("NEMO_API_URL is not set: using the embedded Nemo emulator at http://127.0.0.1:");
        assertThat(lines).anyMatch(l -> l.startsWith("confirmed: Added BGM: Lo-fi"));
        assertThat(lines).anyMatch(l -> l.startsWith("Timeline (2 tracks): 1. Video: sample-clip"));
        assertThat(lines).anyMatch(l -> l.equals("Credits: 95 available, 0 reserved, 95 total"));

        Path mp4 = dir.resolve("quickstart.mp4");
        assertThat(result.output()).isEqualTo(mp4);
        assertMp4(mp4);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("quickstart.json").toFile());
        assertThat(json.get("session_id").asText()).matches("\\d{19}");
        assertThat(json.get("change").asText()).startsWith("Added BGM: Lo-fi");
        assertThat(json.get("output_bytes").asLong()).isEqualTo(Files.size(mp4));
        assertThat(json.toString()).doesNotContain("nmv_usr_");
    }
}
