package io.github.nemosdk.internal.sse;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One dispatched Server-Sent Event. Immutable. Events made by the parser keep their data as UTF-8 bytes and decode it
 * to a {@code String} only when {@link #data()} is first called: a decoder that parses the bytes directly never pays
 * for the text.
 */
public final class SseEvent {
    private final String eventName;
    /** The data as UTF-8 bytes ({@code utf8[0, utf8Len)}), or null when the event was made from a String. */
    private final byte[] utf8;
    private final int utf8Len;
    /** The data as text; decoded from {@link #utf8} when first asked (a race decodes the same text twice). */
    private String data;
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
        this.eventName = eventName;
        this.utf8 = null;
        this.utf8Len = 0;
        this.data = Objects.requireNonNull(data, "data");
        this.id = id;
        this.retry = retry.isPresent() ? retry.getAsLong() : -1;
    }

    /** An event of the parser: {@code utf8[0, len)} is the joined data; the array is the event's from now on. */
    SseEvent(String eventName, byte[] utf8, int len, String id, long retry) {
        this.eventName = eventName;
        this.utf8 = Objects.requireNonNull(utf8, "utf8");
        this.utf8Len = len;
        this.id = id;
        this.retry = retry;
    }

    /**
     * The data as UTF-8 bytes when the parser made the event ({@link #utf8Length()} of them, from index 0), else
     * null. Callers must not modify the array.
     */
    byte[] utf8() {
        return utf8;
    }

    /** How many bytes of {@link #utf8()} are the data. */
    int utf8Length() {
        return utf8Len;
    }

    /**
     * Whether the data is empty or only white space (as {@link String#isBlank()} of {@link #data()}).
     *
     * @return true for a keep-alive
     */
    public boolean isBlank() {
        if (utf8 == null || data != null) {
            return data().isBlank();
        }
        for (int i = 0; i < utf8Len; i++) {
            byte b = utf8[i];
            if (b < 0) { // non-ASCII: let the decoded text decide
                return data().isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
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
        String text = data;
        if (text == null) {
            text = utf8Len == 0 ? "" : new String(utf8, 0, utf8Len, StandardCharsets.UTF_8);
            data = text;
        }
        return text;
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
        return Objects.equals(eventName, other.eventName) && data().equals(other.data())
                && Objects.equals(id, other.id) && retry == other.retry;
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventName, data(), id, retry);
    }

    @Override
    public String toString() {
        return "SseEvent{" + (eventName == null ? "" : "event=" + eventName + ", ") + "data=" + data()
                + (id == null ? "" : ", id=" + id) + (retry < 0 ? "" : ", retry=" + retry) + "}";
    }
}
