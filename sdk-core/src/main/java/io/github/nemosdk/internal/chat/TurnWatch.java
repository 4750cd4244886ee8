package io.github.nemosdk.internal.chat;

import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.errors.ChatTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The clock of one chat turn: when bytes and content last arrived, the "still working" events owed for
 * heartbeat-only stretches, and which deadline (if any) has passed. Event methods run on the reading thread;
 * {@link #overdue()} may run on a watchdog thread.
 */
final class TurnWatch {
    /** Which deadline passed. */
    enum Reason { TURN_TIMEOUT, HEARTBEATS_ONLY, IDLE }

    private final ChatSettings settings;
    private final io.github.nemosdk.Ticker ticker;
    private final long startNanos;
    private final long stillWorkingNanos;
    private volatile long lastByteNanos;
    private volatile long lastContentNanos;
    private int stillWorkingSent;

    TurnWatch(ChatSettings settings, io.github.nemosdk.Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
        this.startNanos = ticker.nanoTime();
        this.lastByteNanos = startNanos;
        this.lastContentNanos = startNanos;
        this.stillWorkingNanos = settings.stillWorkingInterval().toNanos();
    }

    /** How often a watchdog should call {@link #overdue()}. */
    long checkPeriodNanos() {
        long shortest = Math.min(settings.idleTimeout().toNanos(),
                Math.min(settings.heartbeatOnlyTimeout().toNanos(), settings.turnTimeout().toNanos()));
        return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), shortest / 4));
    }

    void bytesArrived() {
        lastByteNanos = ticker.nanoTime();
    }

    /** Passes an event on, adding a {@link ChatEvent.StillWorking} after each heartbeat-only stretch. */
    void event(ChatEvent e, Consumer<ChatEvent> out) {
        long now = ticker.nanoTime();
        out.accept(e);
        if (e instanceof ChatEvent.Heartbeat) {
            long silent = now - lastContentNanos;
            if (silent >= stillWorkingNanos * (stillWorkingSent + 1L)) {
                stillWorkingSent++;
                out.accept(ChatEvent.StillWorking.of(Duration.ofNanos(silent)));
            }
        } else {
            lastContentNanos = now;
            stillWorkingSent = 0;
        }
    }

    /** The deadline that has passed, or null. */
    Reason overdue() {
        long now = ticker.nanoTime();
        if (now - startNanos >= settings.turnTimeout().toNanos()) {
            return Reason.TURN_TIMEOUT;
        }
        if (now - lastContentNanos >= settings.heartbeatOnlyTimeout().toNanos()) {
            return Reason.HEARTBEATS_ONLY;
        }
        if (now - lastByteNanos >= settings.idleTimeout().toNanos()) {
            return Reason.IDLE;
        }
        return null;
    }

    /** The exception for a passed deadline. */
    ChatTimeoutException timeout(Reason reason) {
        String what;
        ChatTimeoutException.Reason r;
        switch (reason) {
            case TURN_TIMEOUT:
                r = ChatTimeoutException.Reason.TURN_TIMEOUT;
                what = "The chat turn ran longer than " + describe(settings.turnTimeout())
                        + " (ChatSettings.turnTimeout) and was closed.";
                break;
            case HEARTBEATS_ONLY:
                r = ChatTimeoutException.Reason.HEARTBEATS_ONLY;
                what = "Only heartbeats arrived for " + describe(settings.heartbeatOnlyTimeout())
                        + " (ChatSettings.heartbeatOnlyTimeout): the turn timed out.";
                break;
            default:
                r = ChatTimeoutException.Reason.IDLE;
                what = "The chat stream stalled: nothing arrived for " + describe(settings.idleTimeout())
                        + " (ChatSettings.idleTimeout).";
                break;
        }
        return new ChatTimeoutException(r, what + " The message was sent and the edit may still be applied: check"
                + " the state (client.chat(sessionId).recover(before)) before sending it again.");
    }

    static String describe(Duration d) {
        long s = d.getSeconds();
        if (s >= 60 && s % 60 == 0) {
            return (s / 60) + " min";
        }
        return s > 0 && d.getNano() == 0 ? s + " s" : d.toMillis() + " ms";
    }

    /**
     * The exception for a stream that closed while a message was still streaming: the server sent partial text and
     * never the complete event that follows it, so the turn did not end cleanly.
     */
    static io.github.nemosdk.errors.ChatDisconnectedException endedMidMessage(String sessionId) {
        return new io.github.nemosdk.errors.ChatDisconnectedException("The chat stream of session " + sessionId
                + " closed in the middle of the assistant's message (partial text without the complete event that"
                + " ends it): the turn did not end cleanly. The edit may have been applied; the SDK does not re-send"
                + " it. Use client.chat(sessionId).recover(before) or read the state to find out.",
                new java.io.EOFException("the stream closed in the middle of a message"));
    }

    static io.github.nemosdk.errors.ChatDisconnectedException disconnected(String sessionId, Throwable error) {
        return new io.github.nemosdk.errors.ChatDisconnectedException("The chat stream of session " + sessionId
                + " broke after the message was sent (" + error.getClass().getSimpleName() + "). The edit may have"
                + " been applied; the SDK does not re-send it. Use client.chat(sessionId).recover(before) or read"
                + " the state to find out.", error);
    }
}
