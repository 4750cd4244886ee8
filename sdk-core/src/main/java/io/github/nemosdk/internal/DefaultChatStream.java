package io.github.nemosdk.internal;

import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.chat.ChatStream;
import io.github.nemosdk.errors.ChatDisconnectedException;
import io.github.nemosdk.errors.ChatTimeoutException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.internal.sse.FrameDecoder;
import io.github.nemosdk.internal.sse.SseEvent;
import io.github.nemosdk.internal.sse.SseParser;
import io.github.nemosdk.internal.sse.SseSink;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A chat turn's events, read on the iterating thread straight from the response body: nothing is buffered ahead
 * of the consumer beyond one read. A watchdog task closes the body when a deadline passes; {@link #close()} does
 * the same from any thread, which is the one cancellation that works on every JDK from 11 on.
 */
public final class DefaultChatStream implements ChatStream, Iterator<ChatEvent> {
    private enum Reason { USER, TURN_TIMEOUT, HEARTBEATS_ONLY, IDLE }

    private final String sessionId;
    private final InputStream in;
    private final ChatSettings settings;
    private final SseParser parser;
    private final FrameDecoder decoder = new FrameDecoder();
    private final ArrayDeque<ChatEvent> pending = new ArrayDeque<>();
    private final byte[] buf = new byte[16 * 1024];
    private final AtomicReference<Reason> closed = new AtomicReference<>();
    private final long startNanos = System.nanoTime();
    private final long stillWorkingNanos;
    private final ScheduledFuture<?> watchdog;
    private final Consumer<ChatEvent> accept = this::accept;
    private final SseSink sink = new SseSink() {
        @Override
        public void event(SseEvent e) {
            decoder.event(e, accept);
        }

        @Override
        public void comment(String text) {
            decoder.comment(text, accept);
        }
    };
    private volatile long lastByteNanos = startNanos;
    private volatile long lastContentNanos = startNanos;
    private int stillWorkingSent;
    private boolean eof;
    private boolean iterated;
    private RuntimeException failure;

    /**
     * Wraps an open event stream.
     *
     * @param sessionId the session
     * @param in        the response body
     * @param settings  deadlines and limits
     * @param scheduler runs the watchdog
     */
    public DefaultChatStream(String sessionId, InputStream in, ChatSettings settings,
            ScheduledExecutorService scheduler) {
        this.sessionId = sessionId;
        this.in = in;
        this.settings = settings;
        this.parser = new SseParser(settings.maxLineBytes(), settings.maxEventBytes());
        this.stillWorkingNanos = settings.stillWorkingInterval().toNanos();
        long shortest = Math.min(settings.idleTimeout().toNanos(),
                Math.min(settings.heartbeatOnlyTimeout().toNanos(), settings.turnTimeout().toNanos()));
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1),
                shortest / 4));
        this.watchdog = scheduler.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    private void check() {
        long now = System.nanoTime();
        if (now - startNanos >= settings.turnTimeout().toNanos()) {
            trip(Reason.TURN_TIMEOUT);
        } else if (now - lastContentNanos >= settings.heartbeatOnlyTimeout().toNanos()) {
            trip(Reason.HEARTBEATS_ONLY);
        } else if (now - lastByteNanos >= settings.idleTimeout().toNanos()) {
            trip(Reason.IDLE);
        }
    }

    private void trip(Reason reason) {
        if (closed.compareAndSet(null, reason)) {
            release();
        }
    }

    private void release() {
        watchdog.cancel(false);
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is best effort; the reader sees the end either way
        }
    }

    private void accept(ChatEvent e) {
        long now = System.nanoTime();
        if (e instanceof ChatEvent.Heartbeat) {
            pending.add(e);
            long silent = now - lastContentNanos;
            if (silent >= stillWorkingNanos * (stillWorkingSent + 1L)) {
                stillWorkingSent++;
                pending.add(ChatEvent.StillWorking.of(Duration.ofNanos(silent)));
            }
        } else {
            lastContentNanos = now;
            stillWorkingSent = 0;
            pending.add(e);
        }
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            if (eof) {
                return false;
            }
            readMore();
        }
        return true;
    }

    @Override
    public ChatEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The chat turn has ended");
        }
        return pending.poll();
    }

    private void readMore() {
        int n;
        try {
            n = closed.get() != null ? -1 : in.read(buf);
        } catch (IOException e) {
            end(e);
            return;
        }
        if (n < 0) {
            end(null);
            return;
        }
        lastByteNanos = System.nanoTime();
        try {
            parser.feed(buf, 0, n, sink);
        } catch (NemoException e) {
            failure = e;
            trip(Reason.USER);
        }
    }

    private void end(IOException error) {
        Reason reason = closed.get();
        if (reason == null && error == null) {
            try {
                parser.finish(sink);
            } catch (NemoException e) {
                failure = e;
            }
            eof = true;
            trip(Reason.USER);
            return;
        }
        if (reason == null) {
            failure = new ChatDisconnectedException("The chat stream of session " + sessionId + " broke after the"
                    + " message was sent (" + error.getClass().getSimpleName() + "). The edit may have been applied;"
                    + " the SDK does not re-send it. Use client.chat(sessionId).recover(before) or read the state"
                    + " to find out.", error);
            trip(Reason.USER);
            return;
        }
        eof = true;
        switch (reason) {
            case TURN_TIMEOUT:
                failure = timeout(ChatTimeoutException.Reason.TURN_TIMEOUT, "The chat turn ran longer than "
                        + describe(settings.turnTimeout()) + " (ChatSettings.turnTimeout) and was closed.");
                break;
            case HEARTBEATS_ONLY:
                failure = timeout(ChatTimeoutException.Reason.HEARTBEATS_ONLY, "Only heartbeats arrived for "
                        + describe(settings.heartbeatOnlyTimeout()) + " (ChatSettings.heartbeatOnlyTimeout): the"
                        + " turn timed out.");
                break;
            case IDLE:
                failure = timeout(ChatTimeoutException.Reason.IDLE, "The chat stream stalled: nothing arrived for "
                        + describe(settings.idleTimeout()) + " (ChatSettings.idleTimeout).");
                break;
            default:
                break;
        }
    }

    private ChatTimeoutException timeout(ChatTimeoutException.Reason reason, String what) {
        return new ChatTimeoutException(reason, what + " The message was sent and the edit may still be applied:"
                + " check the state (client.chat(sessionId).recover(before)) before sending it again.");
    }

    private static String describe(Duration d) {
        long s = d.getSeconds();
        if (s >= 60 && s % 60 == 0) {
            return (s / 60) + " min";
        }
        return s > 0 ? s + " s" : d.toMillis() + " ms";
    }

    @Override
    public Iterator<ChatEvent> iterator() {
        if (iterated) {
            throw new IllegalStateException("A ChatStream can be iterated once; send a new message for a new turn.");
        }
        iterated = true;
        return this;
    }

    @Override
    public Stream<ChatEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(null, Reason.USER)) {
            release();
        }
    }

    @Override
    public String toString() {
        return "ChatStream{session=" + sessionId + (closed.get() == null ? "" : ", closed") + "}";
    }
}
