package io.github.nemosdk.async;

import io.github.nemosdk.sessions.Session;
import java.util.concurrent.CompletableFuture;

/**
 * {@link io.github.nemosdk.sessions.SessionsClient} without a waiting thread. Obtain it from
 * {@code client.async().sessions()}.
 */
public interface AsyncSessionsClient {
    /**
     * Creates a session (see {@code SessionsClient#create()}).
     *
     * @return the new session
     */
    CompletableFuture<Session> create();

    /**
     * Creates a session with a name and language (see {@code SessionsClient#create(String, String)}).
     *
     * @param taskName the project name
     * @param language the ISO language code
     * @return the new session
     * @throws IllegalArgumentException at once, for a bad name or language
     */
    CompletableFuture<Session> create(String taskName, String language);
}
