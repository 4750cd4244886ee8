package io.github.nemosdk.internal.http;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.github.nemosdk.ClientListener;
import io.github.nemosdk.RetryEvent;
import io.github.nemosdk.RetrySettings;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.internal.Listeners;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The retry policy: one Failsafe {@link RetryPolicy} per {@link RetrySafety}, built once per client, with a pure
 * predicate (what is safe to repeat), Failsafe's attempt budget, and a delay function (the server's
 * {@code Retry-After} or the default for a 429, exponential backoff otherwise, both with upward jitter only). A 429
 * whose {@code Retry-After} is over the cap is not retried. The waits run on the calling thread through the client's
 * {@link Pause}, and no wait is started that would end after {@code maxElapsed}, read from the client's clock.
 * A request whose body cannot be sent again is sent once.
 */
public final class RetryLayer implements Handler {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private final Handler next;
    private final RetrySettings settings;
    private final Pause pause;
    private final Timer timer;
    private final Clock clock;
    private final System.Logger.Level level;
    private final ClientListener listener;
    private final Map<RetrySafety, RetryPolicy<Response>> policies = new ConcurrentHashMap<>();

    /**
     * Creates the layer.
     *
     * @param next     the layer below
     * @param settings the retry settings
     * @param pause    waits between attempts
     * @param timer    waits between the attempts of asynchronous calls
     * @param clock    reads the time budget
     * @param verbose  whether to log retries at INFO instead of DEBUG
     * @param listener told about each retry
     */
    public RetryLayer(Handler next, RetrySettings settings, Pause pause, Timer timer, Clock clock, boolean verbose,
            ClientListener listener) {
        this.timer = timer;
        this.listener = listener;
        this.next = next;
        this.settings = settings;
        this.pause = pause;
        this.clock = clock;
        this.level = verbose ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
    }

    @Override
    public Response send(Request r) {
        if (!r.body().isReplayable()) {
            return next.send(r);
        }
        Instant start = clock.instant();
        RuntimeException first;
        try {
            // the usual case, a success at the first attempt, needs no execution of the policy
            return next.send(r.asAttempt(1));
        } catch (RuntimeException e) {
            if (!repeatable(r.safety(), e)) {
                throw e; // what the policy would do with it: nothing
            }
            first = e;
        }
        Throwable[] last = {first};
        int[] attempts = {1};
        boolean[] replayed = {false};
        try {
            // the policy takes over from the failed first attempt, which it sees as its own first
            return Failsafe.with(policies.computeIfAbsent(r.safety(), this::policy))
                    .with(new InlineScheduler(pause, clock, start.plus(settings.maxElapsed()),
                            () -> replayed[0], delay -> tellRetry(r, attempts[0], last[0], delay)))
                    .getAsync(ctx -> {
                        if (!replayed[0]) {
                            replayed[0] = true;
                            throw first;
                        }
                        try {
                            return next.send(r.asAttempt(++attempts[0]));
                        } catch (RuntimeException e) {
                            last[0] = e;
                            throw e;
                        }
                    })
                    .join(); // already complete: every attempt and wait ran on this thread
        } catch (CompletionException e) {
            Throwable c = e.getCause() instanceof InlineScheduler.OutOfTime ? last[0] : e.getCause();
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw (RuntimeException) c;
        }
    }

    /** As {@link #send}, with the waits on the client's {@link Timer}: no thread waits out a delay. */
    @Override
    public java.util.concurrent.CompletableFuture<Response> sendAsync(Request r, Cancellation cancel) {
        if (!r.body().isReplayable()) {
            return next.sendAsync(r, cancel);
        }
        java.util.concurrent.atomic.AtomicReference<Throwable> last = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        return Futures.mapFailure(AsyncScheduler.execute(Failsafe.with(policies.computeIfAbsent(r.safety(),
                this::policy)).with(new AsyncScheduler(timer, clock, clock.instant().plus(settings.maxElapsed()),
                        () -> attempts.get() > 0, delay -> tellRetry(r, attempts.get(), last.get(), delay), cancel)),
                ctx -> cancel.isCancelled() ? Futures.failed(new java.util.concurrent.CancellationException(
                        r.name() + " was cancelled")) // no attempt starts after a cancel
                        : Futures.observe(next.sendAsync(r.asAttempt(attempts.incrementAndGet()), cancel),
                        (response, e) -> {
                            if (e != null) {
                                last.set(e);
                            }
                        })), c -> c instanceof InlineScheduler.OutOfTime ? last.get() : c);
    }

    private void tellRetry(Request r, int failedAttempt, Throwable reason, Duration delay) {
        if (reason instanceof NemoException) {
            RetryEvent e = RetryEvent.of(r.name(), failedAttempt, (NemoException) reason, delay);
            Listeners.tell("retry", () -> listener.onRetry(e));
        }
    }

    private RetryPolicy<Response> policy(RetrySafety safety) {
        return RetryPolicy.<Response>builder()
                .handleIf((response, e) -> e != null && repeatable(safety, Futures.unwrap(e)))
                .withMaxAttempts(settings.maxAttempts())
                .withDelayFn(ctx -> delay(Futures.unwrap(ctx.getLastException()), ctx.getAttemptCount()))
                .onRetryScheduled(ev -> LOG.log(level, () -> "Retrying in " + ev.getDelay().toMillis() + " ms after "
                        + ev.getLastException().getClass().getSimpleName() + " (retry " + ev.getAttemptCount()
                        + " of " + (settings.maxAttempts() - 1) + ")"))
                .build();
    }

    /** Whether a failure may be repeated: the server never acted on it, or the request is safe to repeat. */
    private boolean repeatable(RetrySafety safety, Throwable e) {
        if (e instanceof RateLimitedException) {
            Duration asked = ((RateLimitedException) e).retryAfter().orElse(null);
            return asked == null || asked.compareTo(settings.maxRetryAfter()) <= 0;
        }
        if (e instanceof NemoTransportException || e instanceof NemoTimeoutException) {
            Throwable c = e.getCause();
            return c instanceof ConnectException || c instanceof HttpConnectTimeoutException || safety.isIdempotent();
        }
        // a server error, or a refusal of no documented kind (408): not a credit, session or auth answer
        if (e instanceof ServerErrorException || e.getClass() == NemoApiException.class) {
            return safety.isTransient(((NemoApiException) e).httpStatus());
        }
        return false;
    }

    private Duration delay(Throwable e, int failures) {
        if (e instanceof RateLimitedException) {
            return jitterUp(((RateLimitedException) e).retryAfter().orElse(settings.defaultRateLimitDelay()));
        }
        long d = settings.initialBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        for (int i = 1; i < failures && d < max; i++) {
            d *= 2;
        }
        return jitterUp(Duration.ofMillis(Math.min(d, max)));
    }

    private Duration jitterUp(Duration d) {
        double j = settings.jitter();
        if (j <= 0 || d.isZero()) {
            return d;
        }
        return d.plusNanos((long) (d.toNanos() * j * ThreadLocalRandom.current().nextDouble()));
    }
}
