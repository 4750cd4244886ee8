package io.github.nemosdk.internal.sse;

import io.github.nemosdk.errors.ChatProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An incremental, byte-level parser of the {@code text/event-stream} format (WHATWG HTML, "Server-sent events").
 * Feed it the bytes as they arrive, in pieces of any size; it calls an {@link SseSink} for every complete event and
 * comment.
 * <ul>
 * <li>Lines end with LF, CR or CRLF, also when the CR and the LF arrive in different pieces.</li>
 * <li>A UTF-8 byte order mark at the very start of the stream is skipped. Event data is kept as bytes and decoded as
 * UTF-8 only when {@link SseEvent#data()} asks, so characters split across pieces come out whole; malformed bytes
 * become U+FFFD. Comments, names and ids are decoded once their line is complete.</li>
 * <li>An event's data is copied once: a single data line that ends, with its event, in the piece that holds it (the
 * usual case) is copied straight from the piece into the event; other data is built in an array of the parser's
 * that the event then owns.</li>
 * <li>{@code :text} is a comment; {@code name: value} a field (one space after the colon is removed); a line without
 * a colon is a field with an empty value. Fields: {@code data} (lines joined with "\n"), {@code event},
 * {@code id} (ignored when it contains NUL, empty resets it; persists across events), {@code retry} (ASCII digits
 * only, else ignored; persists). Other fields are ignored.</li>
 * <li>A blank line dispatches the event when it had at least one {@code data} line (an empty {@code data:} line
 * gives an event with data "", a keep-alive), then clears the data and the event name.</li>
 * <li>{@link #finish} treats an unterminated last line as complete and dispatches a pending event: unlike a browser,
 * a stream that closes without the final blank line does not lose its last event.</li>
 * </ul>
 * Memory is bounded by the two limits: a line longer than {@code maxLineBytes} (excluding its line ending) or event
 * data larger than {@code maxEventBytes} (UTF-8 bytes, joined) raises a {@link ChatProtocolException}. After any
 * exception, from the limits or from the sink, the parser must not be used again.
 * <p>Not thread-safe: one parser per stream.
 */
public final class SseParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte COLON = ':';
    private static final byte SPACE = ' ';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] EMPTY = new byte[0];
    /** Reads eight bytes of an array as one little-endian long. */
    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final byte[] DATA = ascii("data");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] ID = ascii("id");
    private static final byte[] RETRY = ascii("retry");

    private final int maxLineBytes;
    private final int maxEventBytes;

    /** The bytes of an incomplete line carried over from earlier pieces. */
    private byte[] line;
    private int lineLen;
    /** The previous piece ended with CR: an LF at the start of the next one belongs to that line ending. */
    private boolean skipLf;
    /** How many BOM bytes have matched at the start of the stream; BOM.length once the check is over. */
    private int bomMatched;

    // The event being built.
    private String eventName;
    private int dataLines;
    /**
     * The event's only data line so far, still where the caller's piece has it ({@code viewBuf} non-null): not copied
     * until the event is dispatched (one copy, of the exact size) or the piece ends without dispatching it (then it
     * moves into {@link #data}).
     */
    private byte[] viewBuf;
    private int viewOff;
    /** The joined data lines, as UTF-8 bytes, when they are not a view; handed over to the event that uses them. */
    private byte[] data;
    private int dataLen;

    // Stream-wide state.
    private String lastEventId;
    private long retry = -1;

    /**
     * Creates a parser for one stream.
     *
     * @param maxLineBytes  the longest line accepted, in bytes ({@code ChatSettings.maxLineBytes})
     * @param maxEventBytes the largest event data accepted, in bytes ({@code ChatSettings.maxEventBytes})
     */
    public SseParser(int maxLineBytes, int maxEventBytes) {
        if (maxLineBytes <= 0 || maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes and maxEventBytes must be positive, got " + maxLineBytes
                    + " and " + maxEventBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.maxEventBytes = maxEventBytes;
        this.line = EMPTY; // made when a line first spans two pieces: most pieces end at a line's end
    }

    /**
     * Parses the next piece of the stream, dispatching every event and comment it completes.
     *
     * @param buf  the bytes
     * @param off  where the piece starts in {@code buf}
     * @param len  how many bytes it has (0 is allowed)
     * @param sink receives events and comments
     * @throws ChatProtocolException when a line or an event exceeds its limit
     */
    public void feed(byte[] buf, int off, int len, SseSink sink) {
        Objects.checkFromIndexSize(off, len, buf.length);
        Objects.requireNonNull(sink, "sink");
        int end = off + len;
        int i = bomMatched < BOM.length ? skipBom(buf, off, end) : off;
        if (skipLf && i < end) {
            skipLf = false;
            if (buf[i] == LF) {
                i++;
            }
        }
        int start = i;
        while (i < end) {
            i = lineEnd(buf, i, end);
            if (i == end) {
                break;
            }
            byte b = buf[i];
            endLine(buf, start, i - start, sink);
            i++;
            if (b == CR) {
                if (i == end) {
                    skipLf = true;
                } else if (buf[i] == LF) {
                    i++;
                }
            }
            start = i;
        }
        if (start < end) {
            appendToLine(buf, start, end - start);
        }
        if (viewBuf != null) {
            materializeView(); // the caller reuses its buffer: the pending data line moves into our own
        }
    }

    /**
     * The index of the first CR or LF in {@code b[from, end)}, or {@code end}. Eight bytes at a time: a byte equal
     * to CR or LF becomes zero after an XOR, and the classic test for a zero byte in a word finds it; the lowest
     * flagged byte is always a true match (a false flag only appears above a true zero byte).
     */
    static int lineEnd(byte[] b, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i);
            long lf = w ^ 0x0A0A0A0A0A0A0A0AL;
            long cr = w ^ 0x0D0D0D0D0D0D0D0DL;
            long hit = ((lf - 0x0101010101010101L) & ~lf | (cr - 0x0101010101010101L) & ~cr) & 0x8080808080808080L;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == LF || c == CR) {
                return i;
            }
        }
        return end;
    }

    /**
     * Ends the stream: an unterminated last line counts as complete, and a pending event with data is dispatched
     * even without its blank line. The parser is then empty; call it once, at end of stream.
     *
     * @param sink receives the last event
     * @throws ChatProtocolException when the last event exceeds a limit
     */
    public void finish(SseSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (bomMatched < BOM.length) {
            flushBomPrefix();
        }
        skipLf = false;
        if (lineLen > 0) {
            int total = lineLen;
            lineLen = 0;
            processLine(line, 0, total, sink);
        }
        dispatch(sink);
    }

    /** Matches the BOM at stream start; on a mismatch the bytes matched so far become ordinary line content. */
    private int skipBom(byte[] buf, int i, int end) {
        while (bomMatched < BOM.length && i < end) {
            if (buf[i] == BOM[bomMatched]) {
                bomMatched++;
                i++;
            } else {
                flushBomPrefix();
            }
        }
        return i;
    }

    private void flushBomPrefix() {
        int matched = bomMatched;
        bomMatched = BOM.length;
        appendToLine(BOM, 0, matched);
    }

    private void appendToLine(byte[] src, int off, int n) {
        int total = lineLen + n;
        if (total > maxLineBytes) {
            throw lineTooLong();
        }
        if (total > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max(Math.max(total, 2L * line.length),
                    Math.min(512, maxLineBytes))));
        }
        System.arraycopy(src, off, line, lineLen, n);
        lineLen = total;
    }

    /** A line ended: its bytes are the carried-over ones followed by {@code buf[off, off + n)}. */
    private void endLine(byte[] buf, int off, int n, SseSink sink) {
        if (lineLen == 0) {
            if (n > maxLineBytes) {
                throw lineTooLong();
            }
            processLine(buf, off, n, sink);
            return;
        }
        appendToLine(buf, off, n);
        int total = lineLen;
        lineLen = 0;
        processLine(line, 0, total, sink);
    }

    /** The line is {@code b[off, off + len)}: the caller's piece, or the parser's carried-over line. */
    private void processLine(byte[] b, int off, int len, SseSink sink) {
        if (len == 0) {
            dispatch(sink);
            return;
        }
        int end = off + len;
        if (b[off] == COLON) {
            int s = off + 1 < end && b[off + 1] == SPACE ? off + 2 : off + 1;
            sink.comment(decode(b, s, end - s));
            return;
        }
        int colon = off;
        while (colon < end && b[colon] != COLON) {
            colon++;
        }
        int v = colon < end ? colon + 1 : end;
        if (v < end && b[v] == SPACE) {
            v++;
        }
        int nameLen = colon - off;
        int valueLen = end - v;
        if (is(b, off, nameLen, DATA)) {
            appendData(b, v, valueLen);
        } else if (is(b, off, nameLen, EVENT)) {
            eventName = valueLen == 0 ? null : decode(b, v, valueLen);
        } else if (is(b, off, nameLen, ID)) {
            if (!containsNul(b, v, end)) {
                lastEventId = valueLen == 0 ? null : decode(b, v, valueLen);
            }
        } else if (is(b, off, nameLen, RETRY)) {
            long r = digits(b, v, end);
            if (r >= 0) {
                retry = r;
            }
        }
    }

    private void appendData(byte[] b, int off, int len) {
        long size = dataLines == 0 ? len : (long) dataLen + 1 + len;
        if (size > maxEventBytes) {
            throw new ChatProtocolException("The chat stream sent an event whose data is larger than "
                    + maxEventBytes + " bytes, the limit set by ChatSettings.maxEventBytes; raise that setting if the"
                    + " server legitimately sends events this large.");
        }
        if (dataLines == 0 && b != line) {
            // the first data line, in the caller's piece: keep a view, copy later only if needed
            viewBuf = b;
            viewOff = off;
            dataLen = len;
            dataLines = 1;
            return;
        }
        if (viewBuf != null) {
            materializeView();
        }
        ensureData((int) size);
        if (dataLines > 0) {
            data[dataLen++] = LF;
        }
        System.arraycopy(b, off, data, dataLen, len);
        dataLen = (int) size;
        dataLines++;
    }

    /** Room for {@code size} bytes of data, keeping what is there. */
    private void ensureData(int size) {
        if (data == null) {
            data = new byte[Math.max(size, Math.min(512, maxEventBytes))];
        } else if (size > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(maxEventBytes, Math.max(size, 2L * data.length)));
        }
    }

    /** Moves the pending view of the first data line into {@link #data}. */
    private void materializeView() {
        byte[] src = viewBuf;
        viewBuf = null;
        ensureData(dataLen);
        System.arraycopy(src, viewOff, data, 0, dataLen);
    }

    private void dispatch(SseSink sink) {
        String name = eventName;
        eventName = null;
        if (dataLines == 0) {
            return;
        }
        byte[] bytes;
        if (viewBuf != null) {
            bytes = Arrays.copyOfRange(viewBuf, viewOff, viewOff + dataLen); // the event's one copy
            viewBuf = null;
        } else {
            bytes = data; // built here: handed over as it is, the next event gets a new array
            data = null;
        }
        int len = dataLen;
        dataLines = 0;
        dataLen = 0;
        sink.event(new SseEvent(name, bytes, len, lastEventId, retry));
    }

    private ChatProtocolException lineTooLong() {
        return new ChatProtocolException("The chat stream sent a line longer than " + maxLineBytes
                + " bytes, the limit set by ChatSettings.maxLineBytes; raise that setting if the server legitimately"
                + " sends lines this long.");
    }

    private static String decode(byte[] b, int off, int len) {
        return len == 0 ? "" : new String(b, off, len, StandardCharsets.UTF_8);
    }

    private static boolean is(byte[] b, int off, int len, byte[] name) {
        if (len != name.length) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (b[off + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsNul(byte[] b, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The value as a non-negative number when it is only ASCII digits (and fits a long), else -1. */
    private static long digits(byte[] b, int from, int to) {
        if (from == to) {
            return -1;
        }
        long r = 0;
        for (int k = from; k < to; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9 || r > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            r = r * 10 + d;
        }
        return r;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
