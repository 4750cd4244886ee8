package io.github.nemosdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleArgsTest {
    @TempDir
    Path dir;

    @Test
    void anOutputFileArgumentIsTheFileWritten() throws Exception {
        Path clip = Files.write(dir.resolve("clip.mp4"), new byte[] {1});
        ExampleArgs args = ExampleArgs.inputAndMp4("QuickStart",
                new String[] {clip.toString(), dir.resolve("mine.mp4").toString()}, "out/quickstart.mp4");

        assertThat(args.input()).isEqualTo(clip);
        assertThat(args.output()).isEqualTo(dir.resolve("mine.mp4"));
        assertThat(ExampleArgs.inputAndMp4("QuickStart", new String[0], "out/quickstart.mp4").output())
                .isEqualTo(Path.of("out", "quickstart.mp4"));
    }

    @Test
    void aFolderOrAnotherExtensionAsOutputIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> ExampleArgs.inputAndMp4("TikTokAddMusic", new String[] {"", dir.toString()},
                "out/tiktok-add-music.mp4"))
                .isInstanceOf(ExampleArgs.Usage.class)
                .hasMessageContaining("must be an .mp4 file, not " + dir)
                .satisfies(e -> assertThat(((ExampleArgs.Usage) e).usage())
                        .isEqualTo("Usage: TikTokAddMusic [input] [output.mp4]   (defaults: a sample clip,"
                                + " out/tiktok-add-music.mp4)"));
        assertThatThrownBy(() -> ExampleArgs.inputAndMp4("AddMusic", new String[] {"", "out.mov"}, "out/a.mp4"))
                .hasMessageContaining("must be an .mp4 file, not out.mov");
    }

    @Test
    void aMissingInputOrAThirdArgumentIsRefused() {
        assertThatThrownBy(() -> ExampleArgs.inputAndMp4("AddMusic",
                new String[] {dir.resolve("nope.mp4").toString()}, "out/a.mp4"))
                .hasMessageContaining("No such file: " + dir.resolve("nope.mp4"));
        assertThatThrownBy(() -> ExampleArgs.inputAndMp4("AddMusic", new String[] {"a", "b.mp4", "c"}, "out/a.mp4"))
                .hasMessage("Too many arguments.");
        assertThatThrownBy(() -> ExampleArgs.folders("BatchAddMusic", new String[] {dir.resolve("x").toString()},
                "out/batch")).hasMessageContaining("No such folder");
        assertThatThrownBy(() -> ExampleArgs.none("InteractiveChat", new String[] {"x"}))
                .hasMessage("No arguments expected.");
    }

    @Test
    void helpIsAUsageWithoutAProblem() {
        assertThatThrownBy(() -> ExampleArgs.inputAndMp4("AddMusic", new String[] {"--help"}, "out/a.mp4"))
                .isInstanceOf(ExampleArgs.Usage.class)
                .hasMessage(null);
    }
}
