package io.github.nemosdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.ManualTicker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Body deadlines fire at their own time, not up to a sweep period late; time is the test's ticker. */
class BodyDeadlinesTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final ManualTicker ticker = new ManualTicker();
    private final ManualScheduler scheduler = new ManualScheduler(ticker);

    /** A body with a deadline that records when it was aborted. */
    private final class Body implements BodyDeadlines.Watched {
        final long deadline;
        long abortedAt = -1;

        Body(long inMillis) {
            this.deadline = ticker.nanoTime() + inMillis * MS;
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public void abort() {
            abortedAt = ticker.nanoTime();
        }
    }

    @Test
    void aDeadlineBetweenTwoSweepsFiresAtItsTimeNotAtTheNextSweep() {
        BodyDeadlines deadlines = new BodyDeadlines(() -> scheduler, 100 * MS, ticker);
        Body body = new Body(130); // a fixed 100 ms sweep would see it only at 200 ms
        deadlines.watch(body);
        scheduler.advance(Duration.ofMillis(129));
        assertThat(body.abortedAt).as("aborted before its deadline").isEqualTo(-1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(body.abortedAt).isEqualTo(body.deadline);
    }

    @Test
    void anEarlierDeadlineMovesTheNextSweepForward() {
        BodyDeadlines deadlines = new BodyDeadlines(() -> scheduler, 400 * MS, ticker);
        Body later = new Body(2_000);
        deadlines.watch(later);
        Body sooner = new Body(60);
        deadlines.watch(sooner);
        scheduler.advance(Duration.ofMillis(60));
        assertThat(sooner.abortedAt).isEqualTo(sooner.deadline);
        assertThat(later.abortedAt).isEqualTo(-1);
        deadlines.forget(later);
    }

    @Test
    void sweepsStopWhenNothingIsWatched() {
        BodyDeadlines deadlines = new BodyDeadlines(() -> scheduler, 100 * MS, ticker);
        Body body = new Body(50);
        deadlines.watch(body);
        scheduler.advance(Duration.ofMillis(50));
        assertThat(body.abortedAt).isEqualTo(body.deadline);
        deadlines.forget(body);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(scheduler.pending()).as("sweeps still scheduled with nothing to watch").isZero();
    }
}
