package io.github.nemosdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.Product;
import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductExamplesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "TIKTOK_ADD_MUSIC, add a trending background track that fits the mood of my TikTok video, Trending",
            "ADD_MUSIC, add background music to my video and fade it out at the end, Upbeat",
            "ADD_MUSIC_AI, add background music that matches the mood of my video, Mood Match",
            "MUSIC_MAKER, create an upbeat background track for my travel video, Upbeat"})
    void eachProductsExampleEndsWithAnMp4(Product product, String instruction, String style) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path out = dir.resolve(product.source() + ".mp4");
        QuickEditResult r = ProductExample.run(Map.of("NEMO_CONFIG_DIR", dir.resolve("cfg").toString()), product,
                instruction, null, out, new PrintStream(buf, true, StandardCharsets.UTF_8));
        QuickStartTest.assertMp4(out);
        assertThat(r.change().description()).contains("BGM: " + style);
        String console = buf.toString(StandardCharsets.UTF_8);
        assertThat(console).contains(product.displayName()).contains("Saved " + out);
    }

    @Test
    void theBatchExampleExportsEverySample() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        BatchResult r = BatchAddMusic.run(Map.of("NEMO_CONFIG_DIR", dir.resolve("cfg").toString()), null,
                dir.resolve("batch"), new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(r.succeeded()).hasSize(3);
        for (String name : new String[] {"beach", "city", "forest"}) {
            QuickStartTest.assertMp4(dir.resolve("batch/" + name + "-music.mp4"));
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("3 succeeded, 0 failed");
    }
}
