package io.github.nemosdk.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.errors.ChatProtocolException;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.internal.sse.FrameDecoder;
import io.github.nemosdk.internal.sse.SseEvent;
import io.github.nemosdk.internal.sse.SseParser;
import io.github.nemosdk.internal.sse.SseSink;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Arbitrary bytes through {@link SseParser} (whole and in random pieces) and {@link FrameDecoder}. Properties: only
 * the SDK's typed {@link ChatProtocolException} / {@link ChatStreamException} escape; the same bytes give the same
 * events whether fed whole or split; the parser's line buffer and every event stay within the configured limits.
 * Regression mode (seeds in {@code SseDecoderFuzzTestInputs/decode/}) runs in every {@code mvn test}; see FUZZING.md.
 */
class SseDecoderFuzzTest {

    /**
     * Input layout: byte 0 flags (bit 0: realistic line limit, bit 1: realistic event limit, bits 2-5: how many
     * cuts), byte 1 the small line limit, byte 2 the small event limit, byte 3 the seed of the cut positions; the
     * rest is the stream. Seeds are real streams behind such a header.
     */
    @FuzzTest(maxDuration = "3m")
    void decode(byte[] data) {
        int flags = data.length > 0 ? data[0] & 0xff : 0x03;
        int maxLine = (flags & 1) != 0 ? 64 * 1024 : 1 + (data.length > 1 ? data[1] & 0xff : 0);
        int maxEvent = (flags & 2) != 0 ? 1024 * 1024 : 1 + 3 * (data.length > 2 ? data[2] & 0xff : 0);
        long cutSeed = data.length > 3 ? data[3] : 0;
        byte[] stream = data.length > 4 ? java.util.Arrays.copyOfRange(data, 4, data.length) : new byte[0];
        int[] cuts = new int[(flags >> 2) & 15];
        java.util.Random random = new java.util.Random(cutSeed);
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = random.nextInt(stream.length + 1);
        }
        java.util.Arrays.sort(cuts);

        Outcome whole = run(stream, new int[0], maxLine, maxEvent);
        Outcome split = run(stream, cuts, maxLine, maxEvent);
        if (!whole.equals(split)) {
            throw new AssertionError("fed whole and in pieces at " + java.util.Arrays.toString(cuts)
                    + ", the same bytes decode differently:\n whole: " + whole + "\n split: " + split);
        }
        // byte by byte: the finest split there is
        Outcome bytes = run(stream, everyByte(stream.length), maxLine, maxEvent);
        if (!whole.equals(bytes)) {
            throw new AssertionError("fed whole and byte by byte, the same bytes decode differently:\n whole: "
                    + whole + "\n bytes: " + bytes);
        }
    }

    private static int[] everyByte(int n) {
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = i;
        }
        return cuts;
    }

    /** Everything observable from one run: the raw SSE events, the chat events, and how it ended. */
    static final class Outcome {
        final List<String> sse = new ArrayList<>();
        final List<ChatEvent> chat = new ArrayList<>();
        String end = "finished";

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome && sse.equals(((Outcome) o).sse) && chat.equals(((Outcome) o).chat)
                    && end.equals(((Outcome) o).end);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sse, chat, end);
        }

        @Override
        public String toString() {
            return "sse=" + sse + " chat=" + chat + " end=" + end;
        }
    }

    static Outcome run(byte[] stream, int[] cuts, int maxLine, int maxEvent) {
        SseParser parser = new SseParser(maxLine, maxEvent);
        FrameDecoder decoder = new FrameDecoder();
        Outcome out = new Outcome();
        SseSink sink = new SseSink() {
            @Override
            public void event(SseEvent e) {
                if (e.data().length() > maxEvent) {
                    // a decoded char needs at least one byte, so more chars than the limit means the limit was broken
                    throw new AssertionError("event data of " + e.data().length() + " chars passed maxEventBytes "
                            + maxEvent);
                }
                out.sse.add("event(" + e.eventName() + "," + e.data() + "," + e.id() + "," + e.retry() + ")");
                decoder.event(e, out.chat::add);
            }

            @Override
            public void comment(String text) {
                if (text.length() > maxLine) {
                    throw new AssertionError("comment of " + text.length() + " chars passed maxLineBytes " + maxLine);
                }
                out.sse.add("comment(" + text + ")");
                decoder.comment(text, out.chat::add);
            }
        };
        try {
            int from = 0;
            for (int cut : cuts) {
                parser.feed(stream, from, cut - from, sink);
                checkBuffer(parser, maxLine);
                from = cut;
            }
            parser.feed(stream, from, stream.length - from, sink);
            checkBuffer(parser, maxLine);
            parser.finish(sink);
        } catch (ChatProtocolException | ChatStreamException expected) {
            // the typed failures the SDK documents; anything else propagates and is a finding
            out.end = expected.getClass().getSimpleName() + ": " + expected.getMessage();
        }
        return out;
    }

    private static final Field LINE = field("line");

    /** The carried-over line buffer never grows past maxLineBytes. */
    private static void checkBuffer(SseParser parser, int maxLine) {
        try {
            byte[] line = (byte[]) LINE.get(parser);
            if (line.length > maxLine) {
                throw new AssertionError("line buffer of " + line.length + " bytes, maxLineBytes " + maxLine);
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Field field(String name) {
        try {
            Field f = SseParser.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
