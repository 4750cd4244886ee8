package io.github.nemosdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {
    @TempDir
    Path dir;

    @Test
    void withoutNemoApiUrlItRunsAgainstTheEmulatorAndWritesTheReport() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path report = dir.resolve("report.json");
        QuickStart.run(Map.of(), report, new PrintStream(buf, true, StandardCharsets.UTF_8));

        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines[0]).startsWith("NEMO_API_URL is not set: using the embedded Nemo emulator at http://127.0.0.1:");
        assertThat(lines).anyMatch(l -> l.equals("Credits: 100 available, 0 reserved, 100 total"));
        assertThat(lines).anyMatch(l -> l.equals("Timeline (0 tracks): empty"));

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("session_id").asText()).matches("\\d{19}");
        assertThat(json.get("credits").get("available").asInt()).isEqualTo(100);
        assertThat(json.get("timeline_summary").asText()).isEqualTo("Timeline (0 tracks): empty");
        assertThat(json.toString()).doesNotContain("nmv_usr_");
        assertThat(dir.resolve(".nemo").resolve("client_id")).exists();
    }
}
