package io.github.nemosdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Body deadlines fire on time, not up to a sweep period late. */
class BodyDeadlinesTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A body with a deadline that records when it was aborted. */
    private static final class Body implements BodyDeadlines.Watched {
        final long deadline;
        final CompletableFuture<Long> abortedAt = new CompletableFuture<>();

        Body(long inMillis) {
            this.deadline = System.nanoTime() + inMillis * MS;
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public void abort() {
            abortedAt.complete(System.nanoTime());
        }

        long lateMillis() throws Exception {
            return (abortedAt.get(5, TimeUnit.SECONDS) - deadline) / MS;
        }
    }

    @Test
    void aDeadlineBetweenTwoSweepsFiresAtItsTimeNotAtTheNextSweep() throws Exception {
        BodyDeadlines deadlines = new BodyDeadlines(() -> scheduler, 100 * MS);
        Body body = new Body(130); // a fixed 100 ms sweep would see it only at 200 ms
        deadlines.watch(body);
        assertThat(body.lateMillis()).isBetween(0L, 50L);
    }

    @Test
    void anEarlierDeadlineMovesTheNextSweepForward() throws Exception {
        BodyDeadlines deadlines = new BodyDeadlines(() -> scheduler, 400 * MS);
        Body later = new Body(2_000);
        deadlines.watch(later);
        Body sooner = new Body(60);
        deadlines.watch(sooner);
        assertThat(sooner.lateMillis()).isBetween(0L, 50L);
        assertThat(later.abortedAt).isNotDone();
        deadlines.forget(later);
    }
}
