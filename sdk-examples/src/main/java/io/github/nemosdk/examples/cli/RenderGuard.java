package io.github.nemosdk.examples.cli;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderStatus;
import java.io.PrintStream;

/**
 * Cancels the server-side render of a command stopped by Ctrl-C (or a kill): {@code export} and {@code add-music}
 * tell it each render they poll; {@link NemoCli#main} runs {@link #interrupted(PrintStream)} from a shutdown hook,
 * which cancels a render still running and says so. The process then exits with 130 (SIGINT) or 143 (SIGTERM), as
 * the JVM does for those signals.
 */
final class RenderGuard {
    /** The process's guard, used by the commands and the shutdown hook of {@code main}. */
    static final RenderGuard PROCESS = new RenderGuard();

    private NemoClient client;
    private RenderJob job;
    private boolean done;

    /**
     * A render of the running command was read.
     *
     * @param client the client that started it
     * @param job    the render as last read
     */
    synchronized void rendering(NemoClient client, RenderJob job) {
        this.client = client;
        this.job = job;
    }

    /** The command ended by itself: nothing to cancel any more. */
    synchronized void finished() {
        done = true;
    }

    /**
     * The process is being stopped: cancels the render still running, if any, and prints what happened.
     *
     * @param err where to say it
     */
    synchronized void interrupted(PrintStream err) {
        if (done) {
            return;
        }
        if (job == null || isOver(job.status())) {
            err.println();
            err.println("Interrupted.");
            err.flush();
            return;
        }
        err.println();
        err.println("Interrupted: cancelling render " + job.id() + " on the server...");
        err.flush();
        try {
            boolean accepted = client.render().cancel(job.id());
            err.println(accepted ? "Render " + job.id() + " cancelled; no output was written."
                    : "The server did not accept the cancellation of render " + job.id()
                            + " (it may be finishing); no output was written.");
        } catch (NemoException e) {
            err.println("Could not cancel render " + job.id() + ": " + e.getMessage());
        }
        err.flush();
    }

    private static boolean isOver(RenderStatus status) {
        return status == RenderStatus.COMPLETED || status == RenderStatus.FAILED || status == RenderStatus.CANCELLED;
    }
}
