package io.github.nemosdk.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A response body read as an {@link InputStream} that gives every byte received before a failure, then the failure.
 * The JDK's {@code BodySubscribers.ofInputStream()} throws as soon as the connection fails, dropping bytes it had
 * already received but not yet handed out: the last event of a chat stream whose server crashed right after sending
 * it would be lost. Here the failure waits behind the data, in arrival order. It reads the body of
 * {@code BodyHandlers.ofPublisher()} (see {@link #wrap}).
 *
 * <p>Reads block the calling thread; at most one list of buffers waits beyond the one being read, so a slow reader
 * slows the connection. {@link #close()} may be called from any thread: it cancels the exchange and wakes a blocked
 * reader, which then sees {@code IOException("closed")}. An interrupt of a blocked reader ends the read with an
 * {@link InterruptedIOException}, the interrupt flag set again.
 */
public final class OrderedBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    /** Marks the normal end of the body. */
    private static final Object END = new Object();
    /** Wakes a reader after {@link #close()}. */
    private static final Object CLOSED = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    /** The terminal item once reached (END or the failure), kept so that later reads see it again. */
    private Object terminal;
    private Iterator<ByteBuffer> buffers;
    private ByteBuffer current;

    private OrderedBody() {
    }

    /**
     * The same response with its body read through an {@code OrderedBody}. Send with
     * {@code BodyHandlers.ofPublisher()}: the HTTP client then hands the response over when the headers arrive, as
     * for {@code ofInputStream()}, even when the body fails at once.
     *
     * @param response a response whose body is a publisher
     * @return the response with an {@code OrderedBody} as its body
     */
    public static HttpResponse<InputStream> wrap(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        OrderedBody body = of(response.body());
        return new HttpResponse<InputStream>() {
            @Override
            public int statusCode() {
                return response.statusCode();
            }

            @Override
            public java.net.http.HttpRequest request() {
                return response.request();
            }

            @Override
            public java.util.Optional<HttpResponse<InputStream>> previousResponse() {
                return java.util.Optional.empty();
            }

            @Override
            public java.net.http.HttpHeaders headers() {
                return response.headers();
            }

            @Override
            public InputStream body() {
                return body;
            }

            @Override
            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
                return response.sslSession();
            }

            @Override
            public java.net.URI uri() {
                return response.uri();
            }

            @Override
            public java.net.http.HttpClient.Version version() {
                return response.version();
            }
        };
    }

    /**
     * Reads a body publisher.
     *
     * @param body the publisher
     * @return the stream, subscribed
     */
    public static OrderedBody of(Flow.Publisher<List<ByteBuffer>> body) {
        OrderedBody in = new OrderedBody();
        body.subscribe(in);
        return in;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (closed) {
                throw new IOException("closed");
            }
            if (current != null && current.hasRemaining()) {
                int n = Math.min(len, current.remaining());
                current.get(b, off, n);
                return n;
            }
            if (buffers != null && buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            current = null;
            buffers = null;
            if (terminal != null) {
                return end();
            }
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the response body");
            }
            if (item == CLOSED) {
                continue; // closed is set: the loop throws
            }
            if (item == END || item instanceof Throwable) {
                terminal = item;
                return end();
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> list = (List<ByteBuffer>) item;
            buffers = list.iterator();
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1); // the next list arrives while this one is read
            }
        }
    }

    private int end() throws IOException {
        if (terminal == END) {
            return -1;
        }
        Throwable t = (Throwable) terminal;
        throw t instanceof IOException ? new IOException(t.getMessage(), t) : new IOException(t);
    }

    @Override
    public int available() {
        ByteBuffer c = current;
        return c == null ? 0 : c.remaining();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        queue.clear();
        queue.add(CLOSED);
    }
}
