package io.github.nemosdk.internal.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded body collector of small calls, and the swept deadlines that end a stalled body. */
class BoundedBodyTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final BodyDeadlines deadlines = new BodyDeadlines(() -> scheduler, TimeUnit.MILLISECONDS.toNanos(10),
            io.github.nemosdk.Ticker.system());

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** Counts what the subscriber asks of its subscription. */
    private static final class FakeSubscription implements Flow.Subscription {
        long requested;
        final AtomicInteger cancels = new AtomicInteger();

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }
    }

    private static HttpResponse.ResponseInfo info(int status, Long contentLength) {
        Map<String, List<String>> headers = contentLength == null ? Map.of()
                : Map.of("content-length", List.of(contentLength.toString()));
        HttpHeaders h = HttpHeaders.of(headers, (a, b) -> true);
        return new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpHeaders headers() {
                return h;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }

    private BoundedBody body(int status, Long length, long limit, boolean refuse, Duration timeout) {
        return BoundedBody.of(info(status, length).headers(), limit, refuse, deadlines, timeout);
    }

    private static List<ByteBuffer> chunk(String s) {
        return List.of(ByteBuffer.wrap(s.getBytes(UTF_8)));
    }

    private static Throwable failure(CompletableFuture<byte[]> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
            throw new AssertionError("the body completed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBodyInPiecesComesWholeWithAndWithoutAnAnnouncedLength() throws Exception {
        for (Long length : new Long[] {11L, null}) {
            BoundedBody b = body(200, length, 1000, true, Duration.ofSeconds(5));
            FakeSubscription s = new FakeSubscription();
            b.onSubscribe(s);
            b.onNext(chunk("hello "));
            b.onNext(List.of(ByteBuffer.wrap("wor".getBytes(UTF_8)), ByteBuffer.wrap("ld".getBytes(UTF_8))));
            b.onComplete();
            b.disarm();

            assertThat(new String(b.getBody().toCompletableFuture().get(), UTF_8)).isEqualTo("hello world");
            assertThat(s.requested).isEqualTo(Long.MAX_VALUE);
            assertThat(s.cancels).hasValue(0);
        }
    }

    @Test
    void memoryFollowsTheBytesThatArriveNotTheLengthAnnounced() throws Exception {
        BoundedBody liar = body(200, 66_000_000L, 64L << 20, true, Duration.ofSeconds(5));
        liar.onSubscribe(new FakeSubscription());
        assertThat(liar.capacity()).as("allocated before any byte").isLessThanOrEqualTo(BoundedBody.INITIAL_MAX);
        liar.onNext(chunk("x"));
        assertThat(liar.capacity()).isLessThanOrEqualTo(BoundedBody.INITIAL_MAX);
        liar.disarm();

        // a true large length still works, growing as the bytes come
        byte[] big = new byte[300_000];
        java.util.Arrays.fill(big, (byte) 'a');
        BoundedBody honest = body(200, (long) big.length, 64L << 20, true, Duration.ofSeconds(5));
        honest.onSubscribe(new FakeSubscription());
        for (int off = 0; off < big.length; off += 50_000) {
            honest.onNext(List.of(ByteBuffer.wrap(big, off, 50_000)));
        }
        honest.onComplete();
        honest.disarm();
        assertThat(honest.getBody().toCompletableFuture().get()).isEqualTo(big);
    }

    @Test
    void aSuccessfulBodyLargerThanTheLimitIsRefusedAndItsConnectionLetGo() {
        BoundedBody b = body(200, null, 8, true, Duration.ofSeconds(5));
        FakeSubscription s = new FakeSubscription();
        b.onSubscribe(s);
        b.onNext(chunk("12345"));
        b.onNext(chunk("6789"));
        b.onNext(chunk("more after the refusal is ignored"));
        b.onComplete();

        assertThat(failure(b.getBody().toCompletableFuture())).isInstanceOf(BoundedBody.TooLarge.class);
        assertThat(s.cancels).hasValue(1);
    }

    @Test
    void anErrorPageLargerThanTheLimitKeepsItsFirstBytes() {
        BoundedBody b = body(502, 5_000_000L, 8, false, Duration.ofSeconds(5));
        FakeSubscription s = new FakeSubscription();
        b.onSubscribe(s);
        b.onNext(chunk("<html>Bad Gateway"));

        Throwable t = failure(b.getBody().toCompletableFuture());
        assertThat(t).isInstanceOf(BoundedBody.Truncated.class);
        assertThat(new String(((BoundedBody.Truncated) t).kept(), UTF_8)).isEqualTo("<html>Ba");
        assertThat(s.cancels).hasValue(1);
    }

    @Test
    void aBrokenBodyIsToldApartFromAMissingResponse() {
        BoundedBody b = body(200, 100L, 1000, true, Duration.ofSeconds(5));
        b.onSubscribe(new FakeSubscription());
        b.onNext(chunk("{\"code\":"));
        b.onError(new java.io.EOFException("closed mid-body"));

        assertThat(failure(b.getBody().toCompletableFuture())).isInstanceOf(BoundedBody.BodyFailed.class)
                .hasCauseInstanceOf(java.io.EOFException.class);
    }

    @Test
    void aStalledBodyIsAbandonedAtItsDeadlineAndAFinishedOneNever() throws Exception {
        io.github.nemosdk.ManualTicker ticker = new io.github.nemosdk.ManualTicker();
        ManualScheduler manual = new ManualScheduler(ticker);
        BodyDeadlines timed = new BodyDeadlines(() -> manual, TimeUnit.MILLISECONDS.toNanos(10), ticker);
        BoundedBody stalled = BoundedBody.of(info(200, 100L).headers(), 1000, true, timed, Duration.ofMillis(100));
        FakeSubscription s = new FakeSubscription();
        BoundedBody done = BoundedBody.of(info(200, 2L).headers(), 1000, true, timed, Duration.ofMillis(100));
        stalled.onSubscribe(s);
        stalled.onNext(chunk("{\"co"));
        done.onSubscribe(new FakeSubscription());
        done.onNext(chunk("{}"));
        done.onComplete();
        done.disarm();

        manual.advance(Duration.ofMillis(99));
        assertThat(stalled.getBody().toCompletableFuture()).as("abandoned before its deadline").isNotDone();
        manual.advance(Duration.ofMillis(1));
        assertThat(failure(stalled.getBody().toCompletableFuture())).isInstanceOf(BoundedBody.Aborted.class);
        assertThat(s.cancels).hasValue(1);
        assertThat(new String(done.getBody().toCompletableFuture().get(), UTF_8)).isEqualTo("{}");
    }

    @Test
    void anErrorProvokedByItsOwnCancellationDoesNotChangeHowTheBodyEnds() {
        // JDK 25 reports a cancelled body to the subscriber as an error, from inside cancel()
        BoundedBody[] self = new BoundedBody[1];
        Flow.Subscription reporting = new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                self[0].onError(new java.io.IOException("subscription cancelled"));
            }
        };
        self[0] = body(200, null, 4, true, Duration.ofSeconds(5));
        self[0].onSubscribe(reporting);
        self[0].onNext(chunk("12345"));
        assertThat(failure(self[0].getBody().toCompletableFuture())).isInstanceOf(BoundedBody.TooLarge.class);

        self[0] = body(200, 100L, 1000, true, Duration.ofMillis(30));
        self[0].onSubscribe(reporting);
        assertThat(failure(self[0].getBody().toCompletableFuture())).isInstanceOf(BoundedBody.Aborted.class);
    }

    @Test
    void theSweepStopsOnceNothingIsWatchedAndStartsAgainWhenNeeded() throws Exception {
        BoundedBody first = body(200, null, 1000, true, Duration.ofSeconds(5));
        first.onSubscribe(new FakeSubscription());
        first.onComplete();
        first.disarm();
        // 50 idle sweeps of 10 ms: the sweep ends and leaves nothing queued. A sweep that is running is not in the
        // queue either, so "stopped" means: nothing queued and no sweep run for several periods in a row.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int quiet = 0;
        long runs = scheduler.getCompletedTaskCount();
        while (quiet < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            long now = scheduler.getCompletedTaskCount();
            quiet = scheduler.getQueue().isEmpty() && scheduler.getActiveCount() == 0 && now == runs ? quiet + 1 : 0;
            runs = now;
        }
        assertThat(quiet).as("sweeps still running after 5 s").isEqualTo(5);

        BoundedBody later = body(200, 10L, 1000, true, Duration.ofMillis(50));
        later.onSubscribe(new FakeSubscription());
        assertThatThrownBy(() -> later.getBody().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(BoundedBody.Aborted.class);
    }
}
