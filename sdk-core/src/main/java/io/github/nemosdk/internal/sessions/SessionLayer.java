package io.github.nemosdk.internal.sessions;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.github.nemosdk.SessionRecovery;
import io.github.nemosdk.SessionReplacement;
import io.github.nemosdk.errors.SessionNotFoundException;
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
    private final RetryPolicy<Response> recreation = RetryPolicy.<Response>builder()
            .handle(SessionNotFoundException.class)
            .withMaxRetries(1)
            .onRetry(ev -> LOG.log(System.Logger.Level.DEBUG, "Retrying on the replacement of a lost session"))
            .build();

    /**
     * Creates the layer.
     *
     * @param next     the layer below
     * @param replacer replaces lost sessions and remembers the replacements
     * @param recovery what a lost session leads to
     */
    public SessionLayer(Handler next, SessionReplacer replacer, SessionRecovery recovery) {
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
        return Failsafe.with(recreation).get(ctx -> next.send(ctx.isRetry() ? replaced(current) : current));
    }

    private Request replaced(Request lost) {
        SessionReplacement r = replacer.replace(lost.sessionId());
        return lost.onSession(r.newSessionId(), r);
    }
}
