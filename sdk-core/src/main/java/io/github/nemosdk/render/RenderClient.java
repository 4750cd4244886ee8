package io.github.nemosdk.render;

import io.github.nemosdk.state.Draft;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Renders timelines to MP4. Obtain it from {@code client.render()}. Thread-safe. Export is free (no credits).
 */
public interface RenderClient {
    /**
     * Starts a render of a draft with the default options. The draft is sent exactly as read from the state.
     *
     * @param sessionId the session
     * @param draft     the timeline, e.g. {@code client.state(id).latest().draft()}
     * @return the new job (a fresh, unique {@code render_…} id)
     */
    RenderJob start(String sessionId, Draft draft);

    /**
     * Starts a render. A start retried after a network failure keeps its id, so it cannot create two jobs.
     *
     * @param sessionId the session
     * @param draft     the timeline
     * @param options   format, quality, frame size
     * @return the new job
     * @throws io.github.nemosdk.errors.DraftNotReadyException if the draft has no track with a segment
     * @throws io.github.nemosdk.errors.ExportBlockedException if the account may not export: an anonymous token
     *         (no {@code render} scope; register, see {@code registrationLink()}) or a plan limit (402); never
     *         retried
     */
    RenderJob start(String sessionId, Draft draft, RenderOptions options);

    /**
     * Reads a job's state; every documented response shape is understood (top-level {@code taskId},
     * {@code status}, {@code output.url}; and the older {@code {"success","data"}}). A read that failed in transit
     * (408, 429, 5xx, a broken connection) is retried.
     *
     * @param renderId the render id
     * @return the job
     */
    RenderJob get(String renderId);

    /**
     * Asks the service to cancel a job. Only a pending job can be cancelled for sure: the service may answer 409
     * for one already rendering (or finished), which may then complete anyway. That answer is reported, not thrown.
     *
     * @param renderId the render id
     * @return true when the service accepted the cancellation; false when it answered 409 (the job is already
     *         rendering or finished and may still complete)
     */
    boolean cancel(String renderId);

    /**
     * Waits until a job completes, polling as {@link RenderSettings} says (first at once, then after 2 s, backing
     * off to every 15 s by default).
     *
     * @param renderId the render id
     * @param timeout  the total wait; no poll starts after it
     * @return the completed job
     * @throws io.github.nemosdk.errors.RenderFailedException if the job failed or was cancelled
     * @throws io.github.nemosdk.errors.RenderTimeoutException if it had not completed by the deadline
     */
    RenderJob awaitCompletion(String renderId, Duration timeout);

    /**
     * Like {@link #awaitCompletion(String, Duration)}, telling a listener after every poll.
     *
     * @param renderId the render id
     * @param timeout  the total wait
     * @param listener told the job's status and progress
     * @return the completed job
     */
    RenderJob awaitCompletion(String renderId, Duration timeout, RenderProgressListener listener);

    /**
     * Downloads a completed job's MP4 to a file: streamed to a temporary file beside it, checked, then moved into
     * place atomically, so {@code out} is either the whole file or untouched. When the output URL fails, the
     * authenticated download endpoint is used. The output URL never receives the bearer token.
     *
     * @param job a completed job
     * @param out where to write the MP4; replaced if it exists
     * @return {@code out}
     * @throws io.github.nemosdk.errors.DownloadFailedException if neither source delivered the file
     */
    Path download(RenderJob job, Path out);

    /**
     * Exports a session: reads its state, refuses a timeline that is not ready, renders it, waits, and downloads
     * the MP4. A render that fails is retried once with a new id, as the products do.
     *
     * @param sessionId the session
     * @param out       where to write the MP4
     * @return the job and the file
     */
    ExportResult export(String sessionId, Path out);

    /**
     * Like {@link #export(String, Path)}, with options and a progress listener.
     *
     * @param sessionId the session
     * @param out       where to write the MP4
     * @param options   format, quality, frame size
     * @param listener  told the job's status and progress after every poll
     * @return the job and the file
     */
    ExportResult export(String sessionId, Path out, RenderOptions options, RenderProgressListener listener);
}
