package io.github.nemosdk.internal.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.errors.ChatProtocolException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SseParserTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Records events as SseEvent and comments as "comment:" strings, in order. */
    static final class Recorder implements SseSink {
        final List<Object> items = new ArrayList<>();

        @Override
        public void event(SseEvent e) {
            items.add(e);
        }

        @Override
        public void comment(String text) {
            items.add("comment:" + text);
        }
    }

    private static SseEvent ev(String data) {
        return new SseEvent(null, data, null, OptionalLong.empty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Feeds the pieces in order, then finishes. */
    private static List<Object> parse(byte[]... pieces) {
        SseParser parser = new SseParser(1024, 4096);
        Recorder r = new Recorder();
        for (byte[] p : pieces) {
            parser.feed(p, 0, p.length, r);
        }
        parser.finish(r);
        return r.items;
    }

    private static List<Object> parse(String stream) {
        return parse(bytes(stream));
    }

    /** The stream parsed whole, one byte at a time, and split in two at every boundary gives the same result. */
    private static List<Object> parseEveryWay(byte[] stream) {
        List<Object> whole = parse(stream);
        SseParser parser = new SseParser(1024, 4096);
        Recorder r = new Recorder();
        for (int i = 0; i < stream.length; i++) {
            parser.feed(stream, i, 1, r);
        }
        parser.finish(r);
        assertThat(r.items).as("one byte at a time").isEqualTo(whole);
        for (int cut = 0; cut <= stream.length; cut++) {
            SseParser p = new SseParser(1024, 4096);
            Recorder split = new Recorder();
            p.feed(stream, 0, cut, split);
            p.feed(stream, cut, stream.length - cut, split);
            p.finish(split);
            assertThat(split.items).as("split at %d", cut).isEqualTo(whole);
        }
        return whole;
    }

    @Test
    void lfLineEndings() {
        assertThat(parseEveryWay(bytes("data: a\n\ndata: b\n\n"))).containsExactly(ev("a"), ev("b"));
    }

    @Test
    void crLineEndings() {
        assertThat(parseEveryWay(bytes("data: a\r\rdata: b\r\r"))).containsExactly(ev("a"), ev("b"));
    }

    @Test
    void crlfLineEndings() {
        assertThat(parseEveryWay(bytes("data: a\r\n\r\ndata: b\r\n\r\n"))).containsExactly(ev("a"), ev("b"));
    }

    @Test
    void mixedLineEndingsInOneStream() {
        assertThat(parseEveryWay(bytes("data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r")))
                .containsExactly(ev("a\nb\nc"), ev("d"));
    }

    @Test
    void crAtTheEndOfOneFeedAndLfAtTheStartOfTheNextAreOneLineEnding() {
        // Were the LF counted separately, it would be a blank line and split "a" and "b" into two events.
        assertThat(parse(bytes("data: a\r"), bytes("\ndata: b\r"), bytes("\n"), bytes("\r"), bytes("\n")))
                .containsExactly(ev("a\nb"));
    }

    @Test
    void crThenEmptyFeedThenLfIsStillOneLineEnding() {
        assertThat(parse(bytes("data: a\r"), new byte[0], bytes("\ndata: b\n\n"))).containsExactly(ev("a\nb"));
    }

    @Test
    void aLeadingBomIsSkippedAlsoWhenSplitAcrossFeeds() {
        byte[] stream = concat(BOM, bytes("data: x\n\n"));
        assertThat(parseEveryWay(stream)).containsExactly(ev("x"));
        assertThat(parse(new byte[] {BOM[0]}, new byte[] {BOM[1]}, new byte[] {BOM[2]}, bytes("data: x\n\n")))
                .containsExactly(ev("x"));
    }

    @Test
    void aBomAfterTheStartIsNotSkipped() {
        // The second line's field name is then "\uFEFFdata", an unknown field.
        assertThat(parse(concat(bytes("data: a\n\n"), BOM, bytes("data: b\n\n")))).containsExactly(ev("a"));
    }

    @Test
    void bytesThatOnlyStartLikeABomStayPartOfTheFirstLine() {
        // EF or EF BB before "data" make the field name "\uFFFDdata", which is unknown: no event. Dropping those
        // bytes would wrongly turn the line into a data line.
        assertThat(parse(concat(new byte[] {BOM[0]}, bytes("data: x\n\n")))).isEmpty();
        assertThat(parse(new byte[] {BOM[0]}, new byte[] {BOM[1]}, bytes("data: x\n\n"))).isEmpty();
        assertThat(parse(concat(new byte[] {BOM[0], BOM[1]}, bytes("\ndata: x\n\n")))).containsExactly(ev("x"));
    }

    @Test
    void commentsPassTheirTextWithOneLeadingSpaceRemoved() {
        assertThat(parseEveryWay(bytes(": ping\n:no-space\n:  two spaces\n:\ndata: x\n\n")))
                .containsExactly("comment:ping", "comment:no-space", "comment: two spaces", "comment:", ev("x"));
    }

    @Test
    void aCommentInsideAnEventDoesNotEndIt() {
        assertThat(parse("data: a\n: ping\ndata: b\n\n")).containsExactly("comment:ping", ev("a\nb"));
    }

    @Test
    void exactlyOneSpaceAfterTheColonIsRemoved() {
        assertThat(parse("data:x\n\ndata: x\n\ndata:  x\n\ndata: a: b\n\n"))
                .containsExactly(ev("x"), ev("x"), ev(" x"), ev("a: b"));
    }

    @Test
    void multiLineDataJoinsWithNewlines() {
        assertThat(parseEveryWay(bytes("data: {\"a\":\ndata: 1}\ndata:\n\ndata: x\ndata:\n\n")))
                .containsExactly(ev("{\"a\":\n1}\n"), ev("x\n"));
    }

    @Test
    void anEmptyDataLineIsAKeepAliveEventWithEmptyData() {
        assertThat(parse("data:\n\ndata\n\ndata: \n\n")).containsExactly(ev(""), ev(""), ev(""));
    }

    @Test
    void aBlankLineWithoutDataDispatchesNothingAndForgetsTheEventName() {
        assertThat(parse("event: lost\n\n\n\ndata: x\n\n")).containsExactly(ev("x"));
    }

    @Test
    void eventNameAppliesToOneEventOnly() {
        assertThat(parse("event: progress\ndata: 1\n\ndata: 2\n\n"))
                .containsExactly(new SseEvent("progress", "1", null, OptionalLong.empty()), ev("2"));
    }

    @Test
    void idPersistsAcrossEventsIsIgnoredWithNulAndResetWhenEmpty() {
        assertThat(parse("id: 7\ndata: a\n\ndata: b\n\nid: 8\u0000x\ndata: c\n\nid\ndata: d\n\n")).containsExactly(
                new SseEvent(null, "a", "7", OptionalLong.empty()),
                new SseEvent(null, "b", "7", OptionalLong.empty()),
                new SseEvent(null, "c", "7", OptionalLong.empty()),
                ev("d"));
    }

    @Test
    void retryTakesOnlyAsciiDigitsAndPersists() {
        List<Object> items = parse("retry: 3000\ndata: a\n\nretry: 12a\ndata: b\n\nretry: -5\nretry:\n"
                + "retry:  10\nretry: 99999999999999999999999\ndata: c\n\nretry: 10\ndata: d\n\n");
        assertThat(items).extracting(e -> ((SseEvent) e).retry()).containsExactly(OptionalLong.of(3000),
                OptionalLong.of(3000), OptionalLong.of(3000), OptionalLong.of(10));
    }

    @Test
    void unknownFieldsAndLinesWithoutColonAreIgnored() {
        assertThat(parse("foo: bar\nfoo\nDATA: shout\ndata: x\n\n")).containsExactly(ev("x"));
    }

    @Test
    void finishDeliversTheLastEventWithoutItsBlankLine() {
        assertThat(parse("data: a\n\ndata: last")).containsExactly(ev("a"), ev("last"));
        assertThat(parse("data: a\n\ndata: last\n")).containsExactly(ev("a"), ev("last"));
        assertThat(parse("data: a\n\ndata: last\r")).containsExactly(ev("a"), ev("last"));
        assertThat(parse("data: a\n\nevent: x\n")).containsExactly(ev("a"));
    }

    @Test
    void withoutFinishAnUnterminatedEventIsNotDeliveredYet() {
        SseParser parser = new SseParser(1024, 4096);
        Recorder r = new Recorder();
        byte[] b = bytes("data: a\n\ndata: b\n");
        parser.feed(b, 0, b.length, r);
        assertThat(r.items).containsExactly(ev("a"));
        parser.finish(r);
        parser.finish(r);
        assertThat(r.items).containsExactly(ev("a"), ev("b"));
    }

    @Test
    void multiByteUtf8SplitAcrossFeedsComesOutWhole() {
        String text = "h\u00e9llo \u4e16\u754c \uD83C\uDFAC \u5bfc\u51fa";
        assertThat(parseEveryWay(bytes("data: " + text + "\n: \u6253\u5f00\n\n")))
                .containsExactly("comment:\u6253\u5f00", ev(text));
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
        assertThat(parse(concat(bytes("data: a"), new byte[] {(byte) 0xFF}, bytes("b\n\n"))))
                .containsExactly(ev("a\uFFFDb"));
    }

    @Test
    void aLineAtTheLimitIsAcceptedOneByteMoreFailsNamingTheSetting() {
        SseParser parser = new SseParser(16, 1024);
        Recorder r = new Recorder();
        byte[] ok = bytes("data: 0123456789\n\n"); // the line is 16 bytes
        parser.feed(ok, 0, ok.length, r);
        assertThat(r.items).containsExactly(ev("0123456789"));

        byte[] tooLong = bytes("data: 0123456789X\n\n");
        assertThatThrownBy(() -> parser.feed(tooLong, 0, tooLong.length, r))
                .isInstanceOf(ChatProtocolException.class)
                .hasMessageContaining("16 bytes")
                .hasMessageContaining("ChatSettings.maxLineBytes");
    }

    @Test
    void anEndlessLineFailsAsSoonAsItPassesTheLimitInsteadOfBeingBuffered() {
        SseParser parser = new SseParser(250, 1024);
        Recorder r = new Recorder();
        byte[] hundred = new byte[100];
        Arrays.fill(hundred, (byte) 'x');
        parser.feed(hundred, 0, 100, r);
        parser.feed(hundred, 0, 100, r);
        assertThatThrownBy(() -> parser.feed(hundred, 0, 100, r))
                .isInstanceOf(ChatProtocolException.class)
                .hasMessageContaining("250 bytes");
    }

    @Test
    void aTooLongCommentLineAlsoFails() {
        SseParser parser = new SseParser(8, 1024);
        byte[] b = bytes(": a very long comment\n");
        assertThatThrownBy(() -> parser.feed(b, 0, b.length, new Recorder()))
                .isInstanceOf(ChatProtocolException.class)
                .hasMessageContaining("ChatSettings.maxLineBytes");
    }

    @Test
    void eventDataAtTheLimitIsAcceptedLargerFailsNamingTheSetting() {
        SseParser parser = new SseParser(1024, 9);
        Recorder r = new Recorder();
        byte[] ok = bytes("data: abcd\ndata: efgh\n\n"); // "abcd\nefgh" is 9 bytes
        parser.feed(ok, 0, ok.length, r);
        assertThat(r.items).containsExactly(ev("abcd\nefgh"));

        byte[] tooBig = bytes("data: abcd\ndata: efghi\n\n");
        assertThatThrownBy(() -> parser.feed(tooBig, 0, tooBig.length, r))
                .isInstanceOf(ChatProtocolException.class)
                .hasMessageContaining("9 bytes")
                .hasMessageContaining("ChatSettings.maxEventBytes");
    }

    @Test
    void theEventLimitCountsUtf8Bytes() {
        SseParser parser = new SseParser(1024, 5);
        byte[] b = bytes("data: \u4e16\u754c\n\n"); // two characters, six bytes
        assertThatThrownBy(() -> parser.feed(b, 0, b.length, new Recorder()))
                .isInstanceOf(ChatProtocolException.class)
                .hasMessageContaining("ChatSettings.maxEventBytes");
    }

    @Test
    void feedHonoursOffsetAndLength() {
        byte[] b = bytes("XXdata: a\n\nYY");
        SseParser parser = new SseParser(1024, 1024);
        Recorder r = new Recorder();
        parser.feed(b, 2, b.length - 4, r);
        parser.finish(r);
        assertThat(r.items).containsExactly(ev("a"));
    }

    @Test
    void eventsKeepTheirDataWhenTheCallerReusesItsBufferForTheNextPiece() {
        SseParser parser = new SseParser(1024, 4096);
        Recorder r = new Recorder();
        byte[] buf = new byte[64];
        String[] pieces = {"data: {\"a\":1}\n\nda", "ta: {\"b\":2}", "\n\ndata: x\ndata: y", "\n\n"};
        for (String piece : pieces) {
            byte[] p = bytes(piece);
            java.util.Arrays.fill(buf, (byte) '#');
            System.arraycopy(p, 0, buf, 0, p.length);
            parser.feed(buf, 0, p.length, r);
            java.util.Arrays.fill(buf, (byte) '!'); // the caller's buffer holds other bytes from now on
        }
        parser.finish(r);
        assertThat(r.items).containsExactly(ev("{\"a\":1}"), ev("{\"b\":2}"), ev("x\ny"));
    }

    @Test
    void eachEventOwnsItsDataEvenWhenTheParserBuiltIt() {
        SseParser parser = new SseParser(1024, 4096);
        Recorder r = new Recorder();
        byte[] a = bytes("data: one\ndata: two\n\n");
        byte[] b = bytes("data: three\ndata: four\n\n");
        parser.feed(a, 0, a.length, r);
        parser.feed(b, 0, b.length, r);
        assertThat(r.items).containsExactly(ev("one\ntwo"), ev("three\nfour"));
        assertThat(((SseEvent) r.items.get(0)).utf8()).isNotSameAs(((SseEvent) r.items.get(1)).utf8());
    }

    @Test
    void theWordAtATimeSearchFindsTheSameLineEndsAsAByteAtATimeOne() {
        java.util.Random random = new java.util.Random(7);
        byte[] alphabet = {'a', '\n', '\r', (byte) 0x8A, (byte) 0x8D, 0x0B, 0x0C, 0x09, 0x1A, (byte) 0xFF, 0};
        for (int round = 0; round < 5000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt();
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int expected = from;
            while (expected < b.length && b[expected] != '\n' && b[expected] != '\r') {
                expected++;
            }
            assertThat(SseParser.lineEnd(b, from, b.length)).as("round %d", round).isEqualTo(expected);
        }
    }
}
