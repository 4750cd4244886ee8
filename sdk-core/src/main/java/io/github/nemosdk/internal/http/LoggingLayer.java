package io.github.nemosdk.internal.http;

import io.github.nemosdk.Ticker;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoException;
import java.util.concurrent.TimeUnit;

/**
 * Logs every attempt on the {@code io.github.nemosdk} logger: method, path, status or failure, time taken, attempt,
 * the headers layers added (credentials masked) and the request id. At INFO when request logging is on, else DEBUG.
 */
public final class LoggingLayer implements Handler {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private final Handler next;
    private final Ticker ticker;
    private final System.Logger.Level level;

    /**
     * Creates the layer.
     *
     * @param next    the layer below
     * @param ticker  times the attempts
     * @param verbose whether to log at INFO instead of DEBUG
     */
    public LoggingLayer(Handler next, Ticker ticker, boolean verbose) {
        this.next = next;
        this.ticker = ticker;
        this.level = verbose ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
    }

    @Override
    public Response send(Request r) {
        if (!LOG.isLoggable(level)) {
            return next.send(r);
        }
        long t0 = ticker.nanoTime();
        try {
            Response response = next.send(r);
            answered(r, t0, response);
            return response;
        } catch (NemoException e) {
            failed(r, t0, e);
            throw e;
        }
    }

    @Override
    public java.util.concurrent.CompletableFuture<Response> sendAsync(Request r, Cancellation cancel) {
        if (!LOG.isLoggable(level)) {
            return next.sendAsync(r, cancel);
        }
        long t0 = ticker.nanoTime();
        return Futures.observe(next.sendAsync(r, cancel), (response, t) -> {
            if (t == null) {
                answered(r, t0, response);
            } else if (t instanceof NemoException) {
                failed(r, t0, (NemoException) t);
            }
        });
    }

    private void answered(Request r, long t0, Response response) {
        String outcome = response.stream() != null || response.publisher() != null ? "stream opened"
                : "in " + millis(t0) + " ms";
        LOG.log(level, line(r, response.status() + " " + outcome, response.requestId().orElse(null)));
    }

    private void failed(Request r, long t0, NemoException e) {
        if (e instanceof NemoApiException) {
            NemoApiException api = (NemoApiException) e;
            LOG.log(level, line(r, api.httpStatus() + " " + e.getClass().getSimpleName() + " in " + millis(t0)
                    + " ms", api.requestId().orElse(null)));
        } else {
            LOG.log(level, line(r, e.getClass().getSimpleName() + " after " + millis(t0) + " ms", null));
        }
    }

    private long millis(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(ticker.nanoTime() - t0);
    }

    private static String line(Request r, String outcome, String requestId) {
        return r.method() + " " + r.path() + " -> " + outcome + " (attempt " + r.attempt() + ", " + r.name()
                + ") request " + Redaction.headers(r.headers()) + " response "
                + (requestId == null ? "without request id" : "x-request-id=" + requestId);
    }
}
