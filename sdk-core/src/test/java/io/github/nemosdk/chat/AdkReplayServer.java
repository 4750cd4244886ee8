package io.github.nemosdk.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP/1.1 server that replays the {@code /run_sse} streams recorded from a real ADK server (test
 * resources {@code adk-java-1.6.0/}) byte for byte: the recorded status line and headers, the recorded body sent as
 * one chunk per event, and, for a recording whose body was cut off ({@code crash}), the connection closed without
 * the final chunk, as the real server did. State reads ({@code GET /api/state/…}) answer the queued JSON bodies in
 * turn (the last one repeats). Written on a plain socket so that nothing between the recording and the client
 * re-frames the bytes.
 */
final class AdkReplayServer implements AutoCloseable {
    private static final String DIR = "adk-java-1.6.0/";

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> states = new ConcurrentLinkedQueue<>();
    private volatile String lastState = "{\"code\":0,\"data\":{\"state\":{\"draft\":{\"t\":[]}}}}";
    private volatile String recording;
    private volatile boolean cut;
    /** The bodies of the {@code /run_sse} requests received, in order. */
    final List<String> chatBodies = new CopyOnWriteArrayList<>();

    AdkReplayServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::accept, "adk-replay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The base URL to point a client at. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /**
     * Makes {@code /run_sse} answer with a recording.
     *
     * @param name        e.g. {@code music.streaming-none}
     * @param cutOff      whether the recorded body was cut off mid-chunk (close without the final chunk)
     * @return this server
     */
    AdkReplayServer replay(String name, boolean cutOff) {
        this.recording = name;
        this.cut = cutOff;
        return this;
    }

    /** Queues the {@code data.state} objects of the next state reads; the last one repeats. */
    AdkReplayServer states(String... stateJson) {
        states.clear();
        for (String s : stateJson) {
            states.add("{\"code\":0,\"message\":\"success\",\"data\":{\"state\":" + s + "}}");
        }
        return this;
    }

    static byte[] resource(String file) {
        try (InputStream in = AdkReplayServer.class.getClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no recording " + DIR + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "adk-replay-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (Socket conn = s) {
            InputStream in = conn.getInputStream();
            OutputStream out = conn.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] lines = head.split("\r\n");
                String path = lines[0].split(" ")[1];
                int length = 0;
                for (String line : lines) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                byte[] body = in.readNBytes(length);
                if (path.equals("/run_sse")) {
                    chatBodies.add(new String(body, StandardCharsets.UTF_8));
                    if (!replay(out)) {
                        return; // cut off: the connection goes with it
                    }
                } else if (path.startsWith("/api/state/")) {
                    String next = states.poll();
                    if (next != null) {
                        lastState = next;
                    }
                    json(out, 200, lastState);
                } else {
                    json(out, 404, "{\"code\":404,\"message\":\"not found\"}");
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(s);
        }
    }

    /** Writes the recording; false when it was cut off and the connection must close. */
    private boolean replay(OutputStream out) throws IOException {
        String name = recording;
        byte[] headers = resource(name + ".headers");
        byte[] sse = resource(name + ".sse");
        // the recorded head, with the line ends HTTP wants
        String head = new String(headers, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        if (!head.endsWith("\r\n\r\n")) {
            head = head.endsWith("\r\n") ? head + "\r\n" : head + "\r\n\r\n";
        }
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        for (byte[] event : events(sse)) {
            out.write((Integer.toHexString(event.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(event);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        if (cut) {
            return false;
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    /** The recorded body split after each blank line: one chunk per event, as the server flushed them. */
    static List<byte[]> events(byte[] sse) {
        List<byte[]> events = new ArrayList<>();
        int from = 0;
        for (int i = 1; i < sse.length; i++) {
            if (sse[i] == '\n' && sse[i - 1] == '\n') {
                events.add(java.util.Arrays.copyOfRange(sse, from, i + 1));
                from = i + 1;
            }
        }
        if (from < sse.length) {
            events.add(java.util.Arrays.copyOfRange(sse, from, sse.length));
        }
        return events;
    }

    private static void json(OutputStream out, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
