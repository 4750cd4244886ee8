package io.github.nemosdk.internal.http;

import java.util.Map;

/** Adds a derived client's extra headers ({@code RequestOptions.headers()}) to every request. */
public final class HeadersLayer implements Handler {
    private final Handler next;
    private final Map<String, String> headers;

    /**
     * Creates the layer.
     *
     * @param next    the layer below
     * @param headers name to value, already checked to be none the SDK sets itself
     */
    public HeadersLayer(Handler next, Map<String, String> headers) {
        this.next = next;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public Response send(Request r) {
        return next.send(withHeaders(r));
    }

    @Override
    public java.util.concurrent.CompletableFuture<Response> sendAsync(Request r, Cancellation cancel) {
        return next.sendAsync(withHeaders(r), cancel);
    }

    private Request withHeaders(Request r) {
        Request withHeaders = r;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            withHeaders = withHeaders.withHeader(h.getKey(), h.getValue());
        }
        return withHeaders;
    }
}
