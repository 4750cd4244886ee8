package io.github.nemosdk.testkit;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.WorkflowStage;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A batch in a JVM of its own that dies on purpose, for {@link BatchResumeTest}: arguments are the emulator's base
 * URL, the config directory, the journal, the output directory, the instruction, where to die
 * ({@code <file name>:<stage>}), then the clips. The process halts (no shutdown hooks, no cleanup) the moment that
 * file reaches that stage, as a crash or a killed machine would.
 */
public final class BatchChild {
    private BatchChild() {
    }

    /**
     * Runs the batch.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        URI base = URI.create(args[0]);
        Path config = Path.of(args[1]);
        Path journal = Path.of(args[2]);
        Path outDir = Path.of(args[3]);
        String instruction = args[4];
        String[] haltAt = args[5].split(":");
        List<Path> clips = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            clips.add(Path.of(args[i]));
        }
        try (NemoClient client = NemoClient.builder().baseUrl(base).configDirectory(config).environment(Map.of())
                .sleeper(d -> { }).build()) {
            client.workflows().addMusicToEach(clips, instruction, outDir, QuickEditOptions.defaults()
                    .withConcurrency(1).withJournal(journal).withListener((input, stage, message) -> {
                        if (input.getFileName().toString().equals(haltAt[0])
                                && stage == WorkflowStage.valueOf(haltAt[1])) {
                            Runtime.getRuntime().halt(3);
                        }
                    }));
        }
        System.exit(0);
    }
}
