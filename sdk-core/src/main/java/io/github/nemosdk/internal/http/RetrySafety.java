package io.github.nemosdk.internal.http;

import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * What is safe to repeat for a request. Any request may be repeated after a failure that proves the server never
 * acted on it (a refused connection, a 429); an idempotent one also after a broken connection, a timeout or a
 * gateway status. Immutable; the retry layer builds one Failsafe policy per instance, so instances are constants.
 */
public final class RetrySafety {
    /** Not safe to repeat once sent: a chat message, a session creation. */
    public static final RetrySafety NOT_IDEMPOTENT = new RetrySafety(false, s -> false);
    /** Safe to repeat: a read; 502, 503 and 504 count as failures in transit. */
    public static final RetrySafety IDEMPOTENT = idempotent(s -> s == 502 || s == 503 || s == 504);

    private final boolean idempotent;
    private final IntPredicate transientStatuses;

    private RetrySafety(boolean idempotent, IntPredicate transientStatuses) {
        this.idempotent = idempotent;
        this.transientStatuses = transientStatuses;
    }

    /**
     * Safe to repeat, with its own idea of which statuses mean a failure in transit. Keep the result in a constant.
     *
     * @param transientStatuses true for a status worth repeating
     * @return the safety
     */
    public static RetrySafety idempotent(IntPredicate transientStatuses) {
        return new RetrySafety(true, Objects.requireNonNull(transientStatuses, "transientStatuses"));
    }

    /**
     * Whether the request may be repeated after it reached the server.
     *
     * @return true for idempotent requests
     */
    public boolean isIdempotent() {
        return idempotent;
    }

    /**
     * Whether an HTTP status means the request failed in transit.
     *
     * @param status the status
     * @return true when a repeat may succeed
     */
    public boolean isTransient(int status) {
        return idempotent && transientStatuses.test(status);
    }
}
