package io.github.nemosdk.internal.sse;

import io.github.nemosdk.internal.Json;

/**
 * Finds where the results of tools lie in an event (a typed frame's top-level {@code result} object, an ADK part's
 * {@code functionResponse.response} object) by one pass over its bytes that also checks their syntax, faster than
 * the mapper's parser skips them (it neither looks names up nor collects digits). The check is strict: it accepts a
 * subset of what the SDK's mapper accepts (plain JSON, well-formed UTF-8, no escaped names where a result is looked
 * for, short names and numbers, exponents of a decimal's range, nesting short of the limit), so that a result it
 * passes always reads later.
 * Anything else it leaves to the mapper by answering "unsure".
 */
final class ResultScanner {
    /** What {@link #scan} answers when the mapper has to decide. */
    static final int[] UNSURE_RESULT = null;

    private static final int UNSURE = -1;
    /** One level short of the mapper's limit: what passes here never reaches it. */
    private static final int MAX_DEPTH = Json.MAX_NESTING_DEPTH - 1;
    /** Far below the mapper's limit on a number's length. */
    private static final int MAX_NUMBER_CHARS = 50;
    /** Far below the mapper's limit on a name's length (Jackson 2.16 and later). */
    private static final int MAX_NAME_BYTES = 1000;

    /** Where a container lies: the places a result is looked for, or none of them. */
    private static final int NONE = 0;
    private static final int ROOT = 1;
    private static final int CONTENT = 2;
    private static final int PARTS = 3;
    private static final int PART = 4;
    private static final int FUNCTION_RESPONSE = 5;

    private static final byte[] RESULT = ascii("result");
    private static final byte[] CONTENT_NAME = ascii("content");
    private static final byte[] PARTS_NAME = ascii("parts");
    private static final byte[] FUNCTION_RESPONSE_NAME = ascii("functionResponse");
    private static final byte[] RESPONSE = ascii("response");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    private final byte[] b;
    private final int end;
    private int[] ranges = new int[4];
    private int count;

    private ResultScanner(byte[] b, int end) {
        this.b = b;
        this.end = end;
    }

    /**
     * Scans an event whose JSON is an object.
     *
     * @param b   the bytes
     * @param len how many, from index 0
     * @return the results' places as start and end offsets, in the order they appear (empty when there is none); or
     *     {@link #UNSURE_RESULT} when the event is not plainly one valid JSON object
     */
    static int[] scan(byte[] b, int len) {
        ResultScanner s = new ResultScanner(b, len);
        int i = s.ws(0);
        if (i >= len || b[i] != '{') {
            return UNSURE_RESULT;
        }
        i = s.object(i, 1, ROOT);
        if (i < 0 || s.ws(i) != len) {
            return UNSURE_RESULT;
        }
        return java.util.Arrays.copyOf(s.ranges, 2 * s.count);
    }

    private int ws(int i) {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    private int value(int i, int depth, int where) {
        if (i >= end) {
            return UNSURE;
        }
        byte c = b[i];
        switch (c) {
            case '{':
                return object(i, depth + 1, where);
            case '[':
                return array(i, depth + 1, where);
            case '"':
                return string(i);
            case 't':
                return literal(i, TRUE);
            case 'f':
                return literal(i, FALSE);
            case 'n':
                return literal(i, NULL);
            default:
                return c == '-' || (c >= '0' && c <= '9') ? number(i) : UNSURE;
        }
    }

    private int object(int i, int depth, int where) {
        if (depth > MAX_DEPTH) {
            return UNSURE;
        }
        int kind = where == PARTS ? NONE : where; // an object given for "parts" is no list of parts
        i = ws(i + 1);
        if (i < end && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (i >= end || b[i] != '"') {
                return UNSURE;
            }
            int nameStart = i + 1;
            int afterName = string(i);
            if (afterName < 0 || afterName - nameStart > MAX_NAME_BYTES) {
                return UNSURE;
            }
            int valueWhere = NONE;
            boolean result = false;
            if (kind != NONE) {
                int nameEnd = afterName - 1;
                if (indexOfBackslash(nameStart, nameEnd) >= 0) {
                    return UNSURE; // an escaped name could spell one looked for
                }
                if (kind == ROOT) {
                    result = is(RESULT, nameStart, nameEnd);
                    valueWhere = is(CONTENT_NAME, nameStart, nameEnd) ? CONTENT : NONE;
                } else if (kind == CONTENT) {
                    valueWhere = is(PARTS_NAME, nameStart, nameEnd) ? PARTS : NONE;
                } else if (kind == PART) {
                    valueWhere = is(FUNCTION_RESPONSE_NAME, nameStart, nameEnd) ? FUNCTION_RESPONSE : NONE;
                } else if (kind == FUNCTION_RESPONSE) {
                    result = is(RESPONSE, nameStart, nameEnd);
                }
            }
            i = ws(afterName);
            if (i >= end || b[i] != ':') {
                return UNSURE;
            }
            i = ws(i + 1);
            int valueStart = i;
            i = value(i, depth, valueWhere);
            if (i < 0) {
                return UNSURE;
            }
            if (result && b[valueStart] == '{') {
                add(valueStart, i);
            }
            i = ws(i);
            if (i >= end) {
                return UNSURE;
            }
            if (b[i] == '}') {
                return i + 1;
            }
            if (b[i] != ',') {
                return UNSURE;
            }
            i = ws(i + 1);
        }
    }

    private int array(int i, int depth, int where) {
        if (depth > MAX_DEPTH) {
            return UNSURE;
        }
        int elements = where == PARTS ? PART : NONE;
        i = ws(i + 1);
        if (i < end && b[i] == ']') {
            return i + 1;
        }
        while (true) {
            i = value(i, depth, i < end && b[i] == '{' ? elements : NONE);
            if (i < 0) {
                return UNSURE;
            }
            i = ws(i);
            if (i >= end) {
                return UNSURE;
            }
            if (b[i] == ']') {
                return i + 1;
            }
            if (b[i] != ',') {
                return UNSURE;
            }
            i = ws(i + 1);
        }
    }

    /** The index after a string starting at {@code i} (its opening quote). */
    private int string(int i) {
        i++;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = escape(i);
                if (i < 0) {
                    return UNSURE;
                }
            } else if (c < 0x20) {
                return UNSURE; // a control character must be escaped
            } else if (c < 0x80) {
                i++;
            } else {
                i = utf8(i, c);
                if (i < 0) {
                    return UNSURE;
                }
            }
        }
        return UNSURE;
    }

    private int escape(int i) {
        if (i + 1 >= end) {
            return UNSURE;
        }
        switch (b[i + 1]) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                return i + 2;
            case 'u':
                int c = hex4(i + 2);
                if (c < 0 || (c >= 0xDC00 && c <= 0xDFFF)) {
                    return UNSURE; // a low surrogate alone
                }
                if (c < 0xD800 || c > 0xDBFF) {
                    return i + 6;
                }
                // a high surrogate: the mapper wants its low half right after it (in names, at least)
                if (i + 7 >= end || b[i + 6] != '\\' || b[i + 7] != 'u') {
                    return UNSURE;
                }
                int low = hex4(i + 8);
                return low >= 0xDC00 && low <= 0xDFFF ? i + 12 : UNSURE;
            default:
                return UNSURE;
        }
    }

    /** The four hex digits at {@code i} as a number, or -1. */
    private int hex4(int i) {
        if (i + 4 > end) {
            return -1;
        }
        int v = 0;
        for (int k = i; k < i + 4; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** A well-formed UTF-8 sequence (no overlong form, no surrogate, at most U+10FFFF) starting with {@code c}. */
    private int utf8(int i, int c) {
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0) {
                lo = 0xA0;
            } else if (c == 0xED) {
                hi = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return UNSURE;
        }
        if (i + n >= end) {
            return UNSURE;
        }
        int second = b[i + 1] & 0xFF;
        if (second < lo || second > hi) {
            return UNSURE;
        }
        for (int k = i + 2; k <= i + n; k++) {
            if ((b[k] & 0xC0) != 0x80) {
                return UNSURE;
            }
        }
        return i + n + 1;
    }

    private int number(int i) {
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        if (i >= end) {
            return UNSURE;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i = digits(i + 1);
        } else {
            return UNSURE;
        }
        if (i < end && b[i] == '.') {
            int d = i + 1;
            i = digits(d);
            if (i == d) {
                return UNSURE;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int d = i;
            i = digits(d);
            if (i == d || i - d > EventReader.SAFE_EXPONENT_DIGITS) { // the mapper decides on a longer one
                return UNSURE;
            }
        }
        return i - start > MAX_NUMBER_CHARS ? UNSURE : i;
    }

    private int digits(int i) {
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private int literal(int i, byte[] word) {
        if (i + word.length > end) {
            return UNSURE;
        }
        for (int k = 0; k < word.length; k++) {
            if (b[i + k] != word[k]) {
                return UNSURE;
            }
        }
        return i + word.length;
    }

    private int indexOfBackslash(int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] == '\\') {
                return k;
            }
        }
        return -1;
    }

    private boolean is(byte[] name, int from, int to) {
        if (to - from != name.length) {
            return false;
        }
        for (int k = 0; k < name.length; k++) {
            if (b[from + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private void add(int start, int endOfValue) {
        if (2 * count + 2 > ranges.length) {
            ranges = java.util.Arrays.copyOf(ranges, 2 * ranges.length);
        }
        ranges[2 * count] = start;
        ranges[2 * count + 1] = endOfValue;
        count++;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
