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
}
