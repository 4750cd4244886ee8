package io.github.nemosdk.internal.sessions;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.github.nemosdk.SessionRecovery;
import io.github.nemosdk.SessionReplacement;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.internal.http.AsyncScheduler;
import io.github.nemosdk.internal.http.Cancellation;
import io.github.nemosdk.internal.http.Futures;
import io.github.nemosdk.internal.http.Handler;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.Response;

/**
 * Sends a session's requests to the session in force (its latest replacement) and, under
 * {@link SessionRecovery#RECREATE}, answers a lost session (1002) on a request that makes sense on a fresh one by
 * replacing the session and trying once more: a Failsafe policy built once per client.
 */
public final class SessionLayer implements Handler {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private final Handler next;
    private final SessionReplacer replacer;
    private final boolean recreate;
    private final java.util.concurrent.Executor blocking;
    private final RetryPolicy<Response> recreation = RetryPolicy.<Response>builder()
            .handleIf((r, e) -> Futures.unwrap(e) instanceof SessionNotFoundException)
            .withMaxRetries(1)
            .onRetry(ev -> LOG.log(System.Logger.Level.DEBUG, "Retrying on the replacement of a lost session"))
            .build();

    /**
     * Creates the layer.
     *
     * @param next     the layer below
     * @param replacer replaces lost sessions and remembers the replacements
     * @param recovery what a lost session leads to
     * @param blocking  creates the replacement of a lost session for asynchronous calls
     */
    public SessionLayer(Handler next, SessionReplacer replacer, SessionRecovery recovery,
            java.util.concurrent.Executor blocking) {
        this.blocking = blocking;
        this.next = next;
        this.replacer = replacer;
        this.recreate = recovery == SessionRecovery.RECREATE;
    }

    @Override
    public Response send(Request r) {
        if (r.sessionId() == null) {
            return next.send(r);
        }
        Request current = r.onSession(replacer.resolve(r.sessionId()), null);
        if (!recreate || !r.isSessionRecoverable() || !r.body().isReplayable()) {
            return next.send(current);
        }
        SessionNotFoundException first;
        try {
            return next.send(current); // the usual case needs no execution of the policy
        } catch (SessionNotFoundException e) {
            first = e;
        }
        // the policy takes over from the failed first attempt, which it sees as its own first
        return Failsafe.with(recreation).get(ctx -> {
            if (!ctx.isRetry()) {
                throw first;
            }
            return next.send(replaced(current));
        });
    }

    /** As {@link #send}; a replacement session is created on the blocking executor. */
    @Override
    public java.util.concurrent.CompletableFuture<Response> sendAsync(Request r, Cancellation cancel) {
        if (r.sessionId() == null) {
            return next.sendAsync(r, cancel);
        }
        Request current = r.onSession(replacer.resolve(r.sessionId()), null);
        if (!recreate || !r.isSessionRecoverable() || !r.body().isReplayable()) {
            return next.sendAsync(current, cancel);
        }
        return AsyncScheduler.execute(Failsafe.with(recreation).with(AsyncScheduler.immediate(blocking)), ctx -> {
            if (!ctx.isRetry()) {
                return next.sendAsync(current, cancel);
            }
            return Futures.then(Futures.supplyOn(blocking, () -> replaced(current)), q -> next.sendAsync(q, cancel));
        });
    }

    private Request replaced(Request lost) {
        SessionReplacement r = replacer.replace(lost.sessionId());
        return lost.onSession(r.newSessionId(), r);
    }
}
