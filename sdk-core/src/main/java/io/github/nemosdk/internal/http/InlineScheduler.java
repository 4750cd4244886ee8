package io.github.nemosdk.internal.http;

import dev.failsafe.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a Failsafe execution on the calling thread: each attempt runs at once, after the delay the policy chose,
 * waited with the client's {@link Pause} (so tests drive it and {@code close()} ends it). A delay that would end
 * after the call's deadline, read from the client's clock, is not waited: the attempt fails with
 * {@link OutOfTime}, and the caller reports the last real failure instead. Before each retry's wait it tells the
 * caller the delay. One instance per call.
 */
final class InlineScheduler implements Scheduler {
    /** No retry fits in the time left. */
    static final class OutOfTime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super(null, null, false, false);
        }
    }

    private final Pause pause;
    private final Clock clock;
    private final Instant deadline;
    private final BooleanSupplier isRetry;
    private final Consumer<Duration> beforeRetry;

    InlineScheduler(Pause pause, Clock clock, Instant deadline, BooleanSupplier isRetry,
            Consumer<Duration> beforeRetry) {
        this.pause = pause;
        this.clock = clock;
        this.deadline = deadline;
        this.isRetry = isRetry;
        this.beforeRetry = beforeRetry;
    }

    @Override
    public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
        Duration d = Duration.ofNanos(unit.toNanos(delay));
        if (d.compareTo(Duration.ZERO) > 0 && clock.instant().plus(d).isAfter(deadline)) {
            throw new OutOfTime();
        }
        if (isRetry.getAsBoolean()) {
            beforeRetry.accept(d);
        }
        // a wait that fails (closed client, interrupt) fails the execution with its exception
        pause.sleep(d);
        CompletableFuture<Object> done = new CompletableFuture<>();
        try {
            done.complete(callable.call());
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
        return new AsyncScheduler.Pending(done);
    }
}
