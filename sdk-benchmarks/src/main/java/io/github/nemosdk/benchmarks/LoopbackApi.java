package io.github.nemosdk.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal non-blocking HTTP/1.1 server on 127.0.0.1 for the benchmarks: one selector thread (named
 * {@value #THREAD_NAME}) serves every connection, so it can hold thousands of open event streams without a thread
 * each. It answers instantly with fixed bodies:
 * <ul>
 * <li>{@code GET /api/credits/balance/simple}: the documented credits envelope (keep-alive);</li>
 * <li>{@code GET /api/state/nemo_agent/me/<sid>/latest}: a documented state envelope with a small draft
 * (keep-alive);</li>
 * <li>{@code POST /run_sse}: a {@code text/event-stream} produced by the configured {@link StreamScript}, then the
 * connection is closed (end of the turn).</li>
 * </ul>
 * Every request must carry {@code Authorization: Bearer <token>} (else 401). Request bodies are read by
 * {@code Content-Length} and discarded.
 */
public final class LoopbackApi implements AutoCloseable {
    /** The name of the server's only thread. */
    public static final String THREAD_NAME = "loopback-api";
    /** Credits path. */
    public static final String CREDITS_PATH = "/api/credits/balance/simple";
    /** State path prefix, followed by {@code <sid>/latest}. */
    public static final String STATE_PREFIX = "/api/state/nemo_agent/me/";
    /** Chat path. */
    public static final String CHAT_PATH = "/run_sse";

    /** The documented credits response. */
    public static final byte[] CREDITS_BODY = ("{\"code\":0,\"message\":\"success\",\"data\":{\"available\":1200,"
            + "\"frozen\":30,\"total\":1230}}").getBytes(StandardCharsets.UTF_8);
    /** A documented state response: a draft with a video and an audio track, video infos and the canvas. */
    public static final byte[] STATE_BODY = ("{\"code\":0,\"message\":\"success\",\"data\":{\"state\":{"
            + "\"draft\":{\"t\":[{\"tt\":0,\"sg\":[{\"id\":\"v1\",\"src\":\"clip-1.mp4\",\"st\":0,\"du\":12000,"
            + "\"ss\":0,\"vol\":1.0},{\"id\":\"v2\",\"src\":\"clip-2.mp4\",\"st\":12000,\"du\":8000,\"ss\":500,"
            + "\"vol\":1.0}]},{\"tt\":1,\"sg\":[{\"id\":\"a1\",\"src\":\"lofi-theme.mp3\",\"st\":0,\"du\":20000,"
            + "\"ss\":0,\"vol\":0.35,\"fo\":3000}]}],\"ver\":7},"
            + "\"video_infos\":[{\"filename\":\"clip-1.mp4\",\"duration\":12.0,\"width\":1920,\"height\":1080,"
            + "\"fps\":30,\"hash\":\"9f2c1e\"},{\"filename\":\"clip-2.mp4\",\"duration\":8.5,\"width\":1920,"
            + "\"height\":1080,\"fps\":30,\"hash\":\"4b7a90\"}],\"generated_media\":[],"
            + "\"canvas_config\":{\"width\":1920,\"height\":1080,\"aspect_ratio\":\"16:9\"},"
            + "\"video_analyses\":[]}}}").getBytes(StandardCharsets.UTF_8);

    /** What a chat stream sends: a list of pieces, each after a delay. */
    public interface StreamScript {
        /**
         * The pieces of one new stream.
         *
         * @param api the server (for {@link #openStreams()}-dependent scripts)
         * @return the stream
         */
        Stream open(LoopbackApi api);
    }

    /** One chat stream in progress: gives the next piece when asked. */
    public interface Stream {
        /**
         * The next piece to send.
         *
         * @param nowNanos {@link System#nanoTime()}
         * @return the bytes to send now, {@link #WAIT} to be asked again later, or null at the end of the stream
         */
        ByteBuffer next(long nowNanos);

        /**
         * When to ask again after {@link #WAIT}.
         *
         * @return a {@link System#nanoTime()} value
         */
        long wakeAt();
    }

    /** Returned by {@link Stream#next} to wait until {@link Stream#wakeAt()}. */
    public static final ByteBuffer WAIT = ByteBuffer.allocate(0);

    private static final byte[] SSE_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Cache-Control: no-cache\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private final String token;
    private volatile StreamScript script;
    private volatile boolean running = true;
    private final PriorityQueue<Conn> timers = new PriorityQueue<>((a, b) -> Long.compare(a.wakeAt, b.wakeAt));
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger peakOpenStreams = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private LoopbackApi(String token, StreamScript script) throws IOException {
        this.token = token;
        this.script = script;
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::loop, THREAD_NAME);
        thread.setDaemon(true);
    }

    /**
     * Starts a server on an ephemeral loopback port.
     *
     * @param token  the bearer token every request must carry
     * @param script what {@code /run_sse} streams
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static LoopbackApi start(String token, StreamScript script) throws IOException {
        LoopbackApi api = new LoopbackApi(token, script);
        api.thread.start();
        return api;
    }

    /**
     * Replaces what {@code /run_sse} streams from the next request on.
     *
     * @param s the script
     */
    public void script(StreamScript s) {
        this.script = s;
    }

    /**
     * The base URL to give clients.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI baseUrl() {
        try {
            InetSocketAddress a = (InetSocketAddress) server.getLocalAddress();
            return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The server's thread (exactly one).
     *
     * @return the thread
     */
    public Thread thread() {
        return thread;
    }

    /**
     * Chat streams open now.
     *
     * @return the count
     */
    public int openStreams() {
        return openStreams.get();
    }

    /**
     * The most chat streams open at once.
     *
     * @return the count
     */
    public int peakOpenStreams() {
        return peakOpenStreams.get();
    }

    /**
     * Requests answered.
     *
     * @return the count
     */
    public long requests() {
        return requests.get();
    }

    /**
     * Requests rejected (bad token or unknown path).
     *
     * @return the count
     */
    public long rejected() {
        return rejected.get();
    }

    /** One connection's state. */
    private final class Conn {
        final SocketChannel ch;
        SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(8 * 1024);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        Stream stream;
        boolean closeWhenFlushed;
        long wakeAt;
        boolean timed;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }
    }

    private void loop() {
        try {
            while (running) {
                long timeoutMillis = 0;
                Conn first = timers.peek();
                if (first != null) {
                    timeoutMillis = Math.max(1, (first.wakeAt - System.nanoTime() + 999_999) / 1_000_000);
                }
                selector.select(timeoutMillis);
                for (SelectionKey k : selector.selectedKeys()) {
                    try {
                        if (!k.isValid()) {
                            continue;
                        }
                        if (k.isAcceptable()) {
                            accept();
                            continue;
                        }
                        Conn c = (Conn) k.attachment();
                        if (k.isReadable()) {
                            read(c);
                        }
                        if (k.isValid() && k.isWritable()) {
                            write(c);
                        }
                    } catch (IOException | RuntimeException e) {
                        Object a = k.attachment();
                        if (a instanceof Conn) {
                            close((Conn) a);
                        }
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                while (!timers.isEmpty() && timers.peek().wakeAt <= now) {
                    Conn c = timers.poll();
                    c.timed = false;
                    try {
                        pump(c);
                    } catch (IOException | RuntimeException e) {
                        close(c);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                e.printStackTrace();
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.configureBlocking(false);
            ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            Conn c = new Conn(ch);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
        }
    }

    private void read(Conn c) throws IOException {
        if (!c.in.hasRemaining()) {
            c.in = ByteBuffer.allocate(c.in.capacity() * 2).put(c.in.flip());
        }
        int n = c.ch.read(c.in);
        if (n < 0) {
            close(c);
            return;
        }
        while (c.stream == null && !c.closeWhenFlushed) {
            if (!handleRequest(c)) {
                break;
            }
        }
        if (c.stream != null && c.in.position() == 0 && c.in.capacity() > 64) {
            // a streaming connection reads nothing more: its input buffer goes, so that 10,000 open streams cost
            // the server (which shares the JVM with the client measured) little memory
            c.in = ByteBuffer.allocate(64);
        }
    }

    /** Handles one complete request from the input buffer, if there is one. */
    private boolean handleRequest(Conn c) throws IOException {
        byte[] a = c.in.array();
        int len = c.in.position();
        int headEnd = -1;
        for (int i = 3; i < len; i++) {
            if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                headEnd = i + 1;
                break;
            }
        }
        if (headEnd < 0) {
            return false;
        }
        String head = new String(a, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        long contentLength = 0;
        String auth = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equals("authorization")) {
                auth = value;
            }
        }
        if (len < headEnd + contentLength) {
            return false;
        }
        int consumed = (int) (headEnd + contentLength);
        System.arraycopy(a, consumed, a, 0, len - consumed);
        c.in.position(len - consumed);
        requests.incrementAndGet();

        String method = requestLine[0];
        String path = requestLine.length > 1 ? requestLine[1] : "";
        int q = path.indexOf('?');
        path = q >= 0 ? path.substring(0, q) : path;
        if (auth == null || !auth.equals("Bearer " + token)) {
            rejected.incrementAndGet();
            respond(c, 401, "{\"code\":401,\"message\":\"invalid token\"}".getBytes(StandardCharsets.UTF_8));
        } else if (method.equals("GET") && path.equals(CREDITS_PATH)) {
            respond(c, 200, CREDITS_BODY);
        } else if (method.equals("GET") && path.startsWith(STATE_PREFIX) && path.endsWith("/latest")) {
            respond(c, 200, STATE_BODY);
        } else if (method.equals("POST") && path.equals(CHAT_PATH)) {
            c.stream = script.open(this);
            int open = openStreams.incrementAndGet();
            peakOpenStreams.accumulateAndGet(open, Math::max);
            c.out.add(ByteBuffer.wrap(SSE_HEAD));
            pump(c);
            return false;
        } else {
            rejected.incrementAndGet();
            respond(c, 404, "{\"code\":404,\"message\":\"no such endpoint\"}".getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }

    private void respond(Conn c, int status, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Error") + "\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + body.length + "\r\nx-request-id: bench\r\n\r\n";
        c.out.add(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
        c.out.add(ByteBuffer.wrap(body));
        write(c);
    }

    /** Moves stream pieces to the output while they are due and the socket takes them. */
    private void pump(Conn c) throws IOException {
        while (true) {
            if (!flush(c)) {
                return; // socket full: OP_WRITE will call write() again
            }
            if (c.stream == null) {
                if (c.closeWhenFlushed) {
                    close(c);
                }
                return;
            }
            ByteBuffer next = c.stream.next(System.nanoTime());
            if (next == null) {
                c.stream = null;
                c.closeWhenFlushed = true;
                openStreams.decrementAndGet();
            } else if (next == WAIT) {
                c.wakeAt = c.stream.wakeAt();
                if (!c.timed) {
                    c.timed = true;
                    timers.add(c);
                }
                return;
            } else {
                c.out.add(next);
            }
        }
    }

    private void write(Conn c) throws IOException {
        if (c.stream != null || c.closeWhenFlushed) {
            pump(c);
        } else {
            flush(c);
        }
    }

    /** Writes what is queued; true when everything was written. */
    private boolean flush(Conn c) throws IOException {
        while (!c.out.isEmpty()) {
            ByteBuffer b = c.out.peek();
            c.ch.write(b);
            if (b.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return false;
            }
            c.out.poll();
        }
        if (c.key.isValid()) {
            c.key.interestOps(SelectionKey.OP_READ);
        }
        return true;
    }

    private void close(Conn c) {
        if (c.stream != null) {
            c.stream = null;
            openStreams.decrementAndGet();
        }
        if (c.timed) {
            timers.remove(c);
            c.timed = false;
        }
        c.key.cancel();
        try {
            c.ch.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    /**
     * A script replaying fixed bytes as fast as the socket takes them, in pieces of {@code chunk} bytes.
     *
     * @param replay the whole event stream
     * @param chunk  the piece size
     * @return the script
     */
    public static StreamScript replay(byte[] replay, int chunk) {
        return api -> new Stream() {
            int pos;

            @Override
            public ByteBuffer next(long nowNanos) {
                if (pos >= replay.length) {
                    return null;
                }
                int n = Math.min(chunk, replay.length - pos);
                ByteBuffer b = ByteBuffer.wrap(replay, pos, n);
                pos += n;
                return b;
            }

            @Override
            public long wakeAt() {
                return 0;
            }
        };
    }

    /**
     * A script for the concurrency benchmark: a heartbeat every {@code interval}, at least {@code minBeats} of them
     * and until {@code released} says so (or {@code maxWaitNanos} passed), then the {@code tail} events, then the
     * end.
     *
     * @param heartbeats    the heartbeat pieces, used in turn
     * @param tail          the last pieces
     * @param intervalNanos time between heartbeats
     * @param minBeats      heartbeats at least
     * @param released      true once the streams may end
     * @param maxWaitNanos  give up holding after this long
     * @return the script
     */
    public static StreamScript heartbeats(List<byte[]> heartbeats, List<byte[]> tail, long intervalNanos,
            int minBeats, java.util.function.BooleanSupplier released, long maxWaitNanos) {
        return api -> new Stream() {
            final long started = System.nanoTime();
            long due = started;
            int beats;
            int tailPos;
            final List<byte[]> rest = new ArrayList<>(tail);

            @Override
            public ByteBuffer next(long now) {
                boolean holding = beats < minBeats || !released.getAsBoolean() && now - started < maxWaitNanos;
                if (holding) {
                    if (now < due) {
                        return WAIT;
                    }
                    due = now + intervalNanos;
                    return ByteBuffer.wrap(heartbeats.get(beats++ % heartbeats.size()));
                }
                return tailPos < rest.size() ? ByteBuffer.wrap(rest.get(tailPos++)) : null;
            }

            @Override
            public long wakeAt() {
                return due;
            }
        };
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        running = false;
        try {
            selector.close();
            server.close();
        } catch (IOException ignored) {
            // best effort
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
