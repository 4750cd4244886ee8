package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.uploads.MediaKind;
import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code nemo batch}: the quick edit over every media file of a folder, a few at a time
 * ({@code client.workflows().addMusicToEach}). A failing file never stops the others; the exit code is 0 when all
 * succeeded, else the code of the first failure.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The quick edit over every clip of a folder (files with an accepted extension; others are"
            + " skipped), one session and one render each. Outputs are named <name>-music.mp4.",
            "A failing file never stops the others. Exit code: 0 when all succeeded, else that of the first"
                + " failed file."})
final class BatchCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The folder of clips.")
    Path dir;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT", description = "What to do with each.")
    String prompt;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Where the MP4s go.")
    Path outDir;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "2",
            description = "Files edited at once, 1 to 16. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @CommandLine.Mixin
    ProductOption productOption;

    @Option(names = "--vertical", description = "Export 1080x1920 (9:16); tiktok-add-music does by default.")
    boolean vertical;

    @Option(names = "--journal", paramLabel = "FILE", description = "Keep a journal, so that a run that stopped can"
            + " be started again: finished files are skipped and no message is sent twice.")
    Path journal;

    BatchCommand(NemoCli root) {
        super(root);
    }

    @Override
    public Integer call() {
        if (concurrency < 1 || concurrency > 16) {
            throw usage("--concurrency must be between 1 and 16, got " + concurrency);
        }
        Output o = output();
        try (Connection c = connect(productOption.product)) {
            List<Path> clips = list(o);
            return run(c, clips, o);
        }
    }

    private int run(Connection c, List<Path> clips, Output o) {
        BatchResult result;
        try (Progress.Stages stages = progress().stages("batch", clips.size())) {
            QuickEditOptions options = QuickEditOptions.defaults().withConcurrency(concurrency).withListener(stages);
            if (vertical) {
                options = options.withRender(RenderOptions.vertical());
            }
            if (journal != null) {
                options = options.withJournal(journal);
            }
            result = c.client().workflows().addMusicToEach(clips, prompt, outDir, options);
        }
        ObjectNode json = Output.result("batch");
        json.put("instruction", prompt);
        json.put("output_dir", outDir.toString());
        json.put("succeeded", result.succeeded().size());
        json.put("failed", result.failed().size());
        ArrayNode items = json.putArray("items");
        List<String> lines = new ArrayList<>();
        int code = ExitCodes.OK;
        for (BatchResult.Item item : result.items()) {
            ObjectNode n = items.addObject();
            n.put("input", item.input().toString());
            n.put("ok", item.isSuccess());
            n.put("status", item.status().name().toLowerCase(java.util.Locale.ROOT));
            if (item.isSuccess()) {
                Path output = item.output().get();
                n.put("output", output.toString());
                n.put("output_bytes", size(output));
                n.put("session_id", item.sessionId().get());
                String change = item.result().map(r -> r.change().description()).orElse(null);
                n.put("change", change);
                String label = item.status() == BatchResult.Status.DONE ? "ok"
                        : item.status().name().toLowerCase(java.util.Locale.ROOT);
                lines.add(String.format("%-8s", label + " ") + item.input().getFileName() + " -> " + output + (change != null ? " (" + change + ")" : ""));
            } else {
                RuntimeException failure = item.failure().get();
                n.set("error", Output.errorNode(failure));
                if (code == ExitCodes.OK) {
                    code = ExitCodes.of(failure);
                }
                lines.add("failed  " + item.input().getFileName() + ": " + Output.oneLine(failure));
            }
        }
        json.put("exit_code", code);
        lines.add(result.succeeded().size() + " succeeded, " + result.failed().size() + " failed");
        o.result(json, lines.toArray(new String[0]));
        return code;
    }

    private List<Path> list(Output o) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder; give the folder holding the clips.");
        }
        List<Path> all;
        try (Stream<Path> files = Files.list(dir)) {
            all = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        List<Path> clips = new ArrayList<>();
        for (Path p : all) {
            if (MediaKind.ofFilename(p.getFileName().toString()).isPresent()) {
                clips.add(p);
            } else {
                o.info("Skipping " + p.getFileName() + ": not a video, image or audio file name");
            }
        }
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("No clips in " + dir + " (accepted: mp4, mov, avi, webm, mkv, jpg,"
                    + " png, gif, webp, mp3, wav, m4a, aac).");
        }
        return clips;
    }
}
