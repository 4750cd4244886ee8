package io.github.nemosdk.errors;

/**
 * A chat turn ran past one of its deadlines and the SDK closed the stream. The message was sent and the edit may
 * still be applied: read the state (or use {@code client.chat(id).recover(before)}) before sending it again.
 */
public class ChatTimeoutException extends NemoTimeoutException {
    private static final long serialVersionUID = 1L;

    /** Which deadline passed. */
    public enum Reason {
        /** The whole turn took longer than {@code ChatSettings.turnTimeout} (15 minutes by default). */
        TURN_TIMEOUT,
        /** Only heartbeats arrived for {@code ChatSettings.heartbeatOnlyTimeout} (10 minutes by default). */
        HEARTBEATS_ONLY,
        /** Not a byte arrived for {@code ChatSettings.idleTimeout}: the stream stalled. */
        IDLE
    }

    /** Which deadline passed. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason  which deadline passed
     * @param message what happened, which setting controls it, and what to do
     */
    public ChatTimeoutException(Reason reason, String message) {
        super(message, null);
        this.reason = reason;
    }

    /**
     * Which deadline passed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
