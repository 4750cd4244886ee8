package io.github.nemosdk.internal.http;

import io.github.nemosdk.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on a {@link ManualTicker}: tasks run, on the test's thread, when {@link #advance(Duration)} moves the
 * ticker past their time, in time order. Only one-shot {@code schedule(Runnable, …)} is supported.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final ManualTicker ticker;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long sequence;

    ManualScheduler(ManualTicker ticker) {
        this.ticker = ticker;
    }

    /** Moves the ticker forward step by step, running every task that comes due on the way at its own time. */
    void advance(Duration d) {
        long end = ticker.nanoTime() + d.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at > end) {
                    break;
                }
                queue.poll();
            }
            ticker.advance(Duration.ofNanos(Math.max(0, next.at - ticker.nanoTime())));
            if (!next.cancelled) {
                next.run.run();
            }
        }
        ticker.advance(Duration.ofNanos(end - ticker.nanoTime()));
    }

    /** The tasks still waiting. */
    synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task t = new Task(ticker.nanoTime() + unit.toNanos(delay), sequence++, command);
        queue.add(t);
        return t;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object> {
        final long at;
        final long seq;
        final Runnable run;
        volatile boolean cancelled;

        Task(long at, long seq, Runnable run) {
            this.at = at;
            this.seq = seq;
            this.run = run;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - ticker.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }
}
