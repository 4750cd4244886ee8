package io.github.nemosdk.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The deadlines of the response bodies being read, checked by one chain of sweeps instead of one timer per response:
 * scheduling a timer per call wakes the timer thread for every call, which on a small machine costs more than the
 * call itself. Each sweep aborts the overdue bodies and schedules the next one for the earliest deadline still
 * watched, or one period later if that comes first; a body whose deadline is earlier than the next sweep moves the
 * sweep forward. So a deadline fires on time (to the scheduler's precision), while a stream of quick calls, whose
 * deadlines lie far ahead, costs one wake-up per period. The sweeps run only while bodies are watched (and a few
 * seconds after), on the client's watchdog thread.
 */
final class BodyDeadlines {

    /** Sweeps with nothing to watch before the sweeping stops. */
    private static final int IDLE_SWEEPS = 50;

    /** A body with a deadline. */
    interface Watched {
        /**
         * When the body is overdue, on the scale of the client's {@link io.github.nemosdk.Ticker}.
         *
         * @return the deadline
         */
        long deadlineNanos();

        /** Gives up on the body. */
        void abort();
    }

    private final Set<Watched> live = ConcurrentHashMap.newKeySet();
    private final Supplier<ScheduledExecutorService> scheduler;
    private final long periodNanos;
    private final io.github.nemosdk.Ticker ticker;
    private final Object lock = new Object();
    /** The next sweep, or null when none is scheduled. Guarded by {@link #lock}. */
    private ScheduledFuture<?> next;
    /** When {@link #next} runs, on the {@code nanoTime} scale. Guarded by {@link #lock}. */
    private long nextAt;
    /** Consecutive sweeps that found nothing; touched by the sweeps only, which run one after another. */
    private int idle;

    /**
     * Creates the deadlines of one client.
     *
     * @param scheduler   the client's watchdog (one thread), asked for only once a body is watched
     * @param periodNanos the longest time between two sweeps while bodies are watched
     * @param ticker      the time source of the deadlines
     */
    BodyDeadlines(Supplier<ScheduledExecutorService> scheduler, long periodNanos, io.github.nemosdk.Ticker ticker) {
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), periodNanos);
    }

    /** Now, on the deadlines' scale. */
    long now() {
        return ticker.nanoTime();
    }

    /** Starts watching a body; cheap unless its deadline comes before the next sweep. */
    void watch(Watched body) {
        live.add(body);
        sweepBy(body.deadlineNanos());
    }

    /** Stops watching a body (it ended, one way or another). */
    void forget(Watched body) {
        live.remove(body);
    }

    /** Makes sure a sweep runs no later than {@code at} (and no later than one period from now). */
    private void sweepBy(long at) {
        synchronized (lock) {
            long now = ticker.nanoTime();
            long when = Math.min(at, now + periodNanos);
            if (next != null && nextAt - when <= 0) {
                return; // the next sweep comes soon enough
            }
            if (next != null) {
                next.cancel(false);
            }
            schedule(now, when);
        }
    }

    /** Schedules the next sweep at {@code when}; the caller holds the lock. */
    private void schedule(long now, long when) {
        try {
            next = scheduler.get().schedule(this::sweep, Math.max(0, when - now), TimeUnit.NANOSECONDS);
            nextAt = when;
        } catch (RejectedExecutionException | IllegalStateException
                | io.github.nemosdk.errors.ClientClosedException closed) {
            next = null; // the client is closing: its HTTP exchanges end with it
        }
    }

    private void sweep() {
        synchronized (lock) {
            next = null; // from here on, a body watched with an early deadline schedules its own sweep
        }
        long now = ticker.nanoTime();
        long earliest = now + periodNanos;
        for (Watched body : live) {
            long deadline = body.deadlineNanos();
            if (now - deadline >= 0) {
                live.remove(body);
                body.abort();
            } else if (deadline - earliest < 0) {
                earliest = deadline;
            }
        }
        synchronized (lock) {
            if (!live.isEmpty()) {
                idle = 0;
            } else if (++idle >= IDLE_SWEEPS) {
                idle = 0; // for whichever sweep runs next
                return; // a body watched from now on schedules a sweep again
            }
            if (next != null && nextAt - earliest <= 0) {
                return; // a body watched meanwhile asked for a sweep soon enough
            }
            if (next != null) {
                next.cancel(false);
            }
            schedule(ticker.nanoTime(), earliest);
        }
    }
}
