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
            String outcome = response.stream() != null || response.publisher() != null ? "stream opened"
                    : "in " + millis(t0) + " ms";
            LOG.log(level, line(r, response.status() + " " + outcome, response.requestId().orElse(null)));
            return response;
        } catch (NemoApiException e) {
            LOG.log(level, line(r, e.httpStatus() + " " + e.getClass().getSimpleName() + " in " + millis(t0) + " ms",
                    e.requestId().orElse(null)));
            throw e;
        } catch (NemoException e) {
            LOG.log(level, line(r, e.getClass().getSimpleName() + " after " + millis(t0) + " ms", null));
            throw e;
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
