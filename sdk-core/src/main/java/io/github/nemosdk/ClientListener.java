package io.github.nemosdk;

import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.render.RenderJob;

/**
 * Observes what a client does, for metrics, traces and audit logs, without a dependency: every HTTP attempt (start
 * and end, with endpoint, status, duration, bytes and request id), every retry and its reason, token renewals,
 * session replacements, the events of each chat turn and render progress. Set one with
 * {@link NemoClient.Builder#listener(ClientListener)}; every method has an empty default.
 *
 * <p>Nothing passed to a listener holds a token. Methods are called on the thread doing the work, so they must be
 * quick; one that throws is logged and ignored, never the failure of the call.
 */
public interface ClientListener {
    /**
     * An HTTP attempt is about to be sent.
     *
     * @param request the attempt ({@link RequestEvent#status()} empty, duration zero)
     */
    default void onRequestStart(RequestEvent request) {
    }

    /**
     * An HTTP attempt ended: answered (any status) or failed in transit.
     *
     * @param request the attempt and its outcome
     */
    default void onRequestEnd(RequestEvent request) {
    }

    /**
     * A failed attempt will be repeated after a wait.
     *
     * @param retry what failed, and how long the SDK waits
     */
    default void onRetry(RetryEvent retry) {
    }

    /**
     * The service rejected the token of a request; the SDK acquires a new one and sends the request once more.
     *
     * @param endpoint  the request's endpoint name, e.g. {@code credits}
     * @param rejection the service's answer (status, code, request id)
     */
    default void onTokenRenewal(String endpoint, NemoApiException rejection) {
    }

    /**
     * A lost session was replaced ({@link SessionRecovery#RECREATE}).
     *
     * @param replacement the lost and the new session
     */
    default void onSessionReplaced(SessionReplacement replacement) {
    }

    /**
     * A chat turn delivered an event (called for every event of every turn, as it is handed out).
     *
     * @param sessionId the turn's session
     * @param event     the event
     */
    default void onChatEvent(String sessionId, ChatEvent event) {
    }

    /**
     * A render was polled while waiting for it.
     *
     * @param job the job as the service reported it
     */
    default void onRenderProgress(RenderJob job) {
    }
}
