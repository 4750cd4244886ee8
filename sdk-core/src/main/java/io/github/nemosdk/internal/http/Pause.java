package io.github.nemosdk.internal.http;

import io.github.nemosdk.Sleeper;
import io.github.nemosdk.errors.ClientClosedException;
import io.github.nemosdk.errors.NemoInterruptedException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client's waits between attempts and polls: the configured {@link Sleeper}, or else a wait that
 * {@link #close()} ends at once.
 */
public final class Pause implements AutoCloseable {
    private final Sleeper sleeper;
    private final CountDownLatch closing = new CountDownLatch(1);

    /**
     * Creates the waits of one client.
     *
     * @param sleeper the configured sleeper, or null for the client's own closeable wait
     */
    public Pause(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /**
     * Waits. An interruption restores the flag and becomes a {@link NemoInterruptedException}; a closed client a
     * {@link ClientClosedException}.
     *
     * @param d how long; zero or less returns at once
     */
    public void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            if (sleeper == null) {
                if (closing.await(d.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new ClientClosedException("a wait between calls");
                }
            } else {
                sleeper.sleep(d);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NemoInterruptedException(e);
        }
        ensureOpen();
    }

    /**
     * The asynchronous wait: a future completed after {@code d}, scheduled on the timer, without a thread waiting
     * for it. With an injected {@link Sleeper} (tests drive time through it), the Sleeper waits on the blocking
     * executor instead. A cancel of the call fails the wait with a {@link java.util.concurrent.CancellationException}
     * and the client's {@code close()} with a {@link ClientClosedException}, at once: what follows the wait learns of
     * it and ends.
     *
     * @param timer    the client's scheduler
     * @param blocking runs the injected Sleeper
     * @param live     the client's work under way, ended by {@code close()}
     * @return the waits
     */
    public Timer timer(java.util.function.Supplier<java.util.concurrent.ScheduledExecutorService> timer,
            java.util.concurrent.Executor blocking, LiveExchanges live) {
        return (d, cancel) -> {
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            if (d.isZero() || d.isNegative()) {
                done.complete(null);
                return done;
            }
            LiveExchanges.Registration registration = live.add(() -> done.completeExceptionally(
                    new ClientClosedException("a wait between calls")));
            Cancellation.Hook hook = cancel.onCancel(() -> done.completeExceptionally(
                    new java.util.concurrent.CancellationException("the call was cancelled")));
            done.whenComplete((v, e) -> {
                registration.close();
                hook.remove();
            });
            try {
                ensureOpen();
                if (sleeper != null) {
                    blocking.execute(() -> {
                        try {
                            sleep(d);
                            done.complete(null);
                        } catch (RuntimeException e) {
                            done.completeExceptionally(e);
                        }
                    });
                } else {
                    java.util.concurrent.ScheduledFuture<?> f = timer.get().schedule(() -> done.complete(null),
                            d.toNanos(), TimeUnit.NANOSECONDS);
                    done.whenComplete((v, e) -> f.cancel(false)); // a cancelled wait leaves no task behind
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
            return done;
        };
    }

    private void ensureOpen() {
        if (closing.getCount() == 0) {
            throw new ClientClosedException(null);
        }
    }

    /** Ends every wait under way, and every later one at once. Idempotent. */
    @Override
    public void close() {
        closing.countDown();
    }
}
