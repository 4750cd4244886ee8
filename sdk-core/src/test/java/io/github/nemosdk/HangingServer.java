package io.github.nemosdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback API that never finishes anything, so that only the client can end a call: chat streams send a
 * heartbeat every 2 s forever, uploads are read and never answered, renders stay {@code processing}, and
 * {@code /cdn/slow.mp4} dribbles a byte every 200 ms. It counts the streaming exchanges whose client went away.
 */
final class HangingServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hanging-server");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch release = new CountDownLatch(1);
    /** Streaming exchanges whose client went away. */
    final AtomicInteger clientsGone = new AtomicInteger();
    /** Requests received. */
    final AtomicInteger requests = new AtomicInteger();

    HangingServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/run_sse", ex -> {
            requests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            dribble(ex, "data: {\"type\":\"heartbeat\"}\n\n".getBytes(StandardCharsets.UTF_8), 2000);
        });
        server.createContext("/api/state/", ex -> {
            requests.incrementAndGet();
            json(ex, "{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[]}}}}");
        });
        server.createContext("/api/credits/", ex -> {
            requests.incrementAndGet();
            json(ex, "{\"code\":0,\"data\":{\"available\":1,\"frozen\":0,\"total\":1}}");
        });
        server.createContext("/api/upload-video/", ex -> {
            requests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            awaitRelease(); // never answers
            ex.close();
        });
        server.createContext("/api/render/proxy/lambda/", ex -> {
            requests.incrementAndGet();
            json(ex, "{\"taskId\":\"render_w\",\"status\":\"processing\",\"progress\":10}");
        });
        server.createContext("/cdn/slow.mp4", ex -> {
            requests.incrementAndGet();
            ex.getResponseHeaders().set("Content-Type", "video/mp4");
            ex.sendResponseHeaders(200, 1_000_000);
            dribble(ex, new byte[] {0}, 200);
        });
        server.start();
    }

    /** The base URL. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The URL of the endless download. */
    URI slowDownload() {
        return baseUrl().resolve("/cdn/slow.mp4");
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes {@code chunk} every {@code everyMs} until the client is gone or the server stops. */
    private void dribble(HttpExchange ex, byte[] chunk, long everyMs) {
        try (OutputStream out = ex.getResponseBody()) {
            while (release.getCount() > 0) {
                out.write(chunk);
                out.flush();
                if (release.await(everyMs, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (IOException gone) {
            clientsGone.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void json(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** Waits until at least {@code n} streaming clients went away; false on timeout. */
    boolean awaitClientsGone(int n, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (clientsGone.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return clientsGone.get() >= n;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
