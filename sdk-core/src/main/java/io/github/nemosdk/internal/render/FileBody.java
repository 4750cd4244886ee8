package io.github.nemosdk.internal.render;

import io.github.nemosdk.Ticker;
import io.github.nemosdk.errors.NemoTransportException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The asynchronous form of {@link Download#copy}: writes a response body to a file on the HTTP client's threads
 * (the JDK's file subscriber, truncating the file first), under the same three deadlines, watched on the client's
 * scheduler, and checks the result the same way. No thread waits for the body. Its result is the number of bytes
 * written; a deadline or a check fails it with the SDK's exception.
 */
final class FileBody implements HttpResponse.BodySubscriber<Long> {
    private final HttpResponse.BodySubscriber<Path> file;
    private final Path path;
    private final HttpResponse.ResponseInfo info;
    private final Duration idle;
    private final ScheduledExecutorService scheduler;
    private final String what;
    private final Download.Progress progress;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private Flow.Subscription upstream; // guarded by this
    private volatile ScheduledFuture<?> guard;
    /** Whether the JDK's file subscriber was subscribed (and so holds the file open); guarded by this. */
    private boolean fileOpened;

    private FileBody(HttpResponse.ResponseInfo info, Path path, Duration idle, ScheduledExecutorService scheduler,
            Ticker ticker, String what) {
        this.info = info;
        this.path = path;
        this.file = HttpResponse.BodySubscribers.ofFile(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        this.idle = idle;
        this.scheduler = scheduler;
        this.what = what;
        this.progress = new Download.Progress(ticker);
    }

    /**
     * A subscriber writing one response's body.
     *
     * @param info      the response's status and headers
     * @param path      the (part) file to overwrite
     * @param idle      the request timeout: the longest wait for the next bytes, and the progress window
     * @param scheduler watches the deadlines
     * @param ticker    the time source of the deadlines
     * @param what      names the download in messages
     * @return the subscriber
     */
    static FileBody of(HttpResponse.ResponseInfo info, Path path, Duration idle, ScheduledExecutorService scheduler,
            Ticker ticker, String what) {
        return new FileBody(info, path, idle, scheduler, ticker, what);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        long idleNanos = idle.toNanos();
        long expected = info.headers().firstValueAsLong("content-length").orElse(-1);
        long totalNanos = Download.totalNanos(expected, idleNanos);
        long period = Download.checkPeriodNanos(idleNanos);
        synchronized (this) { // with fail(): the file is opened only for a download that still goes on
            if (result.isDone()) { // abandoned before the body began: the file is not opened again
                subscription.cancel();
                return;
            }
            upstream = subscription;
            try {
                guard = scheduler.scheduleAtFixedRate(() -> {
                    Download.Deadline d = Download.overdue(progress, idleNanos, totalNanos);
                    if (d != null && progress.fired.compareAndSet(null, d)) {
                        fail(Download.timeout(d, what, idle, progress.bytes, null));
                    }
                }, period, period, TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) { // the client closed as the download began
                subscription.cancel();
                result.completeExceptionally(e);
                return;
            }
            file.onSubscribe(subscription);
            fileOpened = true;
        }
        file.getBody().whenComplete((p, e) -> {
            if (e != null) { // the file could not be opened or written: no need to wait for a deadline
                fail(new NemoTransportException("The download of " + what + " could not be written to "
                        + path.getFileName() + " (" + e + ").", e));
            }
        });
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        long n = 0;
        for (ByteBuffer b : item) {
            n += b.remaining();
        }
        progress.bytes += n;
        progress.lastByteNanos = progress.ticker.nanoTime();
        file.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
        stopWatching();
        result.completeExceptionally(new NemoTransportException("The download of " + what + " broke after "
                + progress.bytes + " bytes (" + throwable.getClass().getSimpleName() + ").", throwable));
        file.onError(throwable);
    }

    @Override
    public void onComplete() {
        stopWatching();
        file.onComplete();
        file.getBody().whenComplete((p, e) -> {
            if (e != null) {
                return; // failed in onSubscribe's watch of the file
            }
            try {
                Download.verify(path, progress.bytes, info.headers().firstValueAsLong("content-length").orElse(-1),
                        info.headers(), what);
                result.complete(progress.bytes);
            } catch (RuntimeException x) {
                result.completeExceptionally(x);
            }
        });
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    /** Ends a download whose call ended otherwise (cancelled, client closed): deadlines stop, the file is closed. */
    void abandon() {
        fail(new java.util.concurrent.CancellationException("the download of " + what + " was abandoned"));
    }

    /** Ends the download with a failure: the connection is let go and the file closed. */
    private void fail(RuntimeException e) {
        if (!result.completeExceptionally(e)) {
            return;
        }
        synchronized (this) {
            stopWatching();
            Flow.Subscription s = upstream;
            if (s != null) {
                s.cancel();
            }
            if (fileOpened) {
                file.onError(new IOException(e.getMessage())); // closes the file
            }
        }
    }

    private void stopWatching() {
        ScheduledFuture<?> g = guard;
        if (g != null) {
            g.cancel(false);
        }
    }
}
