package io.github.nemosdk.async;

import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.QuickEditResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The quick edits of {@link io.github.nemosdk.workflows.WorkflowsClient}, as futures. Each runs the blocking
 * workflow on the client's executor (one thread per workflow, not per request); cancelling the future interrupts
 * it: the exchange under way ends, a render it started is cancelled on the service, and its part file is removed.
 * Obtain it from {@code client.async().workflows()}.
 */
public interface AsyncWorkflowsClient {
    /**
     * The quick edit (see {@code WorkflowsClient#addMusic(Path, String, Path)}).
     *
     * @param video       the clip
     * @param instruction the instruction
     * @param out         where to write the MP4
     * @return what was done
     */
    CompletableFuture<QuickEditResult> addMusic(Path video, String instruction, Path out);

    /**
     * The quick edit with options (see {@code WorkflowsClient#addMusic(Path, String, Path, QuickEditOptions)}).
     *
     * @param video       the clip
     * @param instruction the instruction
     * @param out         where to write the MP4
     * @param options     render output and stage listener
     * @return what was done
     */
    CompletableFuture<QuickEditResult> addMusic(Path video, String instruction, Path out, QuickEditOptions options);

    /**
     * The quick edit over many files (see {@code WorkflowsClient#addMusicToEach(List, String, Path)}).
     *
     * @param videos          the clips
     * @param instruction     the instruction
     * @param outputDirectory where the MP4s go
     * @return one item per input
     */
    CompletableFuture<BatchResult> addMusicToEach(List<Path> videos, String instruction, Path outputDirectory);

    /**
     * The quick edit over many files with options (see {@code WorkflowsClient#addMusicToEach(List, String, Path,
     * QuickEditOptions)}).
     *
     * @param videos          the clips
     * @param instruction     the instruction
     * @param outputDirectory where the MP4s go
     * @param options         concurrency, journal, render output, stage listener
     * @return one item per input
     */
    CompletableFuture<BatchResult> addMusicToEach(List<Path> videos, String instruction, Path outputDirectory,
            QuickEditOptions options);
}
