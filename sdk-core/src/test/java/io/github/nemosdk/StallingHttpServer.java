package io.github.nemosdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server for the "stall mid-body" fault: the first request to the armed path gets the status
 * line, the headers (with a {@code Content-Length} larger than what follows) and half of the body, then nothing,
 * until the client hangs up. Every later request to that path gets the complete response. WireMock's
 * {@code withChunkedDribbleDelay} is not used for this cell because it spreads the body over a fixed duration and
 * always finishes it; a stall that never ends is what the watchdog must cut off.
 *
 * <p>Every response carries {@code Connection: close}, so each request uses its own connection and the request
 * counts are exact.
 */
final class StallingHttpServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile String path;
    private volatile String contentType;
    private volatile byte[] body;
    private volatile boolean closed;

    StallingHttpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "stall-server-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Arms the server for one cell: the first request to {@code path} stalls, later ones succeed. */
    void arm(String path, String contentType, byte[] body) {
        counts.clear();
        this.contentType = contentType;
        this.body = body.clone();
        this.path = path;
    }

    int count(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "stall-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket s) {
        try (Socket socket = s) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            readBody(in, head);
            String requestPath = head.split(" ", 3)[1];
            int n = counts.computeIfAbsent(requestPath, k -> new AtomicInteger()).incrementAndGet();
            OutputStream out = socket.getOutputStream();
            byte[] b = body;
            if (!requestPath.equals(path)) {
                out.write(("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            if (n == 1) {
                int half = Math.max(1, b.length / 2);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                        + (b.length + 100) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(b, 0, half);
                out.flush();
                // stall: hold the connection until the client gives up and closes it
                byte[] sink = new byte[1024];
                while (!closed && in.read(sink) != -1) {
                    // discard
                }
                return;
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + b.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
            socket.shutdownOutput();
            // let the client read and close first, so no reset races the response
            byte[] sink = new byte[1024];
            while (in.read(sink) != -1) {
                // discard
            }
        } catch (IOException ignored) {
            // the client hung up
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while ((c = in.read()) != -1) {
            head.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1
                    : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void readBody(InputStream in, String head) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        int i = lower.indexOf("\r\ncontent-length:");
        if (i >= 0) {
            int end = lower.indexOf("\r\n", i + 2);
            long len = Long.parseLong(lower.substring(i + 17, end).trim());
            in.readNBytes((int) len);
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                seen.write(c);
                if (seen.size() >= 5 && seen.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
