package io.github.nemosdk.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 that accepts uploads, reads and discards their bodies while counting the bytes, and
 * answers the gateway's success envelope. A body whose byte count differs from its {@code Content-Length} (or that
 * has none, e.g. a chunked body) is answered with 400 and remembered as a mismatch.
 *
 * <p>Paths: {@value #UPLOAD_PREFIX}{@code <sid>} (what the SDK calls) and {@value #RAW_PATH} (the raw baseline).
 */
public final class LoopbackSink implements AutoCloseable {
    /** The SDK's upload path, followed by the session id. */
    public static final String UPLOAD_PREFIX = "/api/upload-video/nemo_agent/me/";
    /** The path the raw baseline posts to. */
    public static final String RAW_PATH = "/raw/upload";

    private static final byte[] SUCCESS = ("{\"code\":0,\"message\":\"success\",\"data\":{\"files\":[{\"filename\":"
            + "\"big.mp4\",\"file_type\":\"video\"}],\"session_state_applied\":true}}")
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile long lastDeclared = -1;
    private volatile long lastReceived = -1;
    private volatile int mismatches;

    private LoopbackSink(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts a sink on an ephemeral loopback port.
     *
     * @return the running sink
     * @throws IOException if the port cannot be bound
     */
    public static LoopbackSink start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-sink");
            t.setDaemon(true);
            return t;
        });
        LoopbackSink sink = new LoopbackSink(server, executor);
        server.createContext("/", sink::handle);
        server.setExecutor(executor);
        server.start();
        return sink;
    }

    /**
     * The base URL to give clients.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI baseUrl() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    /**
     * The body bytes counted for the last request.
     *
     * @return bytes, or -1 before any request
     */
    public long lastReceived() {
        return lastReceived;
    }

    /**
     * The {@code Content-Length} of the last request.
     *
     * @return bytes, or -1 if absent or before any request
     */
    public long lastDeclared() {
        return lastDeclared;
    }

    /**
     * How many requests had a body that did not match their {@code Content-Length}.
     *
     * @return the count
     */
    public int mismatches() {
        return mismatches;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            boolean known = path.equals(RAW_PATH)
                    || path.startsWith(UPLOAD_PREFIX) && path.length() > UPLOAD_PREFIX.length();
            if (!"POST".equals(exchange.getRequestMethod()) || !known) {
                respond(exchange, 404, "{\"code\":404,\"message\":\"no such endpoint\"}");
                return;
            }
            String header = exchange.getRequestHeaders().getFirst("Content-Length");
            long declared = header == null ? -1 : Long.parseLong(header.trim());
            long received = drain(exchange.getRequestBody());
            lastDeclared = declared;
            lastReceived = received;
            if (declared < 0 || received != declared) {
                mismatches++;
                respond(exchange, 400, "{\"code\":400,\"message\":\"body of " + received + " bytes, Content-Length "
                        + declared + "\"}");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, SUCCESS.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(SUCCESS);
            }
        } finally {
            exchange.close();
        }
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
        }
        return total;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
