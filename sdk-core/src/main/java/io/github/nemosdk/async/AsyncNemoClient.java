package io.github.nemosdk.async;

import io.github.nemosdk.NemoClient;

/**
 * The asynchronous face of a {@link NemoClient}: the same sub-clients and method names, each call returning at once
 * with a {@link java.util.concurrent.CompletableFuture} that completes with the same result, or fails with the same
 * typed exception (as the future's cause), as the blocking call. Obtain it from {@code client.async()}; it shares
 * the client's connections, token, policies and lifetime ({@code close()} fails what is under way with a
 * {@link io.github.nemosdk.errors.ClientClosedException}).
 *
 * <p>No thread waits on the network: requests go out with the HTTP client's non-blocking exchange, retries and
 * render polls are scheduled on the client's timer, downloads are written by the HTTP client's threads. A thread of
 * the client's executor is used only to acquire a token, to replace a lost session, and for the composite calls
 * that say so (chat {@code send}, the workflows). Argument errors are thrown at once, before anything is sent.
 *
 * <p>{@code future.cancel(...)} stops the call: the exchange under way is cancelled (its connection released), a
 * scheduled retry or poll never runs, a render the call started is cancelled on the service, and no file is
 * written. It returns false once the call has completed or has moved its file into place.
 */
public interface AsyncNemoClient {
    /**
     * Authentication.
     *
     * @return the asynchronous auth client
     */
    AsyncAuthClient auth();

    /**
     * Sessions.
     *
     * @return the asynchronous sessions client
     */
    AsyncSessionsClient sessions();

    /**
     * Credits.
     *
     * @return the asynchronous credits client
     */
    AsyncCreditsClient credits();

    /**
     * A session's state.
     *
     * @param sessionId the session
     * @return the asynchronous state client
     * @throws IllegalArgumentException at once, for an invalid session id
     */
    AsyncStateClient state(String sessionId);

    /**
     * Chat turns on one session.
     *
     * @param sessionId the session
     * @return the asynchronous chat client
     * @throws IllegalArgumentException at once, for an invalid session id
     */
    AsyncChatClient chat(String sessionId);

    /**
     * Uploads to one session.
     *
     * @param sessionId the session
     * @return the asynchronous uploads client
     * @throws IllegalArgumentException at once, for an invalid session id
     */
    AsyncUploadsClient uploads(String sessionId);

    /**
     * Renders and exports.
     *
     * @return the asynchronous render client
     */
    AsyncRenderClient render();

    /**
     * The quick edits.
     *
     * @return the asynchronous workflows client
     */
    AsyncWorkflowsClient workflows();
}
