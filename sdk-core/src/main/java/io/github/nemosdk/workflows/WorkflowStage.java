package io.github.nemosdk.workflows;

/** The stages of a quick edit, in order. */
public enum WorkflowStage {
    /** The input was checked and a session created. */
    SESSION_CREATED,
    /** The clip was uploaded. */
    UPLOADED,
    /** The instruction was sent and the assistant's turn ended. */
    EDITED,
    /** The timeline was read and found changed. */
    CONFIRMED,
    /** The render is running (reported after every poll). */
    RENDERING,
    /** The MP4 was downloaded. */
    DONE
}
