package io.github.nemosdk.internal.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatEvent.Heartbeat;
import io.github.nemosdk.chat.ChatEvent.Text;
import io.github.nemosdk.chat.ChatEvent.ToolCall;
import io.github.nemosdk.chat.ChatEvent.ToolResult;
import io.github.nemosdk.chat.ChatEvent.Unknown;
import io.github.nemosdk.chat.GuiHint;
import io.github.nemosdk.errors.ChatProtocolException;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final Heartbeat BEAT = Heartbeat.instance();

    // --- helpers -------------------------------------------------------------------------------------------------

    private static JsonNode json(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Text text(String s, GuiHint... hints) {
        return Text.of(s, false, hints.length == 0 ? Set.of() : Set.of(hints));
    }

    private static Text chunk(String s, GuiHint... hints) {
        return Text.of(s, true, hints.length == 0 ? Set.of() : Set.of(hints));
    }

    /** Decodes the data payloads as successive events of one stream. */
    private static List<ChatEvent> frames(String... data) {
        FrameDecoder decoder = new FrameDecoder();
        List<ChatEvent> out = new ArrayList<>();
        for (String d : data) {
            decoder.event(new SseEvent(null, d, null, OptionalLong.empty()), out::add);
        }
        return out;
    }

    /** Parses and decodes a byte stream cut into the given pieces, into {@code out}. */
    private static void decode(byte[] stream, int[] cuts, List<ChatEvent> out) {
        SseParser parser = new SseParser(64 * 1024, 1024 * 1024);
        FrameDecoder decoder = new FrameDecoder();
        SseSink sink = new SseSink() {
            @Override
            public void event(SseEvent e) {
                decoder.event(e, out::add);
            }

            @Override
            public void comment(String text) {
                decoder.comment(text, out::add);
            }
        };
        int from = 0;
        for (int cut : cuts) {
            parser.feed(stream, from, cut - from, sink);
            from = cut;
        }
        parser.feed(stream, from, stream.length - from, sink);
        parser.finish(sink);
    }

    private static List<ChatEvent> decode(byte[] stream, int... cuts) {
        List<ChatEvent> out = new ArrayList<>();
        decode(stream, cuts, out);
        return out;
    }

    private static String adk(String parts, String extra) {
        return "{\"id\":\"ev\",\"invocationId\":\"e-1\",\"author\":\"nemo_agent\",\"timestamp\":1.7E9,"
                + "\"content\":{\"role\":\"model\",\"parts\":[" + parts + "]}" + extra + "}";
    }

    // --- the realistic stream ------------------------------------------------------------------------------------

    /** A turn as the backend sends it: every payload shape, keep-alive and line ending in one stream. */
    static final String SAMPLE = ""
            + ": ping\r\n"
            + "\r\n"
            + "data: {\"type\":\"heartbeat\"}\r\n\r\n"
            + "data:\n\n"
            + "data: {\"type\":\"text\",\"content\":\"Uploading your clip\u2026\",\"seq\":1}\n\n"
            + "data: " + adk("{\"text\":\"The user wants calm music.\",\"thought\":true}", ",\"partial\":true")
            + "\n\n"
            + "data: " + adk("{\"text\":\"I added a lo-fi track. \"}", ",\"partial\":true") + "\r\n\r\n"
            + "data: " + adk("{\"text\":\"Click the Export button \"}", ",\"partial\":true") + "\n\n"
            + ": keep-alive\n"
            + "data: " + adk("{\"text\":\"to render.\"}", ",\"partial\":true") + "\r\n\r\n"
            + "data: " + adk("{\"text\":\"Weighing options.\",\"thought\":true},"
                    + "{\"text\":\"I added a lo-fi track. Click the Export button to render.\"},"
                    + "{\"text\":\" Enjoy!\"}", ",\"turnComplete\":true,\"usageMetadata\":{\"x\":1}") + "\n\n"
            + "data: " + adk("{\"text\":\"Need a title.\",\"thought\":true},{\"text\":\"Adding the title now.\"},"
                    + "{\"functionCall\":{\"id\":\"fc-1\",\"name\":\"add_title\","
                    + "\"args\":{\"text\":\"Urban Dreams\",\"start\":0}}}", "") + "\r\n\r\n"
            + "data: {\"invocationId\":\"e-2\",\"author\":\"nemo_agent\",\"content\":{\"role\":\"user\",\"parts\":"
            + "[{\"functionResponse\":{\"id\":\"fc-1\",\"name\":\"add_title\",\"response\":{\"ok\":true}}}]}}\n\n"
            + "data: {\"type\":\"tool_call\",\"name\":\"render_preview\",\"args\":{\"q\":\"low\"}}\n\n"
            + "data: {\"type\":\"tool_result\",\"id\":\"t9\",\"name\":\"render_preview\","
            + "\"result\":{\"url\":\"https://cdn.example/p.mp4\"}}\r\n\r\n"
            + "event: progress\r\n"
            + "data: {\"type\":\"progress\",\"percent\":40}\r\n\r\n"
            + "data: {\"invocationId\":\"e-3\",\"author\":\"nemo_agent\",\"actions\":{\"stateDelta\":{\"d\":1}}}\n\n"
            + "data: {\"type\":\"text\",\n"
            + "data:  \"content\":\"\u6253\u5f00\u9762\u677f\u67e5\u770b\u3002\"}\n\n"
            + "data: {\"type\":\"text\",\"text\":\"All set \u2014 preview in the timeline.\"}";

    static final List<ChatEvent> SAMPLE_EVENTS = List.of(
            BEAT,
            BEAT,
            BEAT,
            text("Uploading your clip\u2026"),
            chunk("I added a lo-fi track. "),
            chunk("Click the Export button ", GuiHint.EXPORT),
            BEAT,
            chunk("to render."),
            text(" Enjoy!"),
            text("Adding the title now."),
            ToolCall.of("fc-1", "add_title", json("{\"text\":\"Urban Dreams\",\"start\":0}")),
            ToolResult.of("fc-1", "add_title", json("{\"ok\":true}")),
            ToolCall.of(null, "render_preview", json("{\"q\":\"low\"}")),
            ToolResult.of("t9", "render_preview", json("{\"url\":\"https://cdn.example/p.mp4\"}")),
            Unknown.of("progress", "{\"type\":\"progress\",\"percent\":40}"),
            text("\u6253\u5f00\u9762\u677f\u67e5\u770b\u3002", GuiHint.SHOW_STATE),
            text("All set \u2014 preview in the timeline.", GuiHint.SHOW_TRACKS));

    @Test
    void theSampleStreamDecodesToTheExpectedEvents() {
        assertThat(decode(SAMPLE.getBytes(UTF_8))).containsExactlyElementsOf(SAMPLE_EVENTS);
    }

    @Test
    void theSampleStreamFedOneByteAtATimeGivesTheSameEvents() {
        byte[] stream = SAMPLE.getBytes(UTF_8);
        int[] everyByte = new int[stream.length];
        for (int i = 0; i < stream.length; i++) {
            everyByte[i] = i;
        }
        assertThat(decode(stream, everyByte)).containsExactlyElementsOf(SAMPLE_EVENTS);
    }

    @Test
    void theSampleStreamSplitInTwoAtEveryByteGivesTheSameEvents() {
        byte[] stream = SAMPLE.getBytes(UTF_8);
        for (int cut = 0; cut <= stream.length; cut++) {
            assertThat(decode(stream, cut)).as("split at byte %d", cut).containsExactlyElementsOf(SAMPLE_EVENTS);
        }
    }

    @Test
    void anErrorFrameEndsTheStreamAfterEveryEarlierEventWasDelivered() {
        byte[] stream = ("data: {\"type\":\"text\",\"content\":\"Working on it.\"}\n\n"
                + ": ping\n\n"
                + "data: {\"error\":\"Render quota exceeded for Bearer nmv_usr_SECRET123456\","
                + "\"error_details\":{\"code\":\"2001\"}}\n\n"
                + "data: {\"type\":\"text\",\"content\":\"never seen\"}\n\n").getBytes(UTF_8);
        List<ChatEvent> out = new ArrayList<>();
        assertThatThrownBy(() -> decode(stream, new int[0], out))
                .isInstanceOfSatisfying(ChatStreamException.class, e -> {
                    assertThat(e.errorCode()).contains("2001");
                    assertThat(e.serverMessage()).startsWith("Render quota exceeded").doesNotContain("SECRET");
                    assertThat(e.getMessage()).doesNotContain("SECRET");
                });
        assertThat(out).containsExactly(text("Working on it."), BEAT);
    }

    // --- keep-alives and unknowns --------------------------------------------------------------------------------

    @Test
    void everyKindOfKeepAliveIsAHeartbeat() {
        assertThat(frames("", "   \n", "{\"type\":\"heartbeat\",\"ts\":5}")).containsExactly(BEAT, BEAT, BEAT);
        List<ChatEvent> out = new ArrayList<>();
        new FrameDecoder().comment("ping", out::add);
        assertThat(out).containsExactly(BEAT);
    }

    @Test
    void dataThatIsNotAJsonObjectIsPassedOnRaw() {
        FrameDecoder decoder = new FrameDecoder();
        List<ChatEvent> out = new ArrayList<>();
        for (String d : new String[] {"hello", "[1,2]", "42", "\"text\"", "{\"type\":\"text\"", "{\"a\":1} trailing"}) {
            decoder.event(new SseEvent("odd", d, null, OptionalLong.empty()), out::add);
        }
        assertThat(out).containsExactly(Unknown.of("odd", "hello"), Unknown.of("odd", "[1,2]"),
                Unknown.of("odd", "42"), Unknown.of("odd", "\"text\""), Unknown.of("odd", "{\"type\":\"text\""),
                Unknown.of("odd", "{\"a\":1} trailing"));
    }

    @Test
    void jsonWithANumberOutOfADecimalsRangeIsPassedOnRawNotThrown() {
        // Jackson throws an unchecked NumberFormatException for such a number; the stream goes on
        String data = "{\"type\":\"tool_result\",\"name\":\"t\",\"result\":{\"n\":1.5e-2147483649}}";
        byte[] b = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FrameDecoder decoder = new FrameDecoder();
        List<ChatEvent> out = new ArrayList<>();
        decoder.event(new SseEvent("message", b, b.length, null, -1), out::add);
        decoder.event(new SseEvent(null, data, null, OptionalLong.empty()), out::add);
        assertThat(out).containsExactly(Unknown.of("message", data), Unknown.of(null, data));
    }

    @Test
    void unknownTypesAndShapesArePassedOnRaw() {
        assertThat(frames("{\"type\":\"progress\",\"p\":1}", "{\"hello\":\"world\"}",
                "{\"type\":\"tool_call\",\"args\":{}}", "{\"type\":\"text\",\"content\":{\"a\":1}}"))
                .containsExactly(Unknown.of(null, "{\"type\":\"progress\",\"p\":1}"),
                        Unknown.of(null, "{\"hello\":\"world\"}"),
                        Unknown.of(null, "{\"type\":\"tool_call\",\"args\":{}}"),
                        Unknown.of(null, "{\"type\":\"text\",\"content\":{\"a\":1}}"));
    }

    // --- typed frames --------------------------------------------------------------------------------------------

    @Test
    void typedTextFramesCarryTextAndHints() {
        assertThat(frames("{\"type\":\"text\",\"content\":\"Open the panel.\",\"new\":[1]}",
                "{\"type\":\"text\",\"text\":\"Click Apply.\"}", "{\"type\":\"text\",\"content\":\"\"}"))
                .containsExactly(text("Open the panel.", GuiHint.SHOW_STATE), text("Click Apply.", GuiHint.EXECUTE),
                        BEAT);
    }

    @Test
    void typedToolFramesKeepIdNameAndPayload() {
        List<ChatEvent> out = frames(
                "{\"type\":\"tool_call\",\"id\":\"c1\",\"name\":\"add_bgm\",\"args\":{\"mood\":\"calm\"}}",
                "{\"type\":\"tool_result\",\"name\":\"add_bgm\",\"result\":{\"track\":2},\"extra\":true}",
                "{\"type\":\"tool_call\",\"name\":\"noop\"}");
        assertThat(out).containsExactly(ToolCall.of("c1", "add_bgm", json("{\"mood\":\"calm\"}")),
                ToolResult.of(null, "add_bgm", json("{\"track\":2}")), ToolCall.of(null, "noop", null));
        assertThat(((ToolCall) out.get(0)).id()).contains("c1");
        assertThat(((ToolCall) out.get(2)).args().isEmpty()).isTrue();
    }

    @Test
    void errorFrameWithAnObjectTakesItsMessageAndCode() {
        assertThatThrownBy(() -> frames("{\"error\":{\"message\":\"Session expired\",\"code\":1002}}"))
                .isInstanceOfSatisfying(ChatStreamException.class, e -> {
                    assertThat(e.serverMessage()).isEqualTo("Session expired");
                    assertThat(e.errorCode()).contains("1002");
                });
        assertThatThrownBy(() -> frames("{\"error\":\"boom\\u0007\\n  twice\"}"))
                .isInstanceOfSatisfying(ChatStreamException.class, e -> {
                    assertThat(e.serverMessage()).isEqualTo("boom twice");
                    assertThat(e.errorCode()).isEmpty();
                });
        assertThatThrownBy(() -> frames("{\"error\":{\"code\":\"X\"},\"error_details\":{\"code\":\"E42\"}}"))
                .isInstanceOfSatisfying(ChatStreamException.class, e -> assertThat(e.errorCode()).contains("E42"));
    }

    @Test
    void theNewerErrorDetailsGiveTheCodeAndMessage() {
        assertThatThrownBy(() -> frames("{\"error\":{},\"error_details\":{\"error_type\":\"AGENT_ERROR\","
                + "\"error_message\":\"model overloaded\",\"timestamp\":\"2026-12-05T10:00:00Z\"}}"))
                .isInstanceOfSatisfying(ChatStreamException.class, e -> {
                    assertThat(e.errorCode()).contains("AGENT_ERROR");
                    assertThat(e.serverMessage()).isEqualTo("model overloaded");
                });
    }

    @Test
    void aNullErrorFieldIsNotAnError() {
        assertThat(frames("{\"type\":\"text\",\"content\":\"hi\",\"error\":null}")).containsExactly(text("hi"));
    }

    // --- ADK events ----------------------------------------------------------------------------------------------

    @Test
    void adkTextPartsAreJoinedAndThoughtsNeverDelivered() {
        assertThat(frames(adk("{\"text\":\"secret plan\",\"thought\":true},{\"text\":\"Hello \"},"
                + "{\"text\":\"world.\"}", ""))).containsExactly(text("Hello world."));
        assertThat(frames(adk("{\"text\":\"only thinking\",\"thought\":true}", ""),
                adk("{\"text\":\"still thinking\",\"thought\":true}", ",\"partial\":true"))).isEmpty();
    }

    @Test
    void adkPartsAreEmittedInOrder() {
        assertThat(frames(adk("{\"text\":\"First \"},{\"text\":\"this.\"},"
                + "{\"functionCall\":{\"id\":\"a\",\"name\":\"cut\",\"args\":{\"at\":5}}},"
                + "{\"text\":\"Then that.\"},"
                + "{\"functionResponse\":{\"id\":\"a\",\"name\":\"cut\",\"response\":{\"ok\":1}}}", "")))
                .containsExactly(text("First this."), ToolCall.of("a", "cut", json("{\"at\":5}")),
                        text("Then that."), ToolResult.of("a", "cut", json("{\"ok\":1}")));
    }

    @Test
    void partialChunksAreNotDeliveredTwice() {
        assertThat(frames(adk("{\"text\":\"Hel\"}", ",\"partial\":true"),
                adk("{\"text\":\"lo \"}", ",\"partial\":true"),
                adk("{\"text\":\"Hello world\"}", "")))
                .containsExactly(chunk("Hel"), chunk("lo "), text("world"));
    }

    @Test
    void aFinalEventEqualToTheStreamedTextOnlyMarksTheEndOfTheMessage() {
        assertThat(frames(adk("{\"text\":\"Done.\"}", ",\"partial\":true"), adk("{\"text\":\"Done.\"}", "")))
                .containsExactly(chunk("Done."), text(""));
    }

    @Test
    void aFinalEventThatDoesNotContinueTheChunksIsDeliveredWhole() {
        assertThat(frames(adk("{\"text\":\"Draft answer\"}", ",\"partial\":true"),
                adk("{\"text\":\"Final answer.\"}", ""),
                adk("{\"text\":\"Next message.\"}", "")))
                .containsExactly(chunk("Draft answer"), text("Final answer."), text("Next message."));
    }

    @Test
    void theStreamedPrefixIsSkippedAcrossTextPartsOfTheFinalEvent() {
        assertThat(frames(adk("{\"text\":\"Adding music\"}", ",\"partial\":true"),
                adk("{\"text\":\"Adding \"},{\"text\":\"music now.\"},"
                        + "{\"functionCall\":{\"name\":\"add_bgm\",\"args\":{}}},{\"text\":\"Done.\"}", "")))
                .containsExactly(chunk("Adding music"), text(" now."), ToolCall.of(null, "add_bgm", json("{}")),
                        text("Done."));
    }

    @Test
    void aFinalEventWithoutTextKeepsTheStreamedTextForTheLaterFinalEvent() {
        assertThat(frames(adk("{\"text\":\"Hi\"}", ",\"partial\":true"),
                "{\"invocationId\":\"e\",\"author\":\"a\",\"actions\":{\"stateDelta\":{}}}",
                adk("{\"text\":\"Hi there\"}", "")))
                .containsExactly(chunk("Hi"), text(" there"));
    }

    @Test
    void partialTextCarriesHintsOfItsChunk() {
        assertThat(frames(adk("{\"text\":\"Drag it here.\"}", ",\"partial\":true")))
                .containsExactly(chunk("Drag it here.", GuiHint.SEND_EDIT));
    }

    @Test
    void anAdkEventWithoutPartsDeliversNothing() {
        String turnComplete = "{\"invocationId\":\"e-9\",\"author\":\"nemo_agent\",\"turnComplete\":true}";
        String emptyParts = adk("", "");
        String closing = "{\"id\":\"c\",\"invocationId\":\"e-9\",\"author\":\"nemo_agent\",\"content\":{\"role\":"
                + "\"model\"},\"actions\":{\"stateDelta\":{},\"artifactDelta\":{},\"requestedAuthConfigs\":{},"
                + "\"requestedToolConfirmations\":{}},\"finishReason\":\"STOP\",\"usageMetadata\":{"
                + "\"totalTokenCount\":913},\"modelVersion\":\"gemini-2.5-flash\",\"turnId\":\"t-1\","
                + "\"timestamp\":1796444093687}";
        assertThat(frames(turnComplete, emptyParts, closing)).isEmpty();
    }

    @Test
    void errorCodeStopWithoutAMessageIsTheModelsNormalEnd() {
        String stop = "{\"invocationId\":\"e\",\"author\":\"nemo_agent\",\"errorCode\":\"STOP\","
                + "\"finishReason\":\"STOP\"}";
        assertThat(frames(adk("{\"text\":\"Done.\"}", ",\"errorCode\":\"STOP\""), stop))
                .containsExactly(text("Done."));
    }

    @Test
    void errorCodeStopWithAMessageIsStillAnError() {
        assertThatThrownBy(() -> frames("{\"invocationId\":\"e\",\"errorCode\":\"STOP\","
                + "\"errorMessage\":\"stopped early\"}"))
                .isInstanceOfSatisfying(ChatStreamException.class,
                        e -> assertThat(e.serverMessage()).isEqualTo("stopped early"));
    }

    @Test
    void fieldsOfNewerServersAndThoughtFalsePartsAreNotNoise() {
        String data = "{\"id\":\"x\",\"invocationId\":\"e\",\"author\":\"nemo_agent\",\"turnId\":\"t\","
                + "\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi.\",\"thought\":false},"
                + "{\"functionCall\":{\"id\":\"f\",\"name\":\"edit\",\"args\":{}},\"thoughtSignature\":\"c2ln\"}]},"
                + "\"actions\":{\"stateDelta\":{},\"artifactDelta\":{}},\"finishReason\":\"STOP\","
                + "\"usageMetadata\":{\"totalTokenCount\":3},\"longRunningToolIds\":[],\"modelVersion\":\"m\"}";
        assertThat(frames(data)).containsExactly(text("Hi."), ToolCall.of("f", "edit", json("{}")));
    }

    private static final String QUESTION_ARGS = "{\"questions\":[{\"id\":\"style\",\"prompt\":\"Which style?\","
            + "\"options\":[{\"id\":\"lofi\",\"label\":\"Lo-fi\"},{\"id\":\"jazz\",\"label\":\"Jazz\"}],"
            + "\"allow_multiple\":false},{\"id\":\"fx\",\"prompt\":\"Which effects?\",\"options\":[{\"id\":\"in\","
            + "\"label\":\"Fade in\"},{\"id\":\"out\",\"label\":\"Fade out\"}],\"allow_multiple\":true}]}";

    private static final ChatEvent.Question QUESTION = ChatEvent.Question.of("q-1", List.of(
            io.github.nemosdk.chat.ChatQuestion.of("style", "Which style?", List.of(
                    io.github.nemosdk.chat.ChatQuestion.Option.of("lofi", "Lo-fi"),
                    io.github.nemosdk.chat.ChatQuestion.Option.of("jazz", "Jazz")), false),
            io.github.nemosdk.chat.ChatQuestion.of("fx", "Which effects?", List.of(
                    io.github.nemosdk.chat.ChatQuestion.Option.of("in", "Fade in"),
                    io.github.nemosdk.chat.ChatQuestion.Option.of("out", "Fade out")), true)));

    @Test
    void anAskQuestionCallBecomesAQuestionWithItsOptions() {
        String adkCall = adk("{\"text\":\"A few choices first.\"},{\"functionCall\":{\"id\":\"q-1\","
                + "\"name\":\"ask_question\",\"args\":" + QUESTION_ARGS + "}}", ",\"longRunningToolIds\":[\"q-1\"]");
        String typedCall = "{\"type\":\"tool_call\",\"id\":\"q-1\",\"name\":\"ask_question\",\"args\":"
                + QUESTION_ARGS + "}";
        assertThat(frames(adkCall)).containsExactly(text("A few choices first."), QUESTION);
        assertThat(frames(typedCall)).containsExactly(QUESTION);
    }

    @Test
    void anAskQuestionWithoutAReadableQuestionStaysAToolCall() {
        String typedCall = "{\"type\":\"tool_call\",\"name\":\"ask_question\",\"args\":{\"questions\":[{}]}}";
        assertThat(frames(typedCall)).containsExactly(ToolCall.of(null, "ask_question", json("{\"questions\":[{}]}")));
    }

    @Test
    void aStreamIsInTheMiddleOfAMessageUntilTheCompleteEventArrives() {
        FrameDecoder decoder = new FrameDecoder();
        List<ChatEvent> out = new ArrayList<>();
        assertThat(decoder.inMessage()).isFalse();
        decoder.event(new SseEvent(null, adk("{\"text\":\"Hel\"}", ",\"partial\":true"), null,
                OptionalLong.empty()), out::add);
        assertThat(decoder.inMessage()).isTrue();
        decoder.event(new SseEvent(null, adk("{\"text\":\"Hello\"}", ""), null, OptionalLong.empty()), out::add);
        assertThat(decoder.inMessage()).isFalse();
        assertThat(out).containsExactly(chunk("Hel"), text("lo"));
    }

    @Test
    void anUnknownPartKindIsPassedOnRawInItsPlace() {
        String data = adk("{\"text\":\"Here:\"},{\"inlineData\":{\"mimeType\":\"image/png\"}},{\"text\":\"ok\"}", "");
        assertThat(frames(data)).containsExactly(text("Here:"), Unknown.of(null, data), text("ok"));
    }

    @Test
    void anAdkErrorDeliversItsContentThenThrows() {
        FrameDecoder decoder = new FrameDecoder();
        List<ChatEvent> out = new ArrayList<>();
        String data = adk("{\"text\":\"Partly done.\"}", ",\"errorCode\":\"MALFORMED_FUNCTION_CALL\","
                + "\"errorMessage\":\"The model produced an invalid call\"");
        assertThatThrownBy(() -> decoder.event(new SseEvent(null, data, null, OptionalLong.empty()), out::add))
                .isInstanceOfSatisfying(ChatStreamException.class, e -> {
                    assertThat(e.serverMessage()).isEqualTo("The model produced an invalid call");
                    assertThat(e.errorCode()).contains("MALFORMED_FUNCTION_CALL");
                });
        assertThat(out).containsExactly(text("Partly done."));
    }

    @Test
    void anAdkErrorWithOnlyACodeUsesTheCodeAsMessage() {
        assertThatThrownBy(() -> frames("{\"invocationId\":\"e\",\"errorCode\":\"SAFETY\"}"))
                .isInstanceOfSatisfying(ChatStreamException.class, e -> {
                    assertThat(e.serverMessage()).isEqualTo("SAFETY");
                    assertThat(e.errorCode()).contains("SAFETY");
                });
    }

    @Test
    void partialTextThatNeverCompletesIsBoundedByTheLimit() {
        FrameDecoder decoder = new FrameDecoder(10);
        List<ChatEvent> out = new ArrayList<>();
        decoder.event(new SseEvent(null, adk("{\"text\":\"12345\"}", ",\"partial\":true"), null,
                OptionalLong.empty()), out::add);
        decoder.event(new SseEvent(null, adk("{\"text\":\"67890\"}", ",\"partial\":true"), null,
                OptionalLong.empty()), out::add);

        assertThatThrownBy(() -> decoder.event(new SseEvent(null, adk("{\"text\":\"!\"}", ",\"partial\":true"),
                null, OptionalLong.empty()), out::add)).isInstanceOf(ChatProtocolException.class)
                .hasMessageContaining("ChatSettings.maxEventBytes");
        assertThat(out).containsExactly(chunk("12345"), chunk("67890"));

        // a complete event resets what is remembered: the next message may be as long again
        FrameDecoder fresh = new FrameDecoder(10);
        List<ChatEvent> more = new ArrayList<>();
        for (String part : new String[] {"12345", "67890"}) {
            fresh.event(new SseEvent(null, adk("{\"text\":\"" + part + "\"}", ",\"partial\":true"), null,
                    OptionalLong.empty()), more::add);
        }
        fresh.event(new SseEvent(null, adk("{\"text\":\"1234567890\"}", ""), null, OptionalLong.empty()),
                more::add);
        fresh.event(new SseEvent(null, adk("{\"text\":\"abcdefghij\"}", ",\"partial\":true"), null,
                OptionalLong.empty()), more::add);
        assertThat(more).containsExactly(chunk("12345"), chunk("67890"), text(""), chunk("abcdefghij"));
    }

    // --- events parsed from bytes ----------------------------------------------------------------------------------

    @Test
    void dataParsedFromItsBytesDecodesLikeTheSameDataAsText() {
        byte[][] payloads = {
            "{\"type\":\"text\",\"content\":\"caf\u00e9 \u97f3\u4e50, click Export\"}".getBytes(UTF_8),
            concat("{\"type\":\"text\",\"content\":\"bad ".getBytes(UTF_8), new byte[] {(byte) 0xFF, (byte) 0xFE},
                    " byte\"}".getBytes(UTF_8)),
            concat("{\"type\":\"text\",\"content\":\"cut ".getBytes(UTF_8), new byte[] {(byte) 0xE9, (byte) 0x9F},
                    "\"}".getBytes(UTF_8)),
            concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"type\":\"text\",\"content\":\"x\"}"
                    .getBytes(UTF_8)),
            {'{', 0, '"', 'a', '"', ':', '1', '}'},
            "\u3000 \u2003".getBytes(UTF_8),
            "{\"a\":1} trailing".getBytes(UTF_8),
            "[DONE]".getBytes(UTF_8),
        };
        for (byte[] payload : payloads) {
            byte[] stream = concat("data: ".getBytes(UTF_8), payload, "\n\n".getBytes(UTF_8));
            List<ChatEvent> fromBytes = decode(stream);
            List<ChatEvent> fromText = frames(new String(payload, UTF_8));
            assertThat(fromBytes).as(new String(payload, UTF_8)).isEqualTo(fromText).hasSize(1);
        }
        assertThat(decode(concat("data: ".getBytes(UTF_8), payloads[1], "\n\n".getBytes(UTF_8))))
                .containsExactly(text("bad \uFFFD\uFFFD byte"));
        assertThat(decode(concat("data: ".getBytes(UTF_8), payloads[5], "\n\n".getBytes(UTF_8))))
                .containsExactly(BEAT);
    }

    @Test
    void hintsOfADecodedTextAreFoundWhenAskedAndEqualThoseGivenUpFront() {
        Text decoded = (Text) frames("{\"type\":\"text\",\"content\":\"Click the Export button\"}").get(0);

        assertThat(decoded.guiHints()).containsExactly(GuiHint.EXPORT);
        assertThat(decoded).isEqualTo(text("Click the Export button", GuiHint.EXPORT))
                .hasSameHashCodeAs(text("Click the Export button", GuiHint.EXPORT))
                .isNotEqualTo(text("Click the Export button"));
        assertThat(Text.of("nothing to do", true)).isEqualTo(chunk("nothing to do"))
                .hasToString("Text{partial, nothing to do}");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
