package io.github.nemosdk;

/**
 * Told when the SDK replaced a lost session under {@link SessionRecovery#RECREATE}. Called on the thread that made
 * the call, before the call returns; an exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface SessionRecoveryListener {
    /**
     * A lost session was replaced by a new one.
     *
     * @param replacement which session replaced which
     */
    void onSessionReplaced(SessionReplacement replacement);
}
