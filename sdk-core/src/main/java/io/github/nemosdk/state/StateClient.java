package io.github.nemosdk.state;

/**
 * Reads one session's state. Obtain it from {@code client.state(sessionId)}. Thread-safe.
 */
public interface StateClient {
    /**
     * The session this client reads; after a session replacement under
     * {@link io.github.nemosdk.SessionRecovery#RECREATE}, the replacement's id.
     *
     * @return the session id
     */
    String sessionId();

    /**
     * Reads the latest state of the session.
     *
     * @return the state: the draft (timeline) and the session's media
     * @throws io.github.nemosdk.errors.SessionNotFoundException if the session is gone and recovery is
     *         {@link io.github.nemosdk.SessionRecovery#FAIL}
     * @throws io.github.nemosdk.errors.NemoException if the call fails otherwise
     */
    SessionState latest();
}
