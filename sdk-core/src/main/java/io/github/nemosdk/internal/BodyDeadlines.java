package io.github.nemosdk.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The deadlines of the response bodies being read, checked by one periodic sweep instead of one timer per response:
 * scheduling a timer per call wakes the timer thread for every call, which on a small machine costs more than the
 * call itself. A body past its deadline is aborted at the next sweep, so a deadline fires at most one period late.
 * The sweep runs only while bodies are watched (and a few seconds after), on the client's watchdog thread.
 */
final class BodyDeadlines {

    /** Sweeps with nothing to watch before the sweeping stops. */
    private static final int IDLE_SWEEPS = 50;

    /** A body with a deadline. */
    interface Watched {
        /**
         * When the body is overdue, on the {@link System#nanoTime()} scale.
         *
         * @return the deadline
         */
        long deadlineNanos();

        /** Gives up on the body. */
        void abort();
    }

    private final Set<Watched> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final Supplier<ScheduledExecutorService> scheduler;
    private final long periodNanos;
    /** Consecutive sweeps that found nothing; touched by the sweeps only, which run one after another. */
    private int idle;

    /**
     * Creates the deadlines of one client.
     *
     * @param scheduler   the client's watchdog, asked for only once a body is watched
     * @param periodNanos how often overdue bodies are looked for
     */
    BodyDeadlines(Supplier<ScheduledExecutorService> scheduler, long periodNanos) {
        this.scheduler = scheduler;
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), periodNanos);
    }

    /** Starts watching a body; cheap: no thread is woken. */
    void watch(Watched body) {
        live.add(body);
        if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
            schedule();
        }
    }

    /** Stops watching a body (it ended, one way or another). */
    void forget(Watched body) {
        live.remove(body);
    }

    private void schedule() {
        try {
            scheduler.get().schedule(this::sweep, periodNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException | IllegalStateException closed) {
            sweeping.set(false); // the client is closing: its HTTP exchanges end with it
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watched body : live) {
            if (now - body.deadlineNanos() >= 0) {
                live.remove(body);
                body.abort();
            }
        }
        if (!live.isEmpty()) {
            idle = 0;
        } else if (++idle >= IDLE_SWEEPS) {
            idle = 0; // for whichever sweep runs next
            sweeping.set(false);
            // a body watched just now either saw the sweep running or starts a new one; never none
            if (live.isEmpty() || !sweeping.compareAndSet(false, true)) {
                return;
            }
        }
        schedule();
    }
}
