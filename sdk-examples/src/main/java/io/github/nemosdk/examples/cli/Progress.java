package io.github.nemosdk.examples.cli;

import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderProgressListener;
import io.github.nemosdk.uploads.UploadProgressListener;
import io.github.nemosdk.workflows.WorkflowListener;
import io.github.nemosdk.workflows.WorkflowStage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on standard error: bars drawn with the progressbar library in a terminal, plain lines such as
 * {@code upload 45%} or {@code render processing 40%} when standard error is piped, or nothing.
 */
final class Progress {
    /** How progress is shown. */
    enum Mode {
        /** Bars redrawn in place (a terminal). */
        BAR,
        /** One line per step (logs, pipes). */
        PLAIN,
        /** Nothing. */
        NONE
    }

    private static final int WORKFLOW_STEPS = WorkflowStage.values().length;

    private final Mode mode;
    private final PrintStream err;
    private final int width;

    /**
     * Creates the progress output.
     *
     * @param mode  how progress is shown
     * @param err   standard error
     * @param width the bars' width in characters, or 0 to ask the terminal
     */
    Progress(Mode mode, PrintStream err, int width) {
        this.mode = mode;
        this.err = err;
        this.width = width;
    }

    Mode mode() {
        return mode;
    }

    private ProgressBar bar(String task, long max, String unit, long unitSize, boolean speed) {
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .setUpdateIntervalMillis(100)
                .setConsumer(width > 0 ? new ConsoleProgressBarConsumer(err, width)
                        : new ConsoleProgressBarConsumer(err));
        if (unit != null) {
            b.setUnit(unit, unitSize);
        }
        if (speed) {
            b.showSpeed();
        }
        return b.build();
    }

    /**
     * Progress of an upload, in bytes.
     *
     * @return a listener to pass to {@code uploads(id).onProgress(…)}; close it when the upload ends
     */
    Upload upload() {
        return new Upload();
    }

    /**
     * Progress of a render, in percent.
     *
     * @return a listener to pass to {@code render().export(…)}; close it when the export ends
     */
    Render render() {
        return new Render();
    }

    /**
     * Progress of quick edits through their stages, for one file or a batch.
     *
     * @param task  the bar's name, e.g. {@code add-music}
     * @param files how many files are edited
     * @return a stage listener; close it when the work ends
     */
    Stages stages(String task, int files) {
        return new Stages(task, files);
    }

    /** A listener that may own a progress bar, closed (and finished on screen) with the listener. */
    private abstract class BarListener implements AutoCloseable {
        /** The bar, created on the first report in bar mode. */
        ProgressBar bar;

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** Upload progress. Thread-safe: the SDK calls it from HTTP client threads. */
    final class Upload extends BarListener implements UploadProgressListener {
        private long lastPercent = -1;

        @Override
        public synchronized void onProgress(long bytesSent, long totalBytes) {
            if (mode == Mode.NONE || totalBytes <= 0) {
                return;
            }
            if (mode == Mode.BAR) {
                if (bar == null) {
                    boolean large = totalBytes >= 10L * 1024 * 1024;
                    bar = bar("upload", totalBytes, large ? "MiB" : "KiB", large ? 1024L * 1024 : 1024, true);
                } else if (bar.getMax() != totalBytes) {
                    bar.maxHint(totalBytes);
                }
                bar.stepTo(Math.min(bytesSent, totalBytes));
                return;
            }
            long percent = Math.min(100, bytesSent * 100 / totalBytes);
            if (percent != lastPercent && (lastPercent < 0 || percent == 100 || percent >= lastPercent + 5
                    || percent < lastPercent)) {
                lastPercent = percent;
                err.println("upload " + percent + "%");
                err.flush();
            }
        }
    }

    /** Render progress. */
    final class Render extends BarListener implements RenderProgressListener {
        private String last;

        @Override
        public synchronized void onProgress(RenderJob job) {
            if (mode == Mode.BAR) {
                if (bar == null) {
                    bar = bar("render", 100, null, 1, false);
                }
                bar.stepTo(job.progress());
                bar.setExtraMessage(job.display());
            } else if (mode == Mode.PLAIN) {
                String line = job.display();
                if (!line.equals(last)) {
                    last = line;
                    err.println(line);
                    err.flush();
                }
            }
        }
    }

    /**
     * Stages of quick edits: a bar of {@code files × stages} steps, or one line per stage
     * ({@code clip.mp4 confirmed: Added BGM: Lo-fi (0-10s, 35%)}). Thread-safe: a batch reports from several
     * threads.
     */
    final class Stages extends BarListener implements WorkflowListener {
        private final String task;
        private final int files;
        private final Map<Path, Integer> reached = new HashMap<>();
        private final Map<Path, String> lastLine = new HashMap<>();

        private Stages(String task, int files) {
            this.task = task;
            this.files = Math.max(1, files);
        }

        @Override
        public synchronized void onStage(Path input, WorkflowStage stage, String message) {
            String name = stage.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            String who = files > 1 && input.getFileName() != null ? input.getFileName() + " " : "";
            if (mode == Mode.BAR) {
                if (bar == null) {
                    bar = bar(task, (long) files * WORKFLOW_STEPS, null, 1, false);
                }
                reached.merge(input, stage.ordinal() + 1, Math::max);
                bar.stepTo(reached.values().stream().mapToLong(Integer::longValue).sum());
                bar.setExtraMessage(who + message);
            } else if (mode == Mode.PLAIN) {
                String line = who + name + ": " + message;
                if (!line.equals(lastLine.put(input, line))) {
                    err.println(line);
                    err.flush();
                }
            }
        }
    }
}
