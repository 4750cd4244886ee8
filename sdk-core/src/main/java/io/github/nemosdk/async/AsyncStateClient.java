package io.github.nemosdk.async;

import io.github.nemosdk.state.SessionState;
import java.util.concurrent.CompletableFuture;

/**
 * {@link io.github.nemosdk.state.StateClient} without a waiting thread. Obtain it from
 * {@code client.async().state(sessionId)}.
 */
public interface AsyncStateClient {
    /**
     * The session this client reads.
     *
     * @return the session id
     */
    String sessionId();

    /**
     * Reads the session's latest state (see {@code StateClient#latest()}).
     *
     * @return the state
     */
    CompletableFuture<SessionState> latest();
}
