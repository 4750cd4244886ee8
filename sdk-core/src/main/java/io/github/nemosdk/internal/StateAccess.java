package io.github.nemosdk.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.SessionReplacement;
import io.github.nemosdk.state.SessionState;

/**
 * Lets the SDK wrap a state tree it has just parsed, and that nothing else holds, in a {@link SessionState} without
 * the defensive copy that the public {@link SessionState#of} makes. {@code SessionState} registers the factory when
 * its class is initialised. Not for use outside the SDK.
 */
public final class StateAccess {

    /** Makes a state from a tree it may keep as it is. */
    public interface Factory {
        /**
         * Wraps an owned tree.
         *
         * @param sessionId   the session
         * @param taskId      the task id, or null
         * @param taskName    the task name, or null
         * @param state       the state object, held by nobody else
         * @param replacement the replacement that preceded the read, or null
         * @return the state
         */
        SessionState owned(String sessionId, String taskId, String taskName, ObjectNode state,
                SessionReplacement replacement);
    }

    private static volatile Factory factory;

    private StateAccess() {
    }

    /**
     * Called once, by {@code SessionState}'s static initialiser.
     *
     * @param f the factory
     */
    public static void register(Factory f) {
        if (factory == null) {
            factory = f;
        }
    }

    /**
     * Wraps a tree that nobody else holds.
     *
     * @param sessionId   the session
     * @param taskId      the task id, or null
     * @param taskName    the task name, or null
     * @param state       the state object, handed over
     * @param replacement the replacement that preceded the read, or null
     * @return the state
     */
    static SessionState owned(String sessionId, String taskId, String taskName, ObjectNode state,
            SessionReplacement replacement) {
        Factory f = factory;
        if (f == null) {
            try { // initialising the class registers its factory
                Class.forName(SessionState.class.getName(), true, SessionState.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            f = factory;
        }
        return f.owned(sessionId, taskId, taskName, state, replacement);
    }
}
