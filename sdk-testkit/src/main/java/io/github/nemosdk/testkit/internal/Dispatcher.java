package io.github.nemosdk.testkit.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.nemosdk.testkit.Endpoint;
import io.github.nemosdk.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code X-Request-Id}. Bodies are read into memory before the handler runs, except for routes
 * that stream their body (uploads), see {@code respondStreaming}.
 */
final class Dispatcher implements HttpHandler {

    private static final System.Logger LOG = System.getLogger("io.github.nemosdk.testkit.NemoEmulator");

    /** How many bytes a truncated response claims beyond those it sends. */
    private static final int MISSING_BYTES = 1024;

    /** How much of a streamed (upload) body is kept for {@link RecordedRequest#body()}. */
    static final int RECORDED_BODY_BYTES = 64 * 1024;

    private final Router router;
    private final FaultInjector faults;
    private final RequestLog log;

    Dispatcher(Router router, FaultInjector faults, RequestLog log) {
        this.router = router;
        this.faults = faults;
        this.log = log;
    }

    /**
     * Serves one exchange. When it ends broken (the client went away, or a fault cut the response
     * short), the failure is rethrown: the JDK server forgets a connection only when its handler
     * fails or its response ends cleanly, so swallowing the error would keep every cut connection in
     * the server's bookkeeping until the emulator stops. A stream cut on purpose
     * ({@link EventSink#abort()}) is not closed first: closing it would end it cleanly in the
     * server's eyes, and the server would then try to reuse a connection that is already gone.
     */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        IOException broken = null;
        try {
            write(exchange, respond(exchange));
        } catch (IOException e) {
            // The client went away (or a drop-connection fault cut the stream): nothing to answer.
            LOG.log(System.Logger.Level.DEBUG, "exchange ended early", e);
            broken = e;
        } finally {
            if (!(broken instanceof EventSink.Aborted)) {
                exchange.close();
            }
        }
        if (broken != null) {
            throw broken;
        }
    }

    private Response respond(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = Optional.ofNullable(exchange.getRequestURI().getRawPath()).orElse("");
        String path = Optional.ofNullable(exchange.getRequestURI().getPath()).orElse("");
        Map<String, List<String>> headers = copyHeaders(exchange.getRequestHeaders());

        Router.Match match = router.match(method, path);
        Endpoint endpoint = match.endpoint();
        if (match.streamsBody()) {
            return respondStreaming(exchange, method, rawPath, headers, match);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
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
        return invoke(match, new Request(method, rawPath, headers, body, match.pathParams(), chatFault));
    }

    /**
     * Serves a route whose handler reads the body as a stream (uploads of any size). The body is
     * never held in memory: the handler reads it from the connection, the rest is drained afterwards,
     * and the request is recorded once the body has been read, with at most its first
     * {@link #RECORDED_BODY_BYTES} bytes as text (ISO-8859-1 for {@code multipart/form-data}, so that
     * each byte is one character; UTF-8 otherwise) and its full length.
     */
    private Response respondStreaming(HttpExchange exchange, String method, String rawPath,
            Map<String, List<String>> headers, Router.Match match) throws IOException {
        CapturingInputStream body = new CapturingInputStream(exchange.getRequestBody(), RECORDED_BODY_BYTES);
        Response response;
        try {
            Optional<FaultSpec> fault = faults.next(match.endpoint());
            if (fault.isPresent() && fault.get().response() != null) {
                response = fault.get().response();
            } else {
                response = invoke(match, Request.streamed(method, rawPath, headers, body, match.pathParams()));
            }
            body.drain();
        } finally {
            List<String> type = headers.get("Content-Type");
            boolean multipart = type != null && !type.isEmpty()
                    && type.get(0).trim().toLowerCase(Locale.ROOT).startsWith("multipart/");
            String text = new String(body.captured(), multipart ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            log.record(RecordedRequest.of(method, rawPath, headers, text, body.count(), match.endpoint()));
        }
        return response;
    }

    private static Response invoke(Router.Match match, Request request) {
        try {
            return match.handler().handle(request);
        } catch (ApiException e) {
            return e.response();
        } catch (UncheckedIOException e) {
            // Mostly a client that went away mid-upload; the answer then goes nowhere.
            LOG.log(System.Logger.Level.DEBUG, "emulator handler for " + match.endpoint() + " hit an I/O error", e);
            return Response.json(500, Json.error(500, "emulator I/O error: " + e.getCause()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "emulator handler for " + match.endpoint() + " failed", e);
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
        if (response.file() != null) {
            long size = Files.size(response.file());
            exchange.sendResponseHeaders(response.status(), size == 0 ? -1 : size);
            try (OutputStream stream = exchange.getResponseBody()) {
                Files.copy(response.file(), stream);
            }
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
            throw new IOException("response cut short on purpose");
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

    /** Passes a stream through, keeping its first bytes and counting all of them. */
    private static final class CapturingInputStream extends FilterInputStream {

        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        private final int limit;
        private long count;

        CapturingInputStream(InputStream in, int limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                keep(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // The exchange closes the connection's stream; handlers must not.
        }

        private void keep(byte[] b, int off, int n) {
            count += n;
            int room = limit - captured.size();
            if (room > 0) {
                captured.write(b, off, Math.min(room, n));
            }
        }

        /** Reads (and discards) the rest of the body. */
        void drain() throws IOException {
            byte[] sink = new byte[64 * 1024];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }

        byte[] captured() {
            return captured.toByteArray();
        }

        long count() {
            return count;
        }
    }
}
