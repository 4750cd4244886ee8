package io.github.nemosdk.testkit.internal;

import java.time.Duration;
import java.util.Objects;

/** How an injected chat fault disturbs an accepted chat turn. Immutable. */
final class ChatFault {

    enum Kind {
        /** Heartbeats, then {@code {"error":…,"error_details":{"code":"AGENT_ERROR"}}}, then a clean close. */
        ERROR_FRAME,
        /** Heartbeats, optionally the edit, then an abrupt disconnect. */
        DISCONNECT,
        /** Headers and one heartbeat, silence for {@link #stall()}, then a clean close. */
        STALL,
        /** Heartbeats, the turn's tool calls, then the body cut off without an error frame (a tool crashed). */
        CRASH
    }

    private final Kind kind;
    private final String message;
    private final boolean afterEdit;
    private final Duration stall;

    private ChatFault(Kind kind, String message, boolean afterEdit, Duration stall) {
        this.kind = kind;
        this.message = message;
        this.afterEdit = afterEdit;
        this.stall = stall;
    }

    static ChatFault errorFrame(String message) {
        return new ChatFault(Kind.ERROR_FRAME, Objects.requireNonNull(message, "message"), false, Duration.ZERO);
    }

    static ChatFault disconnect(boolean afterEdit) {
        return new ChatFault(Kind.DISCONNECT, "", afterEdit, Duration.ZERO);
    }

    static ChatFault crash() {
        return new ChatFault(Kind.CRASH, "", false, Duration.ZERO);
    }

    static ChatFault stall(Duration stall) {
        return new ChatFault(Kind.STALL, "", false, Objects.requireNonNull(stall, "stall"));
    }

    Kind kind() {
        return kind;
    }

    String message() {
        return message;
    }

    boolean afterEdit() {
        return afterEdit;
    }

    Duration stall() {
        return stall;
    }
}
