package io.github.nemosdk.render;

import java.util.Locale;

/** Where a render job is: pending → processing → completed, or failed / cancelled. */
public enum RenderStatus {
    /** Queued, not started. */
    PENDING,
    /** Rendering. */
    PROCESSING,
    /** Done; the output can be downloaded. */
    COMPLETED,
    /** The render failed. */
    FAILED,
    /** The render was cancelled. */
    CANCELLED,
    /** A status the SDK does not know; treated as still running. */
    UNKNOWN;

    /**
     * Whether the job will not change any more.
     *
     * @return true for completed, failed and cancelled
     */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /**
     * Reads the status as the API writes it.
     *
     * @param status e.g. {@code processing}
     * @return the status; {@link #UNKNOWN} for values the SDK does not know
     */
    public static RenderStatus parse(String status) {
        if (status == null) {
            return UNKNOWN;
        }
        switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "pending":
            case "queued":
                return PENDING;
            case "processing":
            case "rendering":
            case "running":
                return PROCESSING;
            case "completed":
            case "complete":
            case "done":
            case "succeeded":
            case "success":
                return COMPLETED;
            case "failed":
            case "error":
                return FAILED;
            case "cancelled":
            case "canceled":
                return CANCELLED;
            default:
                return UNKNOWN;
        }
    }
}
