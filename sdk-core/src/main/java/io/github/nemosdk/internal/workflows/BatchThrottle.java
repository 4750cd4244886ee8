package io.github.nemosdk.internal.workflows;

import io.github.nemosdk.errors.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Slows a whole batch when the service rate-limits it: a step refused with 429 (after the client's own retries) makes
 * every worker wait until the service's {@code Retry-After} has passed before its next step, and the refused step is
 * run again (a 429 means the service did not act on it). After a few refusals in a row the step fails.
 */
final class BatchThrottle {
    private static final int MAX_PAUSES = 5;

    private final Clock clock;
    private final Consumer<Duration> sleep;
    private final Duration defaultDelay;
    private Instant notBefore = Instant.MIN;

    BatchThrottle(Clock clock, Consumer<Duration> sleep, Duration defaultDelay) {
        this.clock = clock;
        this.sleep = sleep;
        this.defaultDelay = defaultDelay;
    }

    /**
     * Runs a step that a 429 proves was not acted on, waiting out the batch's pause first.
     *
     * @param <T>  the result type
     * @param step the step
     * @return its result
     */
    <T> T run(Supplier<T> step) {
        for (int pauses = 0; ; pauses++) {
            awaitClear();
            try {
                return step.get();
            } catch (RateLimitedException e) {
                if (pauses >= MAX_PAUSES) {
                    throw e;
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
