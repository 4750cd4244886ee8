package io.github.nemosdk.internal.auth;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.github.nemosdk.errors.MissingClientIdException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.internal.http.AsyncScheduler;
import io.github.nemosdk.internal.http.Cancellation;
import io.github.nemosdk.internal.http.Futures;
import io.github.nemosdk.internal.http.Handler;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.Response;

/**
 * Adds {@code X-Client-Id} to the anonymous token acquisition and, when the server refuses the id (a bare 400 there
 * means exactly that), persists a new one and tries once more: a Failsafe policy built once per client.
 */
public final class ClientIdLayer implements Handler {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private final Handler next;
    private final ClientIdStore clientIds;
    private final RetryPolicy<Response> renewal;
    private final java.util.concurrent.Executor blocking;

    /**
     * Creates the layer.
     *
     * @param next      the layer below
     * @param clientIds the client id store
     * @param verbose   whether to log a renewal at INFO instead of DEBUG
     * @param blocking  runs the retry of an asynchronous call with a new id
     */
    public ClientIdLayer(Handler next, ClientIdStore clientIds, boolean verbose, java.util.concurrent.Executor blocking) {
        this.blocking = blocking;
        this.next = next;
        this.clientIds = clientIds;
        System.Logger.Level level = verbose ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
        this.renewal = RetryPolicy.<Response>builder()
                .handleIf((r, e) -> Futures.unwrap(e) instanceof MissingClientIdException)
                .withMaxRetries(1)
                .onRetry(ev -> LOG.log(level, "The server refused the client id; retrying once with a new one"))
                .build();
    }

    @Override
    public Response send(Request r) {
        if (r.auth() != Request.Auth.CLIENT_ID) {
            return next.send(r);
        }
        return Failsafe.with(renewal).get(ctx -> {
            if (ctx.isRetry()) {
                clientIds.regenerate();
            }
            try {
                return next.send(r.withHeader("X-Client-Id", clientIds.get()));
            } catch (NemoApiException e) {
                throw refusedId(e);
            }
        });
    }

    @Override
    public java.util.concurrent.CompletableFuture<Response> sendAsync(Request r, Cancellation cancel) {
        if (r.auth() != Request.Auth.CLIENT_ID) {
            return next.sendAsync(r, cancel);
        }
        return AsyncScheduler.execute(Failsafe.with(renewal).with(AsyncScheduler.immediate(blocking)), ctx -> {
            if (ctx.isRetry()) {
                clientIds.regenerate();
            }
            return Futures.mapFailure(next.sendAsync(r.withHeader("X-Client-Id", clientIds.get()), cancel),
                    t -> t instanceof NemoApiException ? refusedId((NemoApiException) t) : t);
        });
    }

    /** On the token endpoint, a bare 400 is the client id refused. */
    private static NemoApiException refusedId(NemoApiException e) {
        if (e.getClass() == NemoApiException.class && e.httpStatus() == 400 && !e.apiCode().isPresent()) {
            return new MissingClientIdException(400, null, e.serverMessage().orElse(null),
                    e.requestId().orElse(null));
        }
        return e;
    }
}
