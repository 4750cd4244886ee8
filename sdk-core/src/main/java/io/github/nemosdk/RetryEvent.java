package io.github.nemosdk;

import io.github.nemosdk.errors.NemoException;
import java.time.Duration;
import java.util.Objects;

/**
 * A retry as a {@link ClientListener} sees it: the attempt that failed, why, and the wait before the next. Immutable.
 */
public final class RetryEvent {
    private final String endpoint;
    private final int failedAttempt;
    private final NemoException reason;
    private final Duration delay;

    private RetryEvent(String endpoint, int failedAttempt, NemoException reason, Duration delay) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.failedAttempt = failedAttempt;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.delay = Objects.requireNonNull(delay, "delay");
    }

    /**
     * Creates an event.
     *
     * @param endpoint      the endpoint name, e.g. {@code credits}
     * @param failedAttempt the 1-based number of the attempt that failed
     * @param reason        its failure (a 429, a broken connection, a gateway error)
     * @param delay         the wait before the next attempt
     * @return the event
     */
    public static RetryEvent of(String endpoint, int failedAttempt, NemoException reason, Duration delay) {
        return new RetryEvent(endpoint, failedAttempt, reason, delay);
    }

    /**
     * The endpoint name.
     *
     * @return the endpoint name
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * The 1-based number of the attempt that failed.
     *
     * @return the 1-based number of the attempt that failed
     */
    public int failedAttempt() {
        return failedAttempt;
    }

    /**
     * Why the attempt failed.
     *
     * @return why the attempt failed
     */
    public NemoException reason() {
        return reason;
    }

    /**
     * The wait before the next attempt.
     *
     * @return the wait before the next attempt
     */
    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        return "RetryEvent{" + endpoint + " attempt " + failedAttempt + " failed with "
                + reason.getClass().getSimpleName() + "; next in " + delay.toMillis() + " ms}";
    }
}
