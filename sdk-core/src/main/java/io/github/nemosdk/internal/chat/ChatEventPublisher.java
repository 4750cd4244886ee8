package io.github.nemosdk.internal.chat;

import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.internal.ExceptionRequestIds;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.internal.http.Cancellation;
import io.github.nemosdk.internal.http.Futures;
import io.github.nemosdk.internal.http.LiveExchanges;
import io.github.nemosdk.internal.http.Response;
import io.github.nemosdk.internal.http.Secrets;
import io.github.nemosdk.internal.sse.FrameDecoder;
import io.github.nemosdk.internal.sse.SseEvent;
import io.github.nemosdk.internal.sse.SseParser;
import io.github.nemosdk.internal.sse.SseSink;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A chat turn as a {@link Flow.Publisher}: the message is sent when the (single) subscriber subscribes; events are
 * decoded from the response body as the subscriber asks for them. Back-pressure reaches the network: the body is
 * requested one chunk at a time, only while the subscriber has unmet demand and no decoded event is waiting, so a
 * slow subscriber slows the connection instead of filling memory. No thread waits, for the headers or the body.
 * {@code cancel()} releases the connection, also while the answer's headers are awaited.
 */
public final class ChatEventPublisher implements Flow.Publisher<ChatEvent> {
    private final io.github.nemosdk.ClientListener listener;
    private final String sessionId;
    /** Sends the message; let go once used (the turn then holds no request, body or headers). */
    private volatile Function<Cancellation, CompletableFuture<Response>> opener;
    private final ScheduledExecutorService scheduler;
    private final io.github.nemosdk.Ticker ticker;
    private final ChatSettings settings;
    private final Secrets secrets;
    private final LiveExchanges live;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    /**
     * Where a chunk without an accessible array (the HTTP client's are read-only) is copied for the parser: one per
     * thread that delivers chunks, not one per turn; the parser copies what it keeps, so it is free again when
     * {@code feed} returns.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[8192]);

    /**
     * Creates the publisher; nothing is sent before {@link #subscribe}.
     *
     * @param sessionId the session
     * @param opener    sends the message under a cancellation; completes with the response whose body is the
     *                  stream
     * @param scheduler runs the deadline watchdog
     * @param ticker    the time source of the deadlines
     * @param settings  deadlines and limits
     * @param secrets   the tokens the client sent, masked in what the stream delivers
     * @param live      the client's exchanges under way: its {@code close()} ends the turn
     * @param listener  the user's observer, told of every event handed out
     */
    public ChatEventPublisher(String sessionId, Function<Cancellation, CompletableFuture<Response>> opener,
            ScheduledExecutorService scheduler, io.github.nemosdk.Ticker ticker, ChatSettings settings, Secrets secrets,
            LiveExchanges live, io.github.nemosdk.ClientListener listener) {
        this.sessionId = sessionId;
        this.listener = listener;
        this.opener = opener;
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.settings = settings;
        this.secrets = secrets;
        this.live = live;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("A chat turn's publisher takes one subscriber: another"
                    + " subscription would send the message again. Call stream(prompt) for a new turn."));
            return;
        }
        Turn turn = new Turn(subscriber);
        subscriber.onSubscribe(turn);
        turn.registration = live.add(() -> turn.fail(new io.github.nemosdk.errors.ClientClosedException(
                "the chat turn of session " + sessionId)));
        if (turn.cancelled) {
            // cancelled in onSubscribe, before there was a registration to let go of: nothing is sent
            turn.registration.close();
            return;
        }
        turn.open();
    }

    /** One subscription: downstream {@link Flow.Subscription} and upstream body subscriber. */
    private final class Turn implements Flow.Subscription, Flow.Subscriber<List<ByteBuffer>> {
        private final Flow.Subscriber<? super ChatEvent> downstream;
        private final Queue<ChatEvent> queue = new ConcurrentLinkedQueue<>();
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicBoolean chunkRequested = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final SseParser parser = new SseParser(settings.maxLineBytes(), settings.maxEventBytes());
        private final FrameDecoder decoder = new FrameDecoder(settings.maxEventBytes(), secrets);
        private final TurnWatch watch = new TurnWatch(settings, ticker);
        /** The response's request id, given to the turn's failure; set when the stream opens. */
        private volatile String requestId;
        private final SseSink sink = new SseSink() {
            @Override
            public void event(SseEvent e) {
                decoder.event(e, ev -> watch.event(ev, queue::add));
            }

            @Override
            public void comment(String text) {
                decoder.comment(text, ev -> watch.event(ev, queue::add));
            }
        };
        private volatile Flow.Subscription upstream;
        /** Ends the turn when the client closes; closed once the turn is over. */
        private volatile LiveExchanges.Registration registration;
        private volatile ScheduledFuture<?> watchdog;
        private volatile boolean upstreamDone;
        private volatile boolean cancelled;
        /** The cancellation of the send, cancelled with the subscription. */
        private final Cancellation sending = new Cancellation();
        private volatile Throwable error;
        private boolean terminated;

        Turn(Flow.Subscriber<? super ChatEvent> downstream) {
            this.downstream = downstream;
        }

        void open() {
            if (cancelled) {
                return;
            }
            CompletableFuture<Response> opening;
            try {
                Function<Cancellation, CompletableFuture<Response>> send = opener;
                opener = null;
                opening = send.apply(sending);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            opening.whenComplete((opened, e) -> {
                if (e != null) {
                    fail(Futures.unwrap(e));
                } else {
                    opened(opened);
                }
            });
        }

        private void opened(Response opened) {
            requestId = opened.requestId().orElse(null);
            Flow.Publisher<List<ByteBuffer>> body = opened.publisher();
            long period = watch.checkPeriodNanos();
            try {
                watchdog = scheduler.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
            } catch (io.github.nemosdk.errors.ClientClosedException e) {
                fail(e); // the client closed while the turn opened; subscribing below cancels the body at once
            }
            body.subscribe(this);
        }

        private void check() {
            TurnWatch.Reason overdue = watch.overdue();
            if (overdue != null) {
                fail(watch.timeout(overdue));
            }
        }

        void fail(Throwable t) {
            if (finished.compareAndSet(false, true)) {
                error = t;
                upstreamDone = true;
                Flow.Subscription u = upstream;
                if (u != null) {
                    u.cancel();
                }
                drain();
            }
        }

        // upstream: the response body

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            if (cancelled || finished.get()) {
                subscription.cancel();
                return;
            }
            drain();
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            chunkRequested.set(false);
            if (finished.get()) {
                return;
            }
            watch.bytesArrived();
            try {
                for (ByteBuffer b : buffers) {
                    int n = b.remaining();
                    if (b.hasArray()) { // parsed where it lies: the parser copies only what it keeps
                        parser.feed(b.array(), b.arrayOffset() + b.position(), n, sink);
                        b.position(b.limit());
                        continue;
                    }
                    // the HTTP client hands out read-only buffers: copied through the thread's scratch, a piece at
                    // a time (the parser keeps nothing of it), so an open turn holds no buffer of its own
                    byte[] scratch = SCRATCH.get();
                    while (n > 0) {
                        int k = Math.min(n, scratch.length);
                        b.get(scratch, 0, k);
                        parser.feed(scratch, 0, k, sink);
                        n -= k;
                    }
                }
            } catch (NemoException e) {
                fail(e);
                return;
            }
            check(); // a deadline passed while events flow is seen at once, not at the watchdog's next look
            drain();
        }

        @Override
        public void onError(Throwable t) {
            fail(TurnWatch.disconnected(sessionId, t));
        }

        @Override
        public void onComplete() {
            if (finished.get()) {
                return;
            }
            try {
                parser.finish(sink);
            } catch (NemoException e) {
                fail(e);
                return;
            }
            if (decoder.inMessage()) {
                fail(TurnWatch.endedMidMessage(sessionId));
                return;
            }
            if (finished.compareAndSet(false, true)) {
                upstreamDone = true;
                drain();
            }
        }

        // downstream: the user's subscriber

        @Override
        public void request(long n) {
            if (n <= 0) {
                fail(new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)"));
                return;
            }
            long current;
            long next;
            do {
                current = demand.get();
                next = current + n < 0 ? Long.MAX_VALUE : current + n;
            } while (!demand.compareAndSet(current, next));
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            sending.cancel();
            finished.set(true);
            LiveExchanges.Registration r = registration;
            if (r != null) {
                r.close();
            }
            Flow.Subscription u = upstream;
            if (u != null) {
                u.cancel();
            }
            ScheduledFuture<?> w = watchdog;
            if (w != null) {
                w.cancel(false);
            }
            queue.clear();
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (terminated || cancelled) {
                    queue.clear();
                    return;
                }
                long r = demand.get();
                long emitted = 0;
                while (emitted != r) {
                    ChatEvent e = queue.poll();
                    if (e == null) {
                        break;
                    }
                    if (listener != Listeners.NONE) {
                        Listeners.tell("chat event", () -> listener.onChatEvent(sessionId, e));
                    }
                    downstream.onNext(e);
                    emitted++;
                    if (cancelled) {
                        queue.clear();
                        return;
                    }
                }
                if (emitted > 0 && r != Long.MAX_VALUE) {
                    demand.addAndGet(-emitted);
                }
                if (queue.isEmpty() && upstreamDone) {
                    terminated = true;
                    LiveExchanges.Registration reg = registration;
                    if (reg != null) {
                        reg.close();
                    }
                    ScheduledFuture<?> w = watchdog;
                    if (w != null) {
                        w.cancel(false);
                    }
                    Throwable t = error;
                    if (t != null) {
                        downstream.onError(ExceptionRequestIds.attach(t, requestId));
                    } else {
                        downstream.onComplete();
                    }
                    return;
                }
                Flow.Subscription u = upstream;
                if (queue.isEmpty() && demand.get() > 0 && !upstreamDone && u != null
                        && chunkRequested.compareAndSet(false, true)) {
                    u.request(1);
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
