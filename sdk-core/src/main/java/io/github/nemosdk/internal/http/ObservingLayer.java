package io.github.nemosdk.internal.http;

import io.github.nemosdk.ClientListener;
import io.github.nemosdk.RequestEvent;
import io.github.nemosdk.Ticker;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.internal.Listeners;
import java.time.Duration;

/**
 * Tells the user's {@link ClientListener} about every attempt: its start, and its end with status or failure, time
 * taken, bytes and request id (also kept for {@link ResponseCapture}). Never a header.
 */
public final class ObservingLayer implements Handler {
    private final Handler next;
    private final ClientListener listener;
    private final Ticker ticker;

    /**
     * Creates the layer.
     *
     * @param next     the layer below
     * @param listener the user's listener
     * @param ticker   times the attempts
     */
    public ObservingLayer(Handler next, ClientListener listener, Ticker ticker) {
        this.next = next;
        this.listener = listener;
        this.ticker = ticker;
    }

    @Override
    public Response send(Request r) {
        if (listener == Listeners.NONE && !ResponseCapture.isActive()) {
            return next.send(r); // nobody to tell: no events built
        }
        RequestEvent start = RequestEvent.started(r.name(), r.method(), r.path(), r.attempt(), r.body().length());
        if (listener != Listeners.NONE) {
            Listeners.tell("request", () -> listener.onRequestStart(start));
        }
        long t0 = ticker.nanoTime();
        try {
            Response response = next.send(r);
            ended(start.answered(response.status(), Duration.ofNanos(ticker.nanoTime() - t0), response.bodyBytes(),
                    response.requestId().orElse(null)));
            return response;
        } catch (NemoException e) {
            ended(start.failed(e, Duration.ofNanos(ticker.nanoTime() - t0)));
            throw e;
        }
    }

    /**
     * As {@link #send}; the attempt is not kept for {@link ResponseCapture}, which reads the calling thread's
     * blocking calls only.
     */
    @Override
    public java.util.concurrent.CompletableFuture<Response> sendAsync(Request r, Cancellation cancel) {
        if (listener == Listeners.NONE) {
            return next.sendAsync(r, cancel);
        }
        RequestEvent start = RequestEvent.started(r.name(), r.method(), r.path(), r.attempt(), r.body().length());
        Listeners.tell("request", () -> listener.onRequestStart(start));
        long t0 = ticker.nanoTime();
        return Futures.observe(next.sendAsync(r, cancel), (response, t) -> {
            Duration took = Duration.ofNanos(ticker.nanoTime() - t0);
            RequestEvent end = t == null ? start.answered(response.status(), took, response.bodyBytes(),
                    response.requestId().orElse(null)) : t instanceof NemoException
                            ? start.failed((NemoException) t, took) : null;
            if (end != null) {
                Listeners.tell("request", () -> listener.onRequestEnd(end));
            }
        });
    }

    private void ended(RequestEvent end) {
        ResponseCapture.record(end);
        if (listener != Listeners.NONE) {
            Listeners.tell("request", () -> listener.onRequestEnd(end));
        }
    }
}
