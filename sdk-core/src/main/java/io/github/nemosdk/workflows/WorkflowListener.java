package io.github.nemosdk.workflows;

import java.nio.file.Path;

/**
 * Told about each stage of a quick edit. In a batch it is called from several threads at once. An exception it
 * throws is logged and ignored.
 */
@FunctionalInterface
public interface WorkflowListener {
    /**
     * A stage was reached.
     *
     * @param input   the input file the stage belongs to
     * @param stage   the stage
     * @param message a line for the user, e.g. "Added BGM: Lo-fi (0-10s, 35%)" or "rendering 40%"
     */
    void onStage(Path input, WorkflowStage stage, String message);

    /**
     * A render of the quick edit was read (after each poll, with the same job the {@link WorkflowStage#RENDERING}
     * line describes): its id lets a program cancel it, for example when the user presses Ctrl-C. Does nothing by
     * default.
     *
     * @param input the input file the render belongs to
     * @param job   the render as last read
     */
    default void onRender(Path input, io.github.nemosdk.render.RenderJob job) {
    }
}
