package io.github.nemosdk.internal.http;

/**
 * One layer of the transport: sends a request, or hands it to the layer below with something added (a header, a
 * retry, a log line). A layer only knows the layer below it.
 */
public interface Handler {
    /**
     * Sends one request.
     *
     * @param request the request
     * @return the decoded response of a success
     * @throws io.github.nemosdk.errors.NemoException typed, for a refusal or a failure in transit
     */
    Response send(Request request);

    /**
     * Sends one request without a thread waiting for the answer: the same layers, policies and results as
     * {@link #send}, as a future. It fails with the SDK's exception itself (never wrapped), with a
     * {@link java.util.concurrent.CancellationException} once the call's cancellation stops it.
     *
     * @param request the request
     * @param cancel  the call's cancellation: what this layer has under way stops with it
     * @return the decoded response of a success
     */
    java.util.concurrent.CompletableFuture<Response> sendAsync(Request request, Cancellation cancel);
}
