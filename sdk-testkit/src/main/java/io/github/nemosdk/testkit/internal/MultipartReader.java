package io.github.nemosdk.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming reader of a {@code multipart/form-data} body (RFC 7578 / RFC 2046): parts are read
 * one after the other straight from the request stream through a fixed 64 KiB buffer, so bodies of
 * any size cost constant memory. Binary-safe: part contents are passed through byte for byte.
 * Lines end with CRLF (a bare LF is tolerated in part headers); a preamble before the first
 * boundary and an epilogue after the closing one are ignored. Used by one thread.
 *
 * <p>Malformed bodies (no closing boundary, oversized part headers) raise a 400
 * {@link ApiException}; I/O errors of the underlying stream are passed on.
 */
final class MultipartReader {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BOUNDARY = 200;

    /** One part: its headers and its content, which must be read before the next part is asked for. */
    static final class Part {
        private final Map<String, String> headers;
        private final Map<String, String> disposition;
        private final InputStream content;

        Part(Map<String, String> headers, InputStream content) {
            this.headers = headers;
            this.disposition = parameters(headers.getOrDefault("content-disposition", ""));
            this.content = content;
        }

        /** Header values by lower-case name (the last one wins if repeated). */
        Map<String, String> headers() {
            return headers;
        }

        /** The {@code name} of the {@code Content-Disposition} header, or null. */
        String name() {
            return disposition.get("name");
        }

        /**
         * The file name of the {@code Content-Disposition} header ({@code filename*} preferred over
         * {@code filename}), without any directory a browser may have sent, or null if there is none.
         */
        String fileName() {
            String name = disposition.get("filename*");
            if (name != null) {
                name = decodeExtValue(name);
            }
            if (name == null) {
                name = disposition.get("filename");
            }
            if (name == null) {
                return null;
            }
            int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            return name.substring(slash + 1).trim();
        }

        /** The part's bytes; ends (returns -1) at the next boundary. */
        InputStream content() {
            return content;
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private boolean finished;
    private PartStream current;

    /**
     * A reader of {@code in}, a body delimited by {@code boundary}.
     *
     * @throws ApiException 400 if the boundary is empty or too long
     */
    MultipartReader(InputStream in, String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw ApiException.of(400, 400, "malformed multipart body: bad boundary");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // A virtual line break before the body, so that a boundary on the very first line matches
        // the delimiter like every later one.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /**
     * The {@code boundary} parameter of a {@code multipart/form-data} content type, quoted or not.
     *
     * @throws ApiException 400 if there is none
     */
    static String boundary(String contentType) {
        String boundary = parameters(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw ApiException.of(400, 400, "multipart/form-data without a boundary");
        }
        return boundary;
    }

    /**
     * The next part, skipping whatever is left of the previous one (or the preamble).
     *
     * @return the part, or null after the closing boundary
     * @throws ApiException 400 if the body is malformed
     */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current == null) {
            current = new PartStream();
        }
        current.skipAll();
        if (!ensure(2)) {
            throw malformed("the body ends without a closing boundary");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        while (ensure(1) && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++; // transport padding
        }
        if (ensure(1) && buf[pos] == '\r') {
            pos++;
        }
        if (!ensure(1) || buf[pos] != '\n') {
            throw malformed("no line break after a boundary");
        }
        pos++;
        Map<String, String> headers = readHeaders();
        current = new PartStream();
        return new Part(headers, current);
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            byte[] line = readLine();
            total += line.length + 2;
            if (total > MAX_HEADER_BYTES) {
                throw malformed("part headers too long");
            }
            if (line.length == 0) {
                return Collections.unmodifiableMap(headers);
            }
            String text = decodeHeader(line);
            int colon = text.indexOf(':');
            if (colon > 0) {
                headers.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT), text.substring(colon + 1).trim());
            }
        }
    }

    /** One header line without its CRLF (or LF). */
    private byte[] readLine() throws IOException {
        int scanned = 0; // bytes after pos known to hold no line feed
        while (true) {
            for (int i = pos + scanned; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    byte[] line = new byte[end - pos];
                    System.arraycopy(buf, pos, line, 0, line.length);
                    pos = i + 1;
                    return line;
                }
            }
            scanned = lim - pos;
            if (scanned > MAX_HEADER_BYTES) {
                throw malformed("part headers too long");
            }
            if (!fill()) {
                throw malformed("the body ends inside part headers");
            }
        }
    }

    /** Makes at least {@code n} unread bytes available if the stream has them; false at the end. */
    private boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Moves the unread bytes to the front and reads more after them.
     *
     * @return false if the stream has ended (nothing was added)
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            if (current != null) {
                current.shifted(pos);
            }
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            return true; // full: the caller has plenty to work with
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
            return false;
        }
        lim += n;
        return true;
    }

    private static ApiException malformed(String why) {
        return ApiException.of(400, 400, "malformed multipart body: " + why);
    }

    /** Reads a part's content up to the next delimiter, which it then consumes. */
    private final class PartStream extends InputStream {

        private boolean done;
        /** No delimiter starts in [pos, noMatchBefore): those positions were searched already. */
        private int noMatchBefore;
        /** Where the next delimiter starts, once found; -1 while unknown. */
        private int matchAt = -1;

        PartStream() {
            noMatchBefore = pos;
        }

        void shifted(int by) {
            noMatchBefore = Math.max(0, noMatchBefore - by);
            if (matchAt >= 0) {
                matchAt -= by;
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (matchAt < 0) {
                ensure(delimiter.length);
                matchAt = search();
                if (matchAt < 0 && eof) {
                    // Everything has been read and no delimiter is left: the body was cut short.
                    throw malformed("the body ends without a closing boundary");
                }
            }
            int available;
            if (matchAt >= 0) {
                available = matchAt - pos;
                if (available == 0) {
                    pos += delimiter.length;
                    done = true;
                    matchAt = -1;
                    return -1;
                }
            } else {
                available = lim - pos - (delimiter.length - 1);
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        /** The start of the first delimiter in the unread bytes, or -1. */
        private int search() {
            int from = Math.max(pos, noMatchBefore);
            int last = lim - delimiter.length;
            outer:
            for (int i = from; i <= last; i++) {
                if (buf[i] != delimiter[0]) {
                    continue;
                }
                for (int j = 1; j < delimiter.length; j++) {
                    if (buf[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            noMatchBefore = Math.max(from, last + 1);
            return -1;
        }

        void skipAll() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }

    // ---------------------------------------------------------------- header values

    /**
     * The parameters of a header value such as {@code form-data; name="files"; filename="a.mp4"}
     * (the first item, without {@code =}, is skipped), by lower-case name. Quoted values may contain
     * {@code ;}; a backslash escapes only {@code "} and {@code \} (browsers send Windows paths unescaped).
     */
    static Map<String, String> parameters(String value) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            i++; // past ';'
            while (i < value.length() && Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            int eq = i;
            while (eq < value.length() && value.charAt(eq) != '=' && value.charAt(eq) != ';') {
                eq++;
            }
            if (eq >= value.length() || value.charAt(eq) == ';') {
                i = eq < value.length() ? eq : -1;
                continue;
            }
            String key = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < value.length() && Character.isWhitespace(value.charAt(j))) {
                j++;
            }
            StringBuilder v = new StringBuilder();
            if (j < value.length() && value.charAt(j) == '"') {
                j++;
                while (j < value.length() && value.charAt(j) != '"') {
                    char c = value.charAt(j);
                    if (c == '\\' && j + 1 < value.length()
                            && (value.charAt(j + 1) == '"' || value.charAt(j + 1) == '\\')) {
                        c = value.charAt(++j);
                    }
                    v.append(c);
                    j++;
                }
                j++; // closing quote
                while (j < value.length() && value.charAt(j) != ';') {
                    j++;
                }
            } else {
                int end = value.indexOf(';', j);
                end = end < 0 ? value.length() : end;
                v.append(value.substring(j, end).trim());
                j = end;
            }
            if (!key.isEmpty()) {
                params.putIfAbsent(key, v.toString());
            }
            i = j < value.length() ? j : -1;
        }
        return params;
    }

    /** An RFC 5987 value ({@code UTF-8''%E2%82%AC.mp4}), decoded; null if it cannot be. */
    private static String decodeExtValue(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        String charset = value.substring(0, first).trim();
        String encoded = value.substring(second + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        byte[] raw = bytes.toByteArray();
        return charset.equalsIgnoreCase("ISO-8859-1") ? new String(raw, StandardCharsets.ISO_8859_1)
                : new String(raw, StandardCharsets.UTF_8);
    }

    /** Header bytes as UTF-8 when they are valid UTF-8 (what browsers send), else as ISO-8859-1. */
    private static String decodeHeader(byte[] line) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return new String(line, StandardCharsets.ISO_8859_1);
        }
    }
}
