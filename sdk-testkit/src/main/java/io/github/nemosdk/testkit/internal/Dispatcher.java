package io.github.nemosdk.testkit.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.nemosdk.testkit.Endpoint;
import io.github.nemosdk.testkit.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The single HTTP handler: records the request, routes it, applies a pending fault (before any
 * authentication) or calls the endpoint's handler, and writes the answer with an
 * {@code X-Request-Id}.
 */
final class Dispatcher implements HttpHandler {

    private static final System.Logger LOG = System.getLogger("io.github.nemosdk.testkit.NemoEmulator");

    /** How many bytes a truncated response claims beyond those it sends. */
    private static final int MISSING_BYTES = 1024;

    private final Router router;
    private final FaultInjector faults;
    private final RequestLog log;

    Dispatcher(Router router, FaultInjector faults, RequestLog log) {
        this.router = router;
        this.faults = faults;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            write(exchange, respond(exchange));
        } catch (IOException e) {
            // The client went away (or a drop-connection fault cut the stream): nothing to answer.
            LOG.log(System.Logger.Level.DEBUG, "exchange ended early", e);
        } finally {
            exchange.close();
        }
    }

    private Response respond(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = Optional.ofNullable(exchange.getRequestURI().getRawPath()).orElse("");
        String path = Optional.ofNullable(exchange.getRequestURI().getPath()).orElse("");
        Map<String, List<String>> headers = copyHeaders(exchange.getRequestHeaders());
        byte[] body = exchange.getRequestBody().readAllBytes();

        Router.Match match = router.match(method, path);
        Endpoint endpoint = match.endpoint();
        log.record(RecordedRequest.of(method, rawPath, headers, new String(body, StandardCharsets.UTF_8), endpoint));

        if (!match.found()) {
            if (match.allowedMethods().isEmpty()) {
                return Response.json(404, Json.error(404, "not found"));
            }
            return Response.json(405, Json.error(405, "method not allowed"))
                    .withHeaders(Map.of("Allow", String.join(", ", match.allowedMethods())));
        }
        Optional<FaultSpec> fault = faults.next(endpoint);
        ChatFault chatFault = null;
        if (fault.isPresent()) {
            if (fault.get().response() != null) {
                return fault.get().response();
            }
            // A chat stream fault: the handler serves the request and disturbs the stream.
            chatFault = fault.get().chatFault();
        }
        Request request = new Request(method, rawPath, headers, body, match.pathParams(), chatFault);
        try {
            return match.handler().handle(request);
        } catch (ApiException e) {
            return e.response();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "emulator handler for " + endpoint + " failed", e);
            return Response.json(500, Json.error(500, "emulator internal error: " + e));
        }
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        out.set("X-Request-Id", Ids.requestId());
        out.set("Content-Type", response.contentType());
        response.headers().forEach(out::set);
        byte[] body = response.body();
        if (response.stream() != null) {
            writeStream(exchange, response);
            return;
        }
        if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        if (response.truncated()) {
            exchange.sendResponseHeaders(response.status(), body.length + (long) MISSING_BYTES);
            OutputStream stream = exchange.getResponseBody();
            stream.write(body);
            stream.flush();
            // Closing the exchange now, short of the announced length, makes the server drop the connection.
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(body);
        }
    }

    /**
     * Sends the headers with chunked encoding (length 0) and lets the body write its events. A clean
     * return ends the stream with the closing chunk (when the exchange is closed); an I/O error, an
     * {@link EventSink#abort()} or the emulator closing leaves it broken.
     */
    private static void writeStream(HttpExchange exchange, Response response) throws IOException {
        StreamBody body = response.stream();
        try {
            exchange.sendResponseHeaders(response.status(), 0);
            OutputStream stream = exchange.getResponseBody();
            body.writeTo(new EventSink(stream));
            stream.close();
        } catch (InterruptedException e) {
            // The emulator is closing and is cutting every connection: just stop writing.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "emulator stream writer failed", e);
        } finally {
            body.release();
        }
    }

    private static Map<String, List<String>> copyHeaders(Headers headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        return Collections.unmodifiableMap(copy);
    }
}
