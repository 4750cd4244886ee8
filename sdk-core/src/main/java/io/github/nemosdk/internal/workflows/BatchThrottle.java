package io.github.nemosdk.internal.workflows;

import io.github.nemosdk.RequestEvent;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.internal.http.ResponseCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Slows a whole batch when the service rate-limits it: a step refused with 429 (after the client's own retries) makes
 * every worker wait until the service's {@code Retry-After} has passed before its next step, and the refused step is
 * run again (a 429 means the service did not act on it). After a few refusals in a row the step fails. A step that
 * must never run twice (a chat message, a render) is repeated only when its request provably never reached the
 * service, or not at all.
 */
final class BatchThrottle {
    private static final int MAX_PAUSES = 5;

    private final Clock clock;
    private final Consumer<Duration> sleep;
    private final Duration defaultDelay;
    private final int maxPauses;
    private Instant notBefore = Instant.MIN;

    BatchThrottle(Clock clock, Consumer<Duration> sleep, Duration defaultDelay) {
        this(clock, sleep, defaultDelay, MAX_PAUSES);
    }

    private BatchThrottle(Clock clock, Consumer<Duration> sleep, Duration defaultDelay, int maxPauses) {
        this.clock = clock;
        this.sleep = sleep;
        this.defaultDelay = defaultDelay;
        this.maxPauses = maxPauses;
    }

    /** A throttle that never pauses: a 429 is the step's failure at once, as for a single quick edit. */
    static BatchThrottle none() {
        return new BatchThrottle(Clock.systemUTC(), d -> { }, Duration.ZERO, 0);
    }

    /**
     * Runs a step that a 429 proves was not acted on, waiting out the batch's pause first.
     *
     * @param <T>  the result type
     * @param step the step
     * @return its result
     */
    <T> T run(Supplier<T> step) {
        return run(step, null);
    }

    /**
     * Runs a step that must not be repeated once the service has acted on it (a chat message): a 429 is repeated
     * only when no attempt of the step's request reached the service; otherwise it is the step's failure.
     *
     * @param <T>      the result type
     * @param step     the step
     * @param endpoint the name of the request that must not be repeated once answered, e.g. {@code chat}
     * @return its result
     */
    <T> T runOnce(Supplier<T> step, String endpoint) {
        return run(step, Objects.requireNonNull(endpoint, "endpoint"));
    }

    private <T> T run(Supplier<T> step, String once) {
        for (int pauses = 0; ; pauses++) {
            awaitClear();
            List<RequestEvent> exchanges = new ArrayList<>();
            try {
                return once == null ? step.get() : ResponseCapture.capture(step, exchanges);
            } catch (RateLimitedException e) {
                boolean acted = exchanges.stream().anyMatch(x -> x.endpoint().equals(once)
                        && x.status().isPresent() && x.status().getAsInt() < 300);
                if (acted || pauses >= maxPauses) {
                    throw e; // it reached the service: a resumed run recovers it from the timeline
                }
                pause(e.retryAfter().orElse(defaultDelay));
            }
        }
    }

    private synchronized void pause(Duration d) {
        Instant until = clock.instant().plus(d);
        if (until.isAfter(notBefore)) {
            notBefore = until;
        }
    }

    private void awaitClear() {
        Duration wait;
        synchronized (this) {
            wait = Duration.between(clock.instant(), notBefore);
        }
        if (!wait.isNegative() && !wait.isZero()) {
            sleep.accept(wait);
        }
    }
}
