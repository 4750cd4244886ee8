package io.github.nemosdk.workflows;

import io.github.nemosdk.render.RenderOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Options of a quick edit or batch: the render output, a stage listener, the batch's concurrency. Immutable. */
public final class QuickEditOptions {
    private static final QuickEditOptions DEFAULTS = new QuickEditOptions(null, (i, s, m) -> { }, 2, null);

    private final RenderOptions render;
    private final WorkflowListener listener;
    private final int concurrency;
    private final Path journal;

    private QuickEditOptions(RenderOptions render, WorkflowListener listener, int concurrency, Path journal) {
        this.render = render;
        this.listener = listener;
        this.concurrency = concurrency;
        this.journal = journal;
    }

    /**
     * The defaults: the product's render output (vertical for TikTok Add Music), no listener, 2 files at a time.
     *
     * @return the defaults
     */
    public static QuickEditOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options with another render output.
     *
     * @param options the render options
     * @return new options
     */
    public QuickEditOptions withRender(RenderOptions options) {
        return new QuickEditOptions(Objects.requireNonNull(options, "options"), listener, concurrency, journal);
    }

    /**
     * These options with a stage listener.
     *
     * @param stageListener told about each stage
     * @return new options
     */
    public QuickEditOptions withListener(WorkflowListener stageListener) {
        return new QuickEditOptions(render, Objects.requireNonNull(stageListener, "listener"), concurrency, journal);
    }

    /**
     * These options with another batch concurrency.
     *
     * @param files how many files a batch processes at once, 1 to 16
     * @return new options
     */
    public QuickEditOptions withConcurrency(int files) {
        if (files < 1 || files > 16) {
            throw new IllegalArgumentException("concurrency must be between 1 and 16, got " + files);
        }
        return new QuickEditOptions(render, listener, files, journal);
    }

    /**
     * Keeps a journal of a batch ({@code addMusicToEach}) in a file, so that a run that stopped (a crash, a reboot,
     * Ctrl-C) can be started again with the same files and journal: files finished earlier are skipped, a file whose
     * message was sent but whose answer never came is recovered from its session's state (never sent again: no
     * double charge), and the others go on from where they were (the same session, no second upload). The journal
     * is appended to line by line and flushed to disk after each step; it holds session ids and file names, no
     * tokens. Ignored by the single {@code addMusic}.
     *
     * @param file the journal (created if missing)
     * @return new options
     */
    public QuickEditOptions withJournal(Path file) {
        return new QuickEditOptions(render, listener, concurrency, Objects.requireNonNull(file, "file"));
    }

    /**
     * The batch journal, if one was set.
     *
     * @return the journal file
     */
    public Optional<Path> journal() {
        return Optional.ofNullable(journal);
    }

    /**
     * The render output; null means the product's default.
     *
     * @return the render options, or null
     */
    public RenderOptions render() {
        return render;
    }

    /**
     * The stage listener.
     *
     * @return the listener
     */
    public WorkflowListener listener() {
        return listener;
    }

    /**
     * How many files a batch processes at once.
     *
     * @return the concurrency
     */
    public int concurrency() {
        return concurrency;
    }
}
