package io.github.nemosdk.internal.http;

import dev.failsafe.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs an asynchronous Failsafe execution without a thread of its own: the first attempt runs on the thread that
 * asks for it (it only starts a non-blocking exchange); a retry when the client's {@link Timer} fires, or, for a
 * policy without delays, on the hand-off executor (Failsafe expects a retry to start after it was scheduled, never
 * within). As {@link InlineScheduler}, a delay that would end after the call's deadline is refused with
 * {@link InlineScheduler.OutOfTime}, and the caller is told each retry's delay first. One instance per call.
 */
public final class AsyncScheduler implements Scheduler {
    private final Timer timer;
    private final Executor handoff;
    private volatile boolean first = true;
    private final Clock clock;
    private final Instant deadline;
    private final BooleanSupplier isRetry;
    private final Consumer<Duration> beforeRetry;
    private final Cancellation cancel;

    AsyncScheduler(Timer timer, Clock clock, Instant deadline, BooleanSupplier isRetry,
            Consumer<Duration> beforeRetry, Cancellation cancel) {
        this(timer, null, clock, deadline, isRetry, beforeRetry, cancel);
    }

    private AsyncScheduler(Timer timer, Executor handoff, Clock clock, Instant deadline, BooleanSupplier isRetry,
            Consumer<Duration> beforeRetry, Cancellation cancel) {
        this.timer = timer;
        this.handoff = handoff;
        this.clock = clock;
        this.deadline = deadline;
        this.isRetry = isRetry;
        this.beforeRetry = beforeRetry;
        this.cancel = cancel;
    }

    /**
     * A scheduler for one call of a policy without delays (re-authentication, session recreation): the first
     * attempt runs at once, the retry on the hand-off executor.
     *
     * @param handoff runs the retry
     * @return the scheduler
     */
    public static Scheduler immediate(Executor handoff) {
        return new AsyncScheduler(null, handoff, null, Instant.MAX, () -> false, d -> { }, Cancellation.NONE);
    }

    /**
     * Runs asynchronous attempts under a Failsafe executor: each attempt's future records its outcome with the
     * execution (Failsafe's async execution, which leaves the attempt's own future alone when it schedules the next).
     *
     * @param <R>      the result type
     * @param failsafe the policy and its scheduler
     * @param attempt  starts one attempt, given the execution's context
     * @return the outcome after the policy; failed with the last failure, unwrapped
     */
    public static <R> CompletableFuture<R> execute(dev.failsafe.FailsafeExecutor<R> failsafe,
            java.util.function.Function<dev.failsafe.ExecutionContext<R>, CompletableFuture<R>> attempt) {
        CompletableFuture<R> out = new CompletableFuture<>();
        failsafe.getAsyncExecution(execution -> Futures.attempt(() -> attempt.apply(execution))
                .whenComplete((r, e) -> execution.record(r, e == null ? null : Futures.unwrap(e))))
                .whenComplete((r, e) -> {
                    if (e == null) {
                        out.complete(r);
                    } else {
                        out.completeExceptionally(Futures.unwrap(e));
                    }
                });
        return out;
    }

    @Override
    public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
        Duration d = Duration.ofNanos(unit.toNanos(delay));
        CompletableFuture<Object> done = new CompletableFuture<>();
        if (first) {
            first = false;
            run(callable, done);
            return new Pending(done);
        }
        if (timer == null) {
            try {
                handoff.execute(() -> run(callable, done));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                throw e;
            }
            return new Pending(done);
        }
        if (d.compareTo(Duration.ZERO) > 0 && clock.instant().plus(d).isAfter(deadline)) {
            throw new InlineScheduler.OutOfTime();
        }
        if (isRetry.getAsBoolean()) {
            beforeRetry.accept(d);
        }
        // a wait ended by a cancel or close() still runs the attempt: it fails at once, sending nothing
        timer.after(d.isZero() || d.isNegative() ? Duration.ofNanos(1) : d, cancel)
                .whenComplete((v, e) -> run(callable, done));
        return new Pending(done);
    }

    private static void run(Callable<?> callable, CompletableFuture<Object> done) {
        try {
            done.complete(callable.call());
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
    }

    /** An attempt, due or done, as Failsafe expects it back. */
    static final class Pending implements ScheduledFuture<Object> {
        private final CompletableFuture<Object> f;

        Pending(CompletableFuture<Object> f) {
            this.f = f;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(0, o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return f.cancel(false);
        }

        @Override
        public boolean isCancelled() {
            return f.isCancelled();
        }

        @Override
        public boolean isDone() {
            return f.isDone();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return f.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                TimeoutException {
            return f.get(timeout, unit);
        }
    }
}
