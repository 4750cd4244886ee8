package io.github.nemosdk.examples;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.testkit.SampleMedia;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.QuickEditResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/** The quick edit as each product runs it: one clip in, one instruction, one MP4 out. */
final class ProductExample {
    private ProductExample() {
    }

    /**
     * Runs a product's quick edit from the command line: {@code [input] [output.mp4]}. Without an input, a sample
     * clip is written and used.
     *
     * @param program     the example's class name, for the usage line
     * @param product     the product
     * @param instruction what the product's users typically ask
     * @param args        the command-line arguments
     * @param defaultOut  the output when none is given
     */
    static void main(String program, Product product, String instruction, String[] args, String defaultOut) {
        ExampleArgs parsed = ExampleArgs.orExit(() -> ExampleArgs.inputAndMp4(program, args, defaultOut));
        try {
            run(System.getenv(), product, instruction, parsed.input(), parsed.output(), System.out);
        } catch (NemoException e) {
            System.err.println("Failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs a product's quick edit.
     *
     * @param env         the environment
     * @param product     the product
     * @param instruction the instruction
     * @param input       the clip, or null for the sample clip
     * @param out         where to write the MP4
     * @param console     where to print progress
     * @return the result
     */
    static QuickEditResult run(Map<String, String> env, Product product, String instruction, Path input, Path out,
            PrintStream console) {
        Path dir = out.toAbsolutePath().getParent();
        try (Target target = Target.connect(env, product, configDir(env, dir), console)) {
            NemoClient client = target.client();
            Path clip = input != null ? input : sample(product, dir);
            console.println(product.displayName() + ": \"" + instruction + "\" on " + clip.getFileName());
            QuickEditResult result = client.workflows().addMusic(clip, instruction, out,
                    QuickEditOptions.defaults().withListener((file, stage, message) ->
                            console.println("  " + stage.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                                    + ": " + message)));
            console.println(client.state(result.sessionId()).latest().draft().summary());
            console.println("Saved " + result.output() + " (" + size(result.output()) + " bytes)");
            return result;
        }
    }

    static Path configDir(Map<String, String> env, Path dir) {
        String configured = env.get("NEMO_CONFIG_DIR");
        return configured == null || configured.isBlank() ? dir.resolve(".nemo") : Paths.get(configured);
    }

    private static Path sample(Product product, Path dir) {
        try {
            Files.createDirectories(dir);
            if (product == Product.MUSIC_MAKER) {
                return SampleAudio.writeWav(dir.resolve("sample-voiceover.wav"), 4);
            }
            return product == Product.TIKTOK_ADD_MUSIC ? SampleMedia.writeVerticalMp4(dir.resolve("sample-vertical.mp4"))
                    : SampleMedia.writeHorizontalMp4(dir.resolve("sample-clip.mp4"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sample clip to " + dir, e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
