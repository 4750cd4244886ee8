package io.github.nemosdk;

/**
 * What the SDK does when the server says a session no longer exists (code 1002).
 */
public enum SessionRecovery {
    /** Throw {@link io.github.nemosdk.errors.SessionNotFoundException}; the default. */
    FAIL,
    /**
     * Create a new session, report the replacement to the
     * {@link NemoClient.Builder#onSessionReplaced(SessionRecoveryListener) listener} and in the returned value, and
     * retry the operation on the new session when that makes sense on a fresh, empty session. Later calls that
     * name the lost session id are sent to its replacement.
     */
    RECREATE
}
