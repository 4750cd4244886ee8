package io.github.nemosdk.sessions;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A session on the Nemo API: the id every session-bound call needs, and the task it belongs to. Immutable.
 */
@Value.Immutable
public abstract class Session {
    Session() {
    }

    /**
     * The session id, a long numeric string.
     *
     * @return the id passed to {@code client.state(id)} and the other session-bound calls
     */
    public abstract String sessionId();

    /**
     * The task (project) the session belongs to.
     *
     * @return the task id
     */
    public abstract String taskId();

    /**
     * The user owning the session.
     *
     * @return the user id, when the server sent it
     */
    public abstract Optional<String> userId();

    /**
     * Creates a session value, e.g. for tests.
     *
     * @param sessionId the session id
     * @param taskId    the task id
     * @param userId    the user id, or null
     * @return the session
     */
    public static Session of(String sessionId, String taskId, String userId) {
        return ImmutableSession.of(sessionId, taskId, Optional.ofNullable(userId));
    }
}
