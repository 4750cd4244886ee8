package io.github.nemosdk.internal.sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.errors.ChatProtocolException;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.http.Secrets;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Turns the events of a {@code /run_sse} stream into {@link ChatEvent}s. Understands both documented payloads:
 * typed frames ({@code {"type":"text",...}}) and ADK events (camelCase, {@code content.parts}).
 * <ul>
 * <li>Keep-alives (empty or blank data, {@code {"type":"heartbeat"}}, comment lines) become
 * {@link ChatEvent.Heartbeat}; so does a typed text frame with empty text.</li>
 * <li>Data that is not a JSON object, an unknown {@code type} and an object of no known shape become
 * {@link ChatEvent.Unknown} with the raw data. An ADK part of an unknown kind (neither text nor function
 * call/response) makes one {@code Unknown} with the raw event, in its place. An ADK event without parts (the
 * content-less event that closes a turn, usage figures, empty {@code actions}) delivers nothing.</li>
 * <li>Error frames ({@code {"error": ...}} without a {@code type} other than "error", or an ADK event with
 * {@code errorMessage}, or an {@code errorCode} other than {@code STOP}) throw {@link ChatStreamException}; the
 * parts of an ADK error event are delivered first. {@code errorCode: "STOP"} without a message is the model's
 * normal end (an empty answer).</li>
 * <li>A call of the assistant's {@code ask_question} tool becomes a {@link ChatEvent.Question} (a plain
 * {@link ChatEvent.ToolCall} when its arguments hold no readable question).</li>
 * <li>ADK thoughts ({@code thought: true}) are never delivered. Text parts of one event are joined into one
 * {@link ChatEvent.Text}, emitted in part order around tool calls and results.</li>
 * <li>{@code partial: true} events deliver their text as partial {@code Text}s and the decoder remembers it; their
 * function parts are skipped, since the complete event repeats them. The next complete event with text delivers only
 * what was not streamed yet (an empty complete {@code Text}, marking the end of the message, when it equals the
 * streamed text), or its whole text when it does not start with the streamed text.</li>
 * <li>Each {@code Text} carries {@link GuiHints#detect} of its own text (looked for when first asked); a phrase
 * split across partial chunks is only found by detecting over the joined text.</li>
 * </ul>
 * Unknown fields are ignored. Not thread-safe: one decoder per stream.
 */
public final class FrameDecoder {
    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final AdkEvents adk;
    /** Builds the events, masking the tokens the client sent in every text, error and raw event passed on. */
    private final ChatEvents events;

    /** Creates a decoder for one stream with the default limit ({@code ChatSettings}' default maxEventBytes). */
    public FrameDecoder() {
        this(ChatSettings.defaults().maxEventBytes());
    }

    /**
     * Creates a decoder for one stream that masks only token-like text.
     *
     * @param maxStreamedChars the most partial text remembered for one message ({@code ChatSettings.maxEventBytes})
     */
    public FrameDecoder(int maxStreamedChars) {
        this(maxStreamedChars, Secrets.none());
    }

    /**
     * Creates a decoder for one stream.
     *
     * @param maxStreamedChars the most partial text remembered for one message ({@code ChatSettings.maxEventBytes}):
     *                         the partial chunks of one message are kept until its complete event, and a stream
     *                         that sends more without completing it ends with a {@link ChatProtocolException}
     * @param secrets          the tokens the client sent, masked wherever the server echoes them
     */
    public FrameDecoder(int maxStreamedChars, Secrets secrets) {
        this.events = new ChatEvents(secrets);
        this.adk = new AdkEvents(maxStreamedChars, secrets, events);
    }

    /**
     * Decodes one event of the stream.
     *
     * @param e   the event
     * @param out receives 0..n chat events, in order
     * @throws ChatStreamException when the event is an error frame (after delivering what came with it)
     */
    public void event(SseEvent e, Consumer<ChatEvent> out) {
        if (e.isBlank()) {
            out.accept(ChatEvent.Heartbeat.instance());
            return;
        }
        JsonNode root = parse(e);
        if (root == null || !root.isObject()) {
            out.accept(events.unknown(e));
            return;
        }
        String type = Json.text(root, "type");
        JsonNode error = root.get("error");
        if (error != null && !error.isNull() && (type == null || type.equals("error"))) {
            throw events.errorFrame(root, error);
        }
        if (type != null) {
            typed(type, root, e, out);
        } else if (AdkEvents.isAdk(root)) {
            adk.decode(root, e, out);
        } else {
            out.accept(events.unknown(e));
        }
    }

    /**
     * Whether the stream is in the middle of a message: partial text arrived and the complete event that ends it
     * has not. A stream that closes now did not end its turn cleanly.
     *
     * @return true while a streamed message is unfinished
     */
    public boolean inMessage() {
        return adk.inMessage();
    }

    /**
     * Decodes a comment line: a keep-alive.
     *
     * @param text the comment text
     * @param out  receives a heartbeat
     */
    public void comment(String text, Consumer<ChatEvent> out) {
        out.accept(ChatEvent.Heartbeat.instance());
    }

    /**
     * The event's JSON, parsed straight from its UTF-8 bytes when it has them; null when it is not JSON. Bytes that
     * are not valid UTF-8 fail that parse and are parsed again as the decoded text, in which they are U+FFFD, so the
     * outcome is the same as parsing {@link SseEvent#data()}; so are bytes a limit of the byte parser refuses (names
     * built to collide in its table among them).
     */
    private static JsonNode parse(SseEvent e) {
        byte[] utf8 = e.utf8();
        if (utf8 != null && startsAsUtf8Object(utf8, e.utf8Length())) {
            try {
                return EventReader.read(utf8, e.utf8Length());
            } catch (IOException notJsonOrNotUtf8) {
                // fall through to the text
            }
        }
        try {
            return Json.readText(READER, e.data());
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private void typed(String type, JsonNode root, SseEvent e, Consumer<ChatEvent> out) {
        switch (type) {
            case "text": {
                String text = ChatEvents.textual(root, "content");
                text = text != null ? text : ChatEvents.textual(root, "text");
                if (text == null) {
                    out.accept(events.unknown(e));
                } else {
                    out.accept(text.isEmpty() ? ChatEvent.Heartbeat.instance() : events.text(text, false));
                }
                return;
            }
            case "tool_call":
            case "tool_result": {
                String name = Json.text(root, "name");
                if (name == null) {
                    out.accept(events.unknown(e));
                } else if (type.equals("tool_call")) {
                    out.accept(events.toolCall(Json.text(root, "id"), name, events.value(root, "args")));
                } else {
                    out.accept(events.toolResult(Json.text(root, "id"), name, root.get("result")));
                }
                return;
            }
            case "heartbeat":
                out.accept(ChatEvent.Heartbeat.instance());
                return;
            default:
                out.accept(events.unknown(e));
        }
    }

    /**
     * True when the bytes start with an object and no NUL among the first four: the byte parser then reads them as
     * UTF-8 (it guesses UTF-16 or UTF-32 from NULs there, or skips a byte order mark, which the text parser would
     * not), so both parsers see the same input.
     */
    private static boolean startsAsUtf8Object(byte[] b, int len) {
        if (len == 0 || b[0] != '{') {
            return false;
        }
        for (int i = 1; i < Math.min(4, len); i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        return true;
    }

}
