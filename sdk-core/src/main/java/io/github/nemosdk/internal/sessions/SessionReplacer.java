package io.github.nemosdk.internal.sessions;

import io.github.nemosdk.SessionRecoveryListener;
import io.github.nemosdk.SessionReplacement;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.sessions.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Replaces lost sessions (code 1002) under {@code SessionRecovery.RECREATE} and remembers the replacements, so
 * that later calls naming a lost session go to its replacement. Concurrent calls that lose the same session share
 * one replacement.
 */
public final class SessionReplacer {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private final Map<String, SessionReplacement> replaced = new ConcurrentHashMap<>();
    private final Supplier<Session> creator;
    private final SessionRecoveryListener listener;

    /**
     * Creates the replacer.
     *
     * @param creator  creates a new session
     * @param listener told about each replacement
     */
    public SessionReplacer(Supplier<Session> creator, SessionRecoveryListener listener) {
        this.creator = creator;
        this.listener = listener;
    }

    /**
     * The session to use for an id: the id itself, or the latest replacement of it.
     *
     * @param sessionId the id a caller named
     * @return the id to send
     */
    public String resolve(String sessionId) {
        String current = sessionId;
        for (int i = 0; i < 32; i++) {
            SessionReplacement r = replaced.get(current);
            if (r == null) {
                return current;
            }
            current = r.newSessionId();
        }
        return current;
    }

    /**
     * Replaces a lost session, or returns the replacement another call already made.
     *
     * @param lostSessionId the id the server reported as not found
     * @return the replacement
     */
    public synchronized SessionReplacement replace(String lostSessionId) {
        SessionReplacement existing = replaced.get(lostSessionId);
        if (existing != null) {
            return existing;
        }
        Session fresh = creator.get();
        SessionReplacement r = SessionReplacement.of(lostSessionId, fresh);
        replaced.put(lostSessionId, r);
        LOG.log(System.Logger.Level.INFO, "Session " + lostSessionId + " was not found; replaced by new session "
                + fresh.sessionId());
        Listeners.tell("session recovery", () -> listener.onSessionReplaced(r));
        return r;
    }
}
