package io.github.nemosdk.examples.cli;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Cancels the server-side render of a command stopped by Ctrl-C (or a kill): {@code export} and {@code add-music}
 * tell it each render they poll; {@link NemoCli#main} runs {@link #interrupted(PrintStream)} from a shutdown hook,
 * which cancels a render still running and says so. The process then exits with 130 (SIGINT) or 143 (SIGTERM), as
 * the JVM does for those signals. A download stopped that way leaves no partial file: the SDK writes it to a hidden
 * {@code .<name>.<random>.part} file beside the output and moves it into place when complete, and the guard removes
 * the part files of the command's output that appeared while it ran.
 */
final class RenderGuard {
    /** The process's guard, used by the commands and the shutdown hook of {@code main}. */
    static final RenderGuard PROCESS = new RenderGuard();

    private NemoClient client;
    private RenderJob job;
    private boolean done;
    private Path output;
    private FileTime since;

    /**
     * The running command writes {@code output}; its download's part file is removed if the process is stopped.
     *
     * @param output the output file
     */
    synchronized void writing(Path output) {
        this.output = output.toAbsolutePath();
        // file times may be coarser than the clock: allow for a second of rounding
        this.since = FileTime.fromMillis(System.currentTimeMillis() - 1000);
    }

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
        try {
            cancelRender(err);
        } finally {
            removePartFiles();
        }
    }

    private void cancelRender(PrintStream err) {
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

    /** Removes the part files of the output that appeared since the command started (a stopped download). */
    private void removePartFiles() {
        if (output == null || output.getParent() == null) {
            return;
        }
        String prefix = "." + output.getFileName() + ".";
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(output.getParent(),
                p -> isPart(p.getFileName().toString(), prefix))) {
            for (Path p : parts) {
                if (Files.getLastModifiedTime(p).compareTo(since) >= 0) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // best effort while the process stops: a part file left behind is hidden and harmless
        }
    }

    private static boolean isPart(String name, String prefix) {
        if (!name.startsWith(prefix) || !name.endsWith(".part")) {
            return false;
        }
        String random = name.substring(prefix.length(), name.length() - ".part".length());
        return !random.isEmpty() && random.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static boolean isOver(RenderStatus status) {
        return status == RenderStatus.COMPLETED || status == RenderStatus.FAILED || status == RenderStatus.CANCELLED;
    }
}
