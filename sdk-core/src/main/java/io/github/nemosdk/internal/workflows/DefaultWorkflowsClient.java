package io.github.nemosdk.internal.workflows;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.internal.http.DaemonThreads;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.QuickEditResult;
import io.github.nemosdk.workflows.WorkflowListener;
import io.github.nemosdk.workflows.WorkflowStage;
import io.github.nemosdk.workflows.WorkflowsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@link WorkflowsClient} composed from the other sub-clients. */
public final class DefaultWorkflowsClient implements WorkflowsClient {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private final NemoClient client;
    private final Product product;
    private final java.util.function.Consumer<java.time.Duration> sleep;
    private final java.time.Clock clock;
    private final java.time.Duration defaultRateLimitDelay;

    /**
     * Creates the client.
     *
     * @param client  the client whose sub-clients it drives
     * @param product the client's product (decides the default render output), or null
     * @param sleep   the client's waits, for a batch slowed by a rate limit
     * @param clock   the client's clock
     * @param defaultRateLimitDelay how long a 429 without {@code Retry-After} pauses a batch
     */
    public DefaultWorkflowsClient(NemoClient client, Product product, java.util.function.Consumer<java.time.Duration> sleep,
            java.time.Clock clock, java.time.Duration defaultRateLimitDelay) {
        this.client = client;
        this.product = product;
        this.sleep = sleep;
        this.clock = clock;
        this.defaultRateLimitDelay = defaultRateLimitDelay;
    }

    @Override
    public QuickEditResult addMusic(Path video, String instruction, Path out) {
        return addMusic(video, instruction, out, QuickEditOptions.defaults());
    }

    @Override
    public QuickEditResult addMusic(Path video, String instruction, Path out, QuickEditOptions options) {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        checkInstruction(instruction);
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a directory; give the path of the MP4 file to write.");
        }
        // the steps of one batch item, with nothing journalled and no batch pause
        return new BatchItem(client, video, instruction, out, options, renderOptions(options), BatchJournal.none(),
                BatchThrottle.none()).run().result().orElseThrow();
    }

    @Override
    public BatchResult addMusicToEach(List<Path> videos, String instruction, Path outputDirectory) {
        return addMusicToEach(videos, instruction, outputDirectory, QuickEditOptions.defaults());
    }

    @Override
    public BatchResult addMusicToEach(List<Path> videos, String instruction, Path outputDirectory,
            QuickEditOptions options) {
        Objects.requireNonNull(videos, "videos");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(options, "options");
        checkInstruction(instruction);
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("Give at least one file to edit.");
        }
        try {
            Files.createDirectories(outputDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the output directory " + outputDirectory, e);
        }
        List<Path> outputs = outputNames(videos, outputDirectory);
        for (Path v : videos) {
            Objects.requireNonNull(v, "video");
        }
        BatchThrottle throttle = new BatchThrottle(clock, sleep, defaultRateLimitDelay);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.concurrency(), videos.size()),
                DaemonThreads.named("nemo-batch-"));
        try (BatchJournal journal = options.journal().map(j -> BatchJournal.open(j, instruction))
                .orElseGet(BatchJournal::none)) {
            journal.checkSameFiles(videos, outputs);
            List<Future<BatchResult.Item>> futures = new ArrayList<>();
            for (int i = 0; i < videos.size(); i++) {
                Path video = videos.get(i);
                Path out = outputs.get(i);
                futures.add(pool.submit(() -> new BatchItem(client, video, instruction, out, options,
                        renderOptions(options), journal, throttle).run()));
            }
            List<BatchResult.Item> items = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                Path video = videos.get(i);
                try {
                    items.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    RuntimeException failure = c instanceof RuntimeException ? (RuntimeException) c
                            : new IllegalStateException(c);
                    LOG.log(System.Logger.Level.INFO, "Batch item " + video + " failed: " + failure.getMessage());
                    items.add(BatchResult.Item.failure(video, failure));
                }
            }
            return BatchResult.of(items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.github.nemosdk.errors.NemoInterruptedException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private RenderOptions renderOptions(QuickEditOptions options) {
        return options.render() != null ? options.render()
                : product == Product.TIKTOK_ADD_MUSIC ? RenderOptions.vertical() : RenderOptions.defaults();
    }

    private static List<Path> outputNames(List<Path> videos, Path dir) {
        Set<String> used = new HashSet<>();
        List<Path> out = new ArrayList<>();
        for (Path v : videos) {
            String name = v.getFileName() == null ? "video" : v.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            String candidate = stem + "-music.mp4";
            for (int i = 2; !used.add(candidate); i++) {
                candidate = stem + "-music-" + i + ".mp4";
            }
            out.add(dir.resolve(candidate));
        }
        return out;
    }

    static void checkInstruction(String instruction) {
        Objects.requireNonNull(instruction, "instruction");
        if (instruction.isBlank()) {
            throw new IllegalArgumentException("The instruction is blank: say what music to add, e.g. \"add lo-fi"
                    + " music at 35% and fade it out\".");
        }
    }

    static void tell(WorkflowListener l, Path input, WorkflowStage stage, String message) {
        Listeners.tell("workflow", () -> l.onStage(input, stage, message));
    }
}
