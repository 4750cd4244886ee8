package io.github.nemosdk;

import io.github.nemosdk.sessions.Session;
import java.util.Objects;

/**
 * Records that a lost session (code 1002) was replaced by a new one under {@link SessionRecovery#RECREATE}.
 * The new session starts empty: uploads and edits made in the lost one are not carried over. Immutable.
 */
public final class SessionReplacement {
    private final String lostSessionId;
    private final Session newSession;

    private SessionReplacement(String lostSessionId, Session newSession) {
        this.lostSessionId = Objects.requireNonNull(lostSessionId, "lostSessionId");
        this.newSession = Objects.requireNonNull(newSession, "newSession");
    }

    /**
     * Creates a replacement record.
     *
     * @param lostSessionId the session the server no longer knows
     * @param newSession    the session created in its place
     * @return the record
     */
    public static SessionReplacement of(String lostSessionId, Session newSession) {
        return new SessionReplacement(lostSessionId, newSession);
    }

    /**
     * The session id the server reported as not found.
     *
     * @return the lost id
     */
    public String lostSessionId() {
        return lostSessionId;
    }

    /**
     * The session created in its place.
     *
     * @return the new session
     */
    public Session newSession() {
        return newSession;
    }

    /**
     * Shortcut for {@code newSession().sessionId()}.
     *
     * @return the new session id
     */
    public String newSessionId() {
        return newSession.sessionId();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionReplacement && lostSessionId.equals(((SessionReplacement) o).lostSessionId)
                && newSession.equals(((SessionReplacement) o).newSession);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lostSessionId, newSession);
    }

    @Override
    public String toString() {
        return "SessionReplacement{lost=" + lostSessionId + ", new=" + newSession.sessionId() + "}";
    }
}
