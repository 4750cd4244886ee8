package io.github.nemosdk.internal.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into one byte array as the bytes arrive (on the thread that subscribes it to the body's
 * publisher, or the HTTP client's), so the caller wakes once, when the body is complete (reading an
 * {@code InputStream} instead costs the caller a second hand-over per response). The array starts at the announced
 * {@code Content-Length} up to {@link #INITIAL_MAX} and grows with the bytes that arrive: memory follows what the
 * server sends, not what it announces.
 *
 * <p>The body is bounded: past {@code limit} bytes the subscription is cancelled (which closes the connection) and
 * the body ends as {@link TooLarge} when {@code refuseLarger}, else as {@link Truncated} with its first
 * {@code limit} bytes (enough of an error page). A failure while reading ends it as {@link BodyFailed}, so the caller
 * can tell a broken body from a request that got no answer. A body not complete within its deadline is cancelled and
 * ends as {@link Aborted}; one given up on from outside ({@link #stop}) ends as {@link Stopped}.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]>, BodyDeadlines.Watched {

    /** How a body ended other than completely. */
    abstract static class Failure extends IOException {
        private static final long serialVersionUID = 1L;

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The body was larger than the limit and the call refuses that. */
    static final class TooLarge extends Failure {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("response body larger than the limit", null);
        }
    }

    /** Reading the body failed after the response headers had arrived. */
    static final class BodyFailed extends Failure {
        private static final long serialVersionUID = 1L;

        BodyFailed(Throwable cause) {
            super(cause == null ? "the body failed" : cause.getMessage(), cause);
        }
    }

    /**
     * The body was larger than the limit and was cut there (an error page: its first bytes are enough); the rest is
     * not read: the subscription is cancelled, which lets the connection go at once.
     */
    static final class Truncated extends Failure {
        private static final long serialVersionUID = 1L;
        private final transient byte[] kept;

        Truncated(byte[] kept) {
            super("response body cut at the limit", null);
            this.kept = kept;
        }

        /** The bytes kept, up to the limit. */
        byte[] kept() {
            return kept;
        }
    }

    /** The body stalled past its deadline and was abandoned. */
    static final class Aborted extends Failure {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("abandoned: the response body stalled", null);
        }
    }

    /** The body was given up on from outside (the client closed, the call was cancelled or interrupted). */
    static final class Stopped extends Failure {
        private static final long serialVersionUID = 1L;
        private final transient java.util.function.Supplier<RuntimeException> reason;

        Stopped(java.util.function.Supplier<RuntimeException> reason) {
            super("abandoned: given up on from outside", null);
            this.reason = reason;
        }

        /** What the caller is told, made on the thread that tells it (its stack is the caller's). */
        RuntimeException reason() {
            return reason.get();
        }
    }

    /** The largest buffer allocated before any byte arrived. */
    static final int INITIAL_MAX = 64 * 1024;

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final int limit;
    private final boolean refuseLarger;
    private byte[] buf;
    private int size;
    private volatile Flow.Subscription subscription;
    /** How the body ends when this subscriber ended it; set before the subscription is cancelled. */
    private volatile Failure ending;
    private final BodyDeadlines deadlines;
    private final long timeoutNanos;
    private volatile long deadlineNanos;

    private BoundedBody(java.net.http.HttpHeaders headers, long limit, boolean refuseLarger, BodyDeadlines deadlines,
            Duration timeout) {
        long announced = headers.firstValueAsLong("content-length").orElse(-1);
        this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 64);
        this.refuseLarger = refuseLarger;
        // sized by what is announced only up to a first chunk: the buffer grows with the bytes that arrive, so a
        // reply announcing 66 MB and sending one byte costs a few KiB, not 66 MB
        this.buf = new byte[(int) Math.min(Math.min(this.limit, INITIAL_MAX), announced >= 0 ? announced : 1024)];
        this.deadlines = deadlines;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * A subscriber for one response.
     *
     * @param headers      the response headers (an announced {@code Content-Length} sizes the first buffer)
     * @param limit        the most bytes kept
     * @param refuseLarger whether a larger body fails ({@link TooLarge}) rather than being cut
     * @param deadlines    watches the body's deadline
     * @param timeout      how long the body may take, from the response headers on
     * @return the subscriber
     */
    static BoundedBody of(java.net.http.HttpHeaders headers, long limit, boolean refuseLarger, BodyDeadlines deadlines,
            Duration timeout) {
        return new BoundedBody(headers, limit, refuseLarger, deadlines, timeout);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        deadlineNanos = deadlines.now() + timeoutNanos;
        deadlines.watch(this);
        if (ending != null) { // stopped before it was subscribed (or meanwhile): the connection goes at once
            deadlines.forget(this);
            s.cancel();
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    /** The room allocated so far for the body; for tests. */
    int capacity() {
        byte[] b = buf;
        return b == null ? 0 : b.length;
    }

    /** Stops watching the deadline; called once the caller has the outcome. */
    void disarm() {
        deadlines.forget(this);
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if ((long) size + n > limit) {
                if (refuseLarger) {
                    end(new TooLarge());
                } else {
                    int keep = limit - size;
                    ensure(limit);
                    b.get(buf, size, keep);
                    size += keep;
                    end(new Truncated(trimmed()));
                }
                buf = null;
                return;
            }
            ensure(size + n);
            b.get(buf, size, n);
            size += n;
        }
    }

    @Override
    public void onError(Throwable t) {
        Failure f = ending; // a cancellation of ours may come back as an error: it ends as we decided
        result.completeExceptionally(f != null ? f : new BodyFailed(t));
        buf = null;
    }

    @Override
    public void onComplete() {
        if (!result.isDone()) {
            result.complete(trimmed());
        }
        buf = null; // the HTTP client may keep this subscriber a while; the bytes are the caller's now
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    /** Gives up on the body: the connection is let go and the body ends as {@link Aborted}. */
    @Override
    public void abort() {
        if (!result.isDone()) {
            end(new Aborted());
        }
    }

    /**
     * Gives up on the body from outside: the connection is let go and the body ends as {@link Stopped}, carrying what
     * the caller is told. Safe before the body is subscribed, and from any thread.
     *
     * @param reason makes the exception for the caller
     */
    void stop(java.util.function.Supplier<RuntimeException> reason) {
        if (!result.isDone()) {
            end(new Stopped(reason));
        }
    }

    /**
     * Ends the body as {@code failure}: the connection is let go first (so whoever the failure wakes finds it
     * cancelled), and an error the cancellation provokes ends the body the same way.
     */
    private void end(Failure failure) {
        ending = failure;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        result.completeExceptionally(failure);
    }

    private void ensure(int needed) {
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(limit, Math.max(needed, Math.max(1024, 2L * buf.length))));
        }
    }

    private byte[] trimmed() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }
}
