package io.github.nemosdk.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the heap in use ({@link MemoryMXBean#getHeapMemoryUsage()}) from a daemon thread at a fixed interval and
 * keeps the highest value seen since the last {@link #reset()}. The figure includes garbage not yet collected, so
 * it is an upper bound of what a variant needs.
 */
public final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler(long intervalMillis) {
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
    }

    /**
     * Starts sampling.
     *
     * @param intervalMillis the time between samples
     * @return the running sampler
     */
    public static HeapSampler start(long intervalMillis) {
        HeapSampler sampler = new HeapSampler(intervalMillis);
        sampler.thread.start();
        return sampler;
    }

    /** Takes one sample now (also done by the sampling thread). */
    public void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
    }

    /** Forgets the peak and starts again from the current value. */
    public void reset() {
        peak.set(0);
        sample();
    }

    /**
     * The highest heap use sampled since the last reset.
     *
     * @return bytes
     */
    public long peak() {
        sample();
        return peak.get();
    }

    /** Stops the sampling thread. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
