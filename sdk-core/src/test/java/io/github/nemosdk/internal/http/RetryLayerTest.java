package io.github.nemosdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.ClientListener;
import io.github.nemosdk.ManualClock;
import io.github.nemosdk.RetryEvent;
import io.github.nemosdk.RetrySettings;
import io.github.nemosdk.errors.ClientClosedException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoInterruptedException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.errors.SessionNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The retry layer on its own: which failures it repeats, how long it waits, and when it stops. */
class RetryLayerTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();
    private final Pause pause = new Pause(d -> {
        waits.add(d);
        clock.advance(d);
    });
    private final ScriptedHandler below = new ScriptedHandler();
    private final List<RetryEvent> retries = new ArrayList<>();
    private final ClientListener listener = new ClientListener() {
        @Override
        public void onRetry(RetryEvent retry) {
            retries.add(retry);
        }
    };

    private RetryLayer layer(RetrySettings settings) {
        return new RetryLayer(below, settings, pause, pause.timer(() -> null, Runnable::run, new LiveExchanges()), clock, false, listener);
    }

    private static RetrySettings noJitter() {
        return RetrySettings.builder().jitter(0).build();
    }

    private static RateLimitedException rateLimited(Duration retryAfter) {
        return new RateLimitedException(retryAfter, 429, null, "slow down", "req_1");
    }

    private static Request read() {
        return Request.get("credits", "/api/credits").build();
    }

    private static Request write() {
        return Request.post("chat", "/run_sse").body(RequestBody.json(new byte[] {'{', '}'})).build();
    }

    @Test
    void aRateLimitWaitsWhatTheServerAskedThenRepeatsEvenANonIdempotentRequest() {
        below.failing(rateLimited(Duration.ofSeconds(7)));
        Response r = layer(noJitter()).send(write());
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(below.sent()).extracting(Request::attempt).containsExactly(1, 2);
        assertThat(r.request().attempt()).isEqualTo(2);
    }

    @Test
    void theListenerHearsOfEachRetryWithItsReasonAndWaitBeforeTheWait() {
        RateLimitedException limited = rateLimited(Duration.ofSeconds(3));
        ServerErrorException gateway = new ServerErrorException(502, null, null, null);
        below.failing(limited, gateway);
        layer(noJitter()).send(read());
        assertThat(retries).hasSize(2);
        assertThat(retries.get(0).endpoint()).isEqualTo("credits");
        assertThat(retries.get(0).failedAttempt()).isEqualTo(1);
        assertThat(retries.get(0).reason()).isSameAs(limited);
        assertThat(retries.get(0).delay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(retries.get(1).failedAttempt()).isEqualTo(2);
        assertThat(retries.get(1).reason()).isSameAs(gateway);
        assertThat(retries.get(1).delay()).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void theAsyncFormRetriesTheSameWayWaitingOnTheTimerAndFailsWithTheLastRealFailure() throws Exception {
        below.failing(rateLimited(Duration.ofSeconds(7)), new ServerErrorException(502, null, null, null));
        Response r = layer(noJitter()).sendAsync(read(), Cancellation.NONE).get(10, TimeUnit.SECONDS);
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofMillis(1000));
        assertThat(r.request().attempt()).isEqualTo(3);
        assertThat(retries).extracting(RetryEvent::failedAttempt).containsExactly(1, 2);

        // no wait is started past maxElapsed: the last failure is the answer, not a timeout of the policy
        RateLimitedException tooLate = rateLimited(Duration.ofSeconds(50));
        below.failing(tooLate);
        RetrySettings shortBudget = RetrySettings.builder().jitter(0).maxElapsed(Duration.ofSeconds(30)).build();
        assertThatThrownBy(() -> layer(shortBudget).sendAsync(read(), Cancellation.NONE).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isSameAs(tooLate);
        assertThat(waits).hasSize(2);
    }

    @Test
    void aCancelledAsyncCallStartsNoFurtherAttempt() throws Exception {
        Cancellation cancel = new Cancellation();
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Pause blocking = new Pause(d -> {
            waiting.countDown();
            release.await();
        });
        java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            below.failing(rateLimited(Duration.ofSeconds(1)));
            java.util.concurrent.CompletableFuture<Response> f = new RetryLayer(below, noJitter(), blocking,
                    blocking.timer(() -> null, one, new LiveExchanges()), clock, false, listener).sendAsync(read(), cancel);
            waiting.await();
            cancel.cancel(); // the wait ends at once, and no attempt follows
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.CancellationException.class);
            release.countDown();
            one.submit(() -> { }).get(10, TimeUnit.SECONDS);
            assertThat(below.sent()).hasSize(1);
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void aRateLimitWithoutRetryAfterWaitsTheDefaultAndOneOverTheCapIsNotWaitedAtAll() {
        below.failing(rateLimited(null));
        layer(noJitter()).send(read());
        assertThat(waits).containsExactly(RetrySettings.defaults().defaultRateLimitDelay());

        RateLimitedException tooLong = rateLimited(Duration.ofMinutes(10));
        below.failing(tooLong);
        assertThatThrownBy(() -> layer(noJitter()).send(read())).isSameAs(tooLong);
        assertThat(waits).hasSize(1);
    }

    @Test
    void jitterOnlyLengthensTheWait() {
        RetrySettings jittery = RetrySettings.builder().jitter(0.5).maxAttempts(10).build();
        for (int i = 0; i < 5; i++) {
            below.failing(rateLimited(Duration.ofSeconds(2)));
        }
        layer(jittery).send(read());
        assertThat(waits).hasSize(5).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(2),
                Duration.ofSeconds(3)));
    }

    @Test
    void gatewayErrorsOnAnIdempotentRequestBackOffExponentially() {
        below.failing(new ServerErrorException(502, null, null, null), new ServerErrorException(503, null, null, null));
        layer(noJitter()).send(read());
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void aBrokenConnectionIsRepeatedOnlyWhenTheRequestIsIdempotentOrWasNeverSent() {
        NemoTransportException broke = new NemoTransportException("broke", new IOException("reset"));
        below.failing(broke);
        assertThatThrownBy(() -> layer(noJitter()).send(write())).isSameAs(broke);
        assertThat(below.sent()).hasSize(1);

        below.failing(new NemoTransportException("refused", new ConnectException("refused")));
        layer(noJitter()).send(write());
        assertThat(below.sent()).hasSize(3);

        below.failing(new NemoTimeoutException("slow", null));
        layer(noJitter()).send(read());
        assertThat(below.sent()).hasSize(5);
    }

    @Test
    void answersThatAreNotAboutTransitAreNeverRepeated() {
        SessionNotFoundException lost = new SessionNotFoundException("s", 200, 1002, "gone", null);
        below.failing(lost);
        assertThatThrownBy(() -> layer(noJitter()).send(read())).isSameAs(lost);
        NemoApiException badRequest = new NemoApiException("bad", 400, null, null, null);
        below.failing(badRequest);
        assertThatThrownBy(() -> layer(noJitter()).send(read())).isSameAs(badRequest);
        assertThat(below.sent()).hasSize(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void rateLimitsAndTransitFailuresShareOneAttemptBudget() {
        ServerErrorException third = new ServerErrorException(504, null, null, null);
        below.failing(rateLimited(Duration.ofSeconds(1)), new ServerErrorException(502, null, null, null), third);
        assertThatThrownBy(() -> layer(noJitter()).send(read())).isSameAs(third);
        assertThat(below.sent()).hasSize(3); // maxAttempts 3 by default
    }

    @Test
    void noWaitIsStartedThatWouldEndAfterMaxElapsedOnTheClientsClock() {
        RetrySettings budget = RetrySettings.builder().jitter(0).maxAttempts(10).maxElapsed(Duration.ofSeconds(60))
                .build();
        RateLimitedException second = rateLimited(Duration.ofSeconds(40));
        below.failing(rateLimited(Duration.ofSeconds(40)), second);
        assertThatThrownBy(() -> layer(budget).send(read())).isSameAs(second);
        assertThat(waits).containsExactly(Duration.ofSeconds(40));
    }

    @Test
    void aBodyThatCannotBeSentAgainIsSentOnce() {
        RateLimitedException limited = rateLimited(Duration.ofSeconds(1));
        below.failing(limited);
        Request upload = Request.post("upload", "/u").body(RequestBody.stream(HttpRequest.BodyPublishers::noBody,
                "multipart/form-data", false, -1)).build();
        assertThatThrownBy(() -> layer(noJitter()).send(upload)).isSameAs(limited);
        assertThat(below.sent()).hasSize(1);
    }

    @Test
    void aClosedClientOrAnInterruptEndsTheWaitAndNothingMoreIsSent() {
        Pause closing = new Pause(null);
        closing.close();
        below.failing(rateLimited(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> new RetryLayer(below, noJitter(), closing, null, clock, false, listener).send(read()))
                .isInstanceOf(ClientClosedException.class);
        assertThat(below.sent()).hasSize(1);

        Pause interrupted = new Pause(d -> {
            throw new InterruptedException();
        });
        below.failing(rateLimited(Duration.ofSeconds(1)));
        try {
            assertThatThrownBy(() -> new RetryLayer(below, noJitter(), interrupted, null, clock, false, listener)
                    .send(read()))
                    .isInstanceOf(NemoInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(below.sent()).hasSize(2);
    }

    @Test
    void attemptsRunOnTheCallingThread() {
        List<Thread> threads = new ArrayList<>();
        Handler recording = new Handler() {
            @Override
            public Response send(Request r) {
                threads.add(Thread.currentThread());
                return below.send(r);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Response> sendAsync(Request r, Cancellation cancel) {
                throw new AssertionError("not asynchronous");
            }
        };
        below.failing(rateLimited(Duration.ofSeconds(1)));
        new RetryLayer(recording, noJitter(), pause, null, clock, false, listener).send(read());
        assertThat(threads).containsOnly(Thread.currentThread()).hasSize(2);
    }
}
