package io.github.nemosdk.internal.chat;

import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.chat.ChatStream;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.internal.ExceptionRequestIds;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.internal.http.Interrupts;
import io.github.nemosdk.internal.http.LiveExchanges;
import io.github.nemosdk.internal.http.Secrets;
import io.github.nemosdk.internal.sse.FrameDecoder;
import io.github.nemosdk.internal.sse.SseEvent;
import io.github.nemosdk.internal.sse.SseParser;
import io.github.nemosdk.internal.sse.SseSink;
import java.io.IOException;
import java.io.InputStream;
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
    private enum Reason { USER, DEADLINE, CLIENT_CLOSED }

    private final String sessionId;
    private final InputStream in;
    private final SseParser parser;
    private final FrameDecoder decoder;
    private final ArrayDeque<ChatEvent> pending = new ArrayDeque<>();
    private final byte[] buf = new byte[16 * 1024];
    private final AtomicReference<Reason> closed = new AtomicReference<>();
    private final TurnWatch watch;
    private final ScheduledFuture<?> watchdog;
    private final LiveExchanges.Registration registration;
    private volatile TurnWatch.Reason deadline;
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
    private boolean eof;
    private boolean iterated;
    private RuntimeException failure;
    private final io.github.nemosdk.ClientListener listener;
    private final String requestId;

    /**
     * Wraps an open event stream.
     *
     * @param sessionId the session
     * @param in        the response body
     * @param settings  deadlines and limits
     * @param scheduler runs the watchdog
     * @param ticker    the time source of the deadlines
     * @param secrets   the tokens the client sent, masked in what the stream delivers
     * @param live      the client's exchanges under way: its {@code close()} ends this stream
     * @param listener  the user's observer, told of every event handed out
     * @param requestId the response's request id, given to every failure of the stream; or null
     */
    public DefaultChatStream(String sessionId, InputStream in, ChatSettings settings,
            ScheduledExecutorService scheduler, io.github.nemosdk.Ticker ticker, Secrets secrets, LiveExchanges live,
            io.github.nemosdk.ClientListener listener, String requestId) {
        this.sessionId = sessionId;
        this.requestId = requestId;
        this.listener = listener;
        this.in = in;
        this.parser = new SseParser(settings.maxLineBytes(), settings.maxEventBytes());
        this.decoder = new FrameDecoder(settings.maxEventBytes(), secrets);
        this.watch = new TurnWatch(settings, ticker);
        long period = watch.checkPeriodNanos();
        try {
            this.watchdog = scheduler.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
        } catch (io.github.nemosdk.errors.ClientClosedException e) {
            try {
                in.close(); // the client closed while the stream opened: its connection goes with it
            } catch (IOException ignored) {
                // nothing more to release
            }
            throw e;
        }
        this.registration = live.add(() -> trip(Reason.CLIENT_CLOSED));
    }

    private void check() {
        TurnWatch.Reason overdue = watch.overdue();
        if (overdue != null && closed.compareAndSet(null, Reason.DEADLINE)) {
            deadline = overdue;
            release();
        }
    }

    private void trip(Reason reason) {
        if (closed.compareAndSet(null, reason)) {
            release();
        }
    }

    private void release() {
        watchdog.cancel(false);
        if (registration != null) { // null only while the constructor registers
            registration.close();
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is best effort; the reader sees the end either way
        }
    }

    private void accept(ChatEvent e) {
        watch.event(e, pending::add);
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty()) {
            if (failure != null) {
                throw ExceptionRequestIds.attach(failure, requestId);
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
        ChatEvent e = pending.poll();
        if (listener != Listeners.NONE) {
            Listeners.tell("chat event", () -> listener.onChatEvent(sessionId, e));
        }
        return e;
    }

    private void readMore() {
        int n;
        try {
            n = closed.get() != null ? -1 : in.read(buf);
        } catch (IOException e) {
            if (closed.get() == null && Interrupts.caused(e)) {
                failure = Interrupts.interrupted("the chat stream of session " + sessionId, e);
                trip(Reason.USER); // lets the connection go
                return;
            }
            end(e);
            return;
        }
        if (n < 0) {
            end(null);
            return;
        }
        watch.bytesArrived();
        try {
            parser.feed(buf, 0, n, sink);
        } catch (NemoException e) {
            failure = e;
            trip(Reason.USER);
            return;
        }
        check(); // a deadline passed while events flow is seen at once, not at the watchdog's next look
    }

    private void end(IOException error) {
        Reason reason = closed.get();
        if (reason == null && error == null) {
            try {
                parser.finish(sink);
                if (decoder.inMessage()) {
                    failure = TurnWatch.endedMidMessage(sessionId);
                }
            } catch (NemoException e) {
                failure = e;
            }
            eof = true;
            trip(Reason.USER);
            return;
        }
        if (reason == null) {
            failure = TurnWatch.disconnected(sessionId, error);
            trip(Reason.USER);
            return;
        }
        eof = true;
        if (reason == Reason.DEADLINE) {
            failure = watch.timeout(deadline);
        } else if (reason == Reason.CLIENT_CLOSED) {
            failure = new io.github.nemosdk.errors.ClientClosedException("the chat stream of session " + sessionId);
        }
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
