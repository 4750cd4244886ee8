package io.github.nemosdk.render;

/**
 * Told the job's state after every poll. Called on the waiting thread; an exception it throws is logged and
 * ignored.
 */
@FunctionalInterface
public interface RenderProgressListener {
    /**
     * The job's latest state.
     *
     * @param job status and progress
     */
    void onProgress(RenderJob job);
}
