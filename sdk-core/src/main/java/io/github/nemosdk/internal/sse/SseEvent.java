package io.github.nemosdk.internal.sse;

import java.util.Objects;
import java.util.OptionalLong;

/** One dispatched Server-Sent Event. Immutable. */
public final class SseEvent {
    private final String eventName;
    private final String data;
    private final String id;
    private final long retry;

    /**
     * Creates an event (the parser makes them; tests and decoders may too).
     *
     * @param eventName the {@code event:} name, or null
     * @param data      the joined {@code data:} lines
     * @param id        the last event id, or null
     * @param retry     the reconnection delay in effect, if any
     */
    public SseEvent(String eventName, String data, String id, OptionalLong retry) {
        this(eventName, data, id, retry.isPresent() ? retry.getAsLong() : -1);
    }

    SseEvent(String eventName, String data, String id, long retry) {
        this.eventName = eventName;
        this.data = Objects.requireNonNull(data, "data");
        this.id = id;
        this.retry = retry;
    }

    /**
     * The {@code event:} field of this event.
     *
     * @return the name, or null when the event had none
     */
    public String eventName() {
        return eventName;
    }

    /**
     * The data: every {@code data:} line's value, joined with {@code "\n"}.
     *
     * @return the data, possibly empty (a keep-alive)
     */
    public String data() {
        return data;
    }

    /**
     * The last event id of the stream when this event was dispatched ({@code id:} persists across events).
     *
     * @return the id, or null when none was set
     */
    public String id() {
        return id;
    }

    /**
     * The reconnection delay in milliseconds last set by a {@code retry:} field in the stream (it persists, like
     * the id).
     *
     * @return the delay, or empty when none was set
     */
    public OptionalLong retry() {
        return retry < 0 ? OptionalLong.empty() : OptionalLong.of(retry);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SseEvent)) {
            return false;
        }
        SseEvent other = (SseEvent) o;
        return Objects.equals(eventName, other.eventName) && data.equals(other.data)
                && Objects.equals(id, other.id) && retry == other.retry;
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventName, data, id, retry);
    }

    @Override
    public String toString() {
        return "SseEvent{" + (eventName == null ? "" : "event=" + eventName + ", ") + "data=" + data
                + (id == null ? "" : ", id=" + id) + (retry < 0 ? "" : ", retry=" + retry) + "}";
    }
}
