package io.github.nemosdk.internal.http;

import io.github.nemosdk.RequestEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the attempts made on one thread while a call runs, for {@code NemoClient.withRawResponse}: the retry
 * layer keeps every attempt of a call on the calling thread, so a thread-local list sees them all.
 */
public final class ResponseCapture {
    private static final ThreadLocal<List<RequestEvent>> ACTIVE = new ThreadLocal<>();

    private ResponseCapture() {
    }

    /**
     * Runs a call and collects its attempts.
     *
     * @param <T>       the result type
     * @param call      the call
     * @param exchanges receives the attempts, also when the call fails
     * @return the call's result
     */
    public static <T> T capture(Supplier<T> call, List<RequestEvent> exchanges) {
        List<RequestEvent> outer = ACTIVE.get();
        List<RequestEvent> mine = new ArrayList<>();
        ACTIVE.set(mine);
        try {
            return call.get();
        } finally {
            exchanges.addAll(mine);
            if (outer == null) {
                ACTIVE.remove();
            } else {
                outer.addAll(mine); // an enclosing capture sees them too
                ACTIVE.set(outer);
            }
        }
    }

    /**
     * Whether a capture is under way on this thread.
     *
     * @return true inside {@link #capture}
     */
    static boolean isActive() {
        return ACTIVE.get() != null;
    }

    /**
     * Records an ended attempt, when a capture is under way on this thread.
     *
     * @param end the attempt
     */
    static void record(RequestEvent end) {
        List<RequestEvent> active = ACTIVE.get();
        if (active != null) {
            active.add(end);
        }
    }
}
