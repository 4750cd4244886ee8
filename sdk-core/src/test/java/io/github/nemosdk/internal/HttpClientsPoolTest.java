package io.github.nemosdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SDK's own HTTP executor: bounded, and never refusing work while the client is open. */
class HttpClientsPoolTest {

    @Test
    @Timeout(30)
    void moreBlockedTasksThanThreadsAllRunWithinTheBound() throws Exception {
        ThreadPoolExecutor pool = HttpClients.ownPool();
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        try {
            int tasks = 3 * HttpClients.POOL_THREADS;
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(HttpClients.POOL_THREADS);
            CountDownLatch done = new CountDownLatch(tasks);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            for (int i = 0; i < tasks; i++) {
                pool.execute(() -> { // none is refused, though every thread is busy
                    used.add(Thread.currentThread());
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).as("every thread of the pool at work").isTrue();
            assertThat(used).as("threads while %d tasks wait", tasks).hasSize(HttpClients.POOL_THREADS);
            release.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).as("the queued tasks ran too").isTrue();
            assertThat(peak).hasValue(HttpClients.POOL_THREADS);
            assertThat(used).as("threads that ran all %d tasks", tasks).hasSize(HttpClients.POOL_THREADS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aShutDownPoolRefusesWork() {
        ThreadPoolExecutor pool = HttpClients.ownPool();
        pool.shutdown();
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }
}
