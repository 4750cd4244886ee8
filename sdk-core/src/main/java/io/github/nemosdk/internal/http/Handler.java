package io.github.nemosdk.internal.http;

/**
 * One layer of the transport: sends a request, or hands it to the layer below with something added (a header, a
 * retry, a log line). A layer only knows the layer below it.
 */
@FunctionalInterface
public interface Handler {
    /**
     * Sends one request.
     *
     * @param request the request
     * @return the decoded response of a success
     * @throws io.github.nemosdk.errors.NemoException typed, for a refusal or a failure in transit
     */
    Response send(Request request);
}
