package io.github.nemosdk.internal.http;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The layer below a layer under test: answers each request with the next scripted outcome (a failure to throw, or
 * a success) and records every request it was given.
 */
public final class ScriptedHandler implements Handler {
    private static final ResponseDecoder DECODER = new ResponseDecoder(Clock.systemUTC(), Secrets.none());

    private final Deque<RuntimeException> script = new ArrayDeque<>();
    private final List<Request> sent = new ArrayList<>();

    /**
     * Scripts failures; once they are used up, every request succeeds.
     *
     * @param failures thrown in order, one per request
     * @return this handler
     */
    public ScriptedHandler failing(RuntimeException... failures) {
        script.addAll(List.of(failures));
        return this;
    }

    @Override
    public synchronized Response send(Request request) {
        sent.add(request);
        RuntimeException next = script.poll();
        if (next != null) {
            throw next;
        }
        return ok(request);
    }

    /** As {@link #send}, answered on a fresh thread so that the layer above cannot rely on the calling one. */
    @Override
    public java.util.concurrent.CompletableFuture<Response> sendAsync(Request request, Cancellation cancel) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> send(request), r -> new Thread(r).start())
                .handle((r, e) -> r != null ? java.util.concurrent.CompletableFuture.completedFuture(r)
                        : Futures.<Response>failed(e))
                .thenCompose(f -> f);
    }

    /**
     * The requests received, in order.
     *
     * @return a copy
     */
    public synchronized List<Request> sent() {
        return new ArrayList<>(sent);
    }

    /**
     * The value of a header a layer added, as the request below got it.
     *
     * @param request the request
     * @param name    the header name
     * @return the value, or null
     */
    public static String header(Request request, String name) {
        String[] h = request.headers();
        for (int i = 0; i < h.length; i += 2) {
            if (h[i].equalsIgnoreCase(name)) {
                return h[i + 1];
            }
        }
        return null;
    }

    /**
     * A success with an empty JSON payload.
     *
     * @param request the request answered
     * @return the response
     */
    public static Response ok(Request request) {
        return new Response(request, 200, DECODER.decode(200, HttpHeaders.of(Map.of(), (a, b) -> true),
                "{\"code\":0,\"data\":{}}".getBytes(StandardCharsets.UTF_8), request.sessionId()), 20);
    }
}
