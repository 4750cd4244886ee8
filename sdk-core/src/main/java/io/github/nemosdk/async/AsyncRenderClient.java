package io.github.nemosdk.async;

import io.github.nemosdk.render.ExportResult;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.render.RenderProgressListener;
import io.github.nemosdk.state.Draft;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@link io.github.nemosdk.render.RenderClient} without a waiting thread: the same calls and results. Polls are
 * scheduled, not slept; a download is written by the HTTP client's threads. {@code cancel} on a future stops the
 * work: the exchange under way is cancelled, a render this call started is cancelled on the service, no poll or
 * request follows, and no file is written (the part file is removed). Obtain it from
 * {@code client.async().render()}.
 */
public interface AsyncRenderClient {
    /**
     * Starts a render with the default options (see {@code RenderClient#start(String, Draft)}).
     *
     * @param sessionId the session
     * @param draft     the timeline
     * @return the new job
     * @throws io.github.nemosdk.errors.DraftNotReadyException at once, if the draft has no track with a segment
     */
    CompletableFuture<RenderJob> start(String sessionId, Draft draft);

    /**
     * Starts a render (see {@code RenderClient#start(String, Draft, RenderOptions)}).
     *
     * @param sessionId the session
     * @param draft     the timeline
     * @param options   format, quality, frame size
     * @return the new job
     * @throws io.github.nemosdk.errors.DraftNotReadyException at once, if the draft has no track with a segment
     */
    CompletableFuture<RenderJob> start(String sessionId, Draft draft, RenderOptions options);

    /**
     * Reads a job's state (see {@code RenderClient#get}).
     *
     * @param renderId the render id
     * @return the job
     */
    CompletableFuture<RenderJob> get(String renderId);

    /**
     * Asks the service to cancel a job (see {@code RenderClient#cancel}).
     *
     * @param renderId the render id
     * @return true when the service accepted; false when it answered that the job is already rendering or finished
     */
    CompletableFuture<Boolean> cancel(String renderId);

    /**
     * Waits until a job completes (see {@code RenderClient#awaitCompletion(String, Duration)}); no thread waits
     * between polls.
     *
     * @param renderId the render id
     * @param timeout  the total wait
     * @return the completed job
     */
    CompletableFuture<RenderJob> awaitCompletion(String renderId, Duration timeout);

    /**
     * Like {@link #awaitCompletion(String, Duration)}, telling a listener after every poll.
     *
     * @param renderId the render id
     * @param timeout  the total wait
     * @param listener told the job's status and progress
     * @return the completed job
     */
    CompletableFuture<RenderJob> awaitCompletion(String renderId, Duration timeout, RenderProgressListener listener);

    /**
     * Downloads a completed job's MP4 to a file (see {@code RenderClient#download}): {@code out} is either the
     * whole file or untouched, also when the future is cancelled.
     *
     * @param job a completed job
     * @param out where to write the MP4
     * @return {@code out}
     */
    CompletableFuture<Path> download(RenderJob job, Path out);

    /**
     * Exports a session (see {@code RenderClient#export(String, Path)}).
     *
     * @param sessionId the session
     * @param out       where to write the MP4
     * @return the job and the file
     */
    CompletableFuture<ExportResult> export(String sessionId, Path out);

    /**
     * Like {@link #export(String, Path)}, with options and a progress listener.
     *
     * @param sessionId the session
     * @param out       where to write the MP4
     * @param options   format, quality, frame size
     * @param listener  told the job's status and progress after every poll
     * @return the job and the file
     */
    CompletableFuture<ExportResult> export(String sessionId, Path out, RenderOptions options,
            RenderProgressListener listener);
}
