package io.github.nemosdk.examples;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.testkit.SampleMedia;
import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Batch: the same instruction over every clip of a folder, two at a time, one session and one render each. A
 * failing clip does not stop the others.
 *
 * <p>Usage: {@code BatchAddMusic [input-dir] [output-dir]}; without an input folder, three sample clips are made.
 */
public final class BatchAddMusic {
    /** The instruction applied to every clip. */
    public static final String INSTRUCTION = "add upbeat background music at 40% and fade it out";

    private BatchAddMusic() {
    }

    /**
     * Runs the example.
     *
     * @param args optional input and output folders
     */
    public static void main(String[] args) {
        ExampleArgs parsed = ExampleArgs.orExit(() -> ExampleArgs.folders("BatchAddMusic", args, "out/batch"));
        try {
            BatchResult r = run(System.getenv(), parsed.input(), parsed.output(), System.out);
            System.exit(r.failed().isEmpty() ? 0 : 2);
        } catch (NemoException e) {
            System.err.println("Failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the batch.
     *
     * @param env     the environment
     * @param in      the folder of clips, or null for samples
     * @param out     the output folder
     * @param console where to print progress
     * @return one item per clip
     */
    public static BatchResult run(Map<String, String> env, Path in, Path out, PrintStream console) {
        try (Target target = Target.connect(env, Product.ADD_MUSIC, ProductExample.configDir(env, out), console)) {
            NemoClient client = target.client();
            List<Path> clips = in != null ? list(in) : samples(out.resolve("inputs"));
            console.println("Batch of " + clips.size() + " clips: \"" + INSTRUCTION + "\"");
            BatchResult result = client.workflows().addMusicToEach(clips, INSTRUCTION, out,
                    QuickEditOptions.defaults().withConcurrency(2).withListener((file, stage, message) ->
                            console.println("  " + file.getFileName() + " " + stage.name().toLowerCase(
                                    java.util.Locale.ROOT).replace('_', ' ') + ": " + message)));
            for (BatchResult.Item item : result.items()) {
                console.println(item);
            }
            console.println(result.succeeded().size() + " succeeded, " + result.failed().size() + " failed");
            return result;
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static List<Path> samples(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> clips = new ArrayList<>();
            for (String name : new String[] {"beach.mp4", "city.mp4", "forest.mp4"}) {
                clips.add(SampleMedia.writeHorizontalMp4(dir.resolve(name)));
            }
            return clips;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write sample clips to " + dir, e);
        }
    }
}
