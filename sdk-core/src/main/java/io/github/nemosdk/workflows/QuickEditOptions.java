package io.github.nemosdk.workflows;

import io.github.nemosdk.render.RenderOptions;
import java.util.Objects;

/** Options of a quick edit or batch: the render output, a stage listener, the batch's concurrency. Immutable. */
public final class QuickEditOptions {
    private static final QuickEditOptions DEFAULTS = new QuickEditOptions(null, (i, s, m) -> { }, 2);

    private final RenderOptions render;
    private final WorkflowListener listener;
    private final int concurrency;

    private QuickEditOptions(RenderOptions render, WorkflowListener listener, int concurrency) {
        this.render = render;
        this.listener = listener;
        this.concurrency = concurrency;
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
        return new QuickEditOptions(Objects.requireNonNull(options, "options"), listener, concurrency);
    }

    /**
     * These options with a stage listener.
     *
     * @param stageListener told about each stage
     * @return new options
     */
    public QuickEditOptions withListener(WorkflowListener stageListener) {
        return new QuickEditOptions(render, Objects.requireNonNull(stageListener, "listener"), concurrency);
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
        return new QuickEditOptions(render, listener, files);
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
