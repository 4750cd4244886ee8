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

    /** Text delivered by partial events since the last complete event with text. */
    private final StringBuilder streamed = new StringBuilder();
    /** Text parts waiting to be emitted as one Text. */
    private final StringBuilder segment = new StringBuilder();

    /** The most characters of streamed partial text remembered for one message. */
    private final int maxStreamedChars;
    /** The tokens the client sent: masked in every text, error and raw event passed on. */
    private final Secrets secrets;

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
        this.maxStreamedChars = maxStreamedChars;
        this.secrets = secrets;
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
            out.accept(unknown(e));
            return;
        }
        String type = Json.text(root, "type");
        JsonNode error = root.get("error");
        if (error != null && !error.isNull() && (type == null || type.equals("error"))) {
            throw errorFrame(root, error);
        }
        if (type != null) {
            typed(type, root, e, out);
        } else if (isAdk(root)) {
            adk(root, e, out);
        } else {
            out.accept(unknown(e));
        }
    }

    /** An event passed on raw, cleaned of tokens. */
    private ChatEvent unknown(SseEvent e) {
        return ChatEvent.Unknown.of(secrets.scrub(e.eventName()), secrets.scrub(e.data()));
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
     * outcome is the same as parsing {@link SseEvent#data()}.
     */
    private static JsonNode parse(SseEvent e) {
        byte[] utf8 = e.utf8();
        if (utf8 != null && startsAsUtf8Object(utf8)) {
            try {
                return READER.readTree(utf8);
            } catch (IOException notJsonOrNotUtf8) {
                // fall through to the text
            }
        }
        try {
            return READER.readTree(e.data());
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private void typed(String type, JsonNode root, SseEvent e, Consumer<ChatEvent> out) {
        switch (type) {
            case "text": {
                String text = textual(root, "content");
                text = text != null ? text : textual(root, "text");
                if (text == null) {
                    out.accept(unknown(e));
                } else {
                    out.accept(text.isEmpty() ? ChatEvent.Heartbeat.instance() : text(text, false));
                }
                return;
            }
            case "tool_call":
            case "tool_result": {
                String name = Json.text(root, "name");
                if (name == null) {
                    out.accept(unknown(e));
                } else if (type.equals("tool_call")) {
                    out.accept(toolCall(Json.text(root, "id"), name, value(root, "args")));
                } else {
                    out.accept(ChatEvent.ToolResult.of(Json.text(root, "id"), name, value(root, "result")));
                }
                return;
            }
            case "heartbeat":
                out.accept(ChatEvent.Heartbeat.instance());
                return;
            default:
                out.accept(unknown(e));
        }
    }

    private static boolean isAdk(JsonNode root) {
        return root.path("content").path("parts").isArray() || root.has("invocationId") || root.has("author")
                || root.has("errorCode") || root.has("errorMessage");
    }

    private void adk(JsonNode root, SseEvent e, Consumer<ChatEvent> out) {
        String errorCode = Json.text(root, "errorCode");
        String errorMessage = Json.text(root, "errorMessage");
        // STOP is the model's normal finish reason: with no message it is an empty answer, not an error
        boolean failed = errorMessage != null || (errorCode != null && !errorCode.equals("STOP"));
        JsonNode parts = root.path("content").path("parts");
        if (parts.isArray() && parts.size() > 0) {
            if (root.path("partial").asBoolean(false)) {
                partial(parts, out);
            } else {
                complete(parts, e, out);
            }
        }
        // an ADK event without parts (the closing event of a turn, usage figures, state deltas) has nothing for
        // the user
        if (failed) {
            String code = secrets.serverMessage(errorCode);
            throw new ChatStreamException(orNoMessage(errorMessage != null ? errorMessage : errorCode), code);
        }
    }

    private void partial(JsonNode parts, Consumer<ChatEvent> out) {
        String chunk = visibleText(parts);
        if (!chunk.isEmpty()) {
            if ((long) streamed.length() + chunk.length() > maxStreamedChars) {
                throw new ChatProtocolException("The chat stream sent more than " + maxStreamedChars
                        + " characters of partial text without completing the message, the limit set by"
                        + " ChatSettings.maxEventBytes; raise that setting if the server legitimately streams"
                        + " messages this long.");
            }
            streamed.append(chunk);
            out.accept(text(chunk, true));
        }
    }

    private void complete(JsonNode parts, SseEvent e, Consumer<ChatEvent> out) {
        int skip = 0;
        if (streamed.length() > 0) {
            String full = visibleText(parts);
            if (!full.isEmpty()) {
                skip = full.startsWith(streamed.toString()) ? streamed.length() : 0;
                streamed.setLength(0);
            }
        }
        boolean unknownSent = false;
        segment.setLength(0);
        for (JsonNode part : parts) {
            JsonNode text = part.get("text");
            if (text != null && text.isTextual()) {
                if (!isThought(part)) {
                    segment.append(text.asText());
                }
                continue;
            }
            skip = flushSegment(skip, out);
            JsonNode call = part.get("functionCall");
            JsonNode response = part.get("functionResponse");
            String callName = Json.text(call, "name");
            String responseName = Json.text(response, "name");
            if (callName != null) {
                out.accept(toolCall(Json.text(call, "id"), callName, value(call, "args")));
            } else if (responseName != null) {
                out.accept(ChatEvent.ToolResult.of(Json.text(response, "id"), responseName,
                        value(response, "response")));
            } else if (!unknownSent) {
                unknownSent = true;
                out.accept(unknown(e));
            }
        }
        flushSegment(skip, out);
    }

    /** Emits the collected text parts minus the first {@code skip} characters; returns what is left to skip. */
    private int flushSegment(int skip, Consumer<ChatEvent> out) {
        int length = segment.length();
        if (length > skip) {
            out.accept(text(segment.substring(skip), false));
        } else if (length > 0) {
            // all of it was streamed already: an empty complete Text marks the end of the message
            out.accept(text("", false));
        }
        segment.setLength(0);
        return Math.max(0, skip - length);
    }

    /** A tool call; the assistant's {@code ask_question} becomes a {@link ChatEvent.Question} when it can be read. */
    private ChatEvent toolCall(String id, String name, JsonNode args) {
        if (name.equals(Questions.TOOL)) {
            java.util.List<io.github.nemosdk.chat.ChatQuestion> questions = Questions.parse(args);
            if (!questions.isEmpty()) {
                return ChatEvent.Question.of(id, questions);
            }
        }
        return ChatEvent.ToolCall.of(id, name, args);
    }

    /**
     * Whether the stream is in the middle of a message: partial text arrived and the complete event that ends it
     * has not. A stream that closes now did not end its turn cleanly.
     *
     * @return true while a streamed message is unfinished
     */
    public boolean inMessage() {
        return streamed.length() > 0;
    }

    private static String visibleText(JsonNode parts) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : parts) {
            JsonNode text = part.get("text");
            if (text != null && text.isTextual() && !isThought(part)) {
                sb.append(text.asText());
            }
        }
        return sb.toString();
    }

    private static boolean isThought(JsonNode part) {
        return part.path("thought").asBoolean(false);
    }

    private ChatEvent.Text text(String text, boolean partial) {
        return ChatEvent.Text.of(secrets.maskSent(text), partial);
    }

    private ChatStreamException errorFrame(JsonNode root, JsonNode error) {
        JsonNode details = root.get("error_details");
        String message = error.isTextual() ? error.asText() : null;
        message = message != null ? message : Json.text(error, "message");
        message = message != null ? message : Json.text(details, "message");
        message = message != null ? message : Json.text(details, "error_message");
        message = message != null ? message : Json.text(root, "message");
        message = message != null ? message : error.toString();
        // newer servers: error_details {error_type, error_message, timestamp}
        String code = Json.text(details, "code");
        code = code != null ? code : Json.text(details, "error_type");
        code = code != null ? code : Json.text(error, "code");
        return new ChatStreamException(orNoMessage(message), secrets.serverMessage(code));
    }

    private String orNoMessage(String message) {
        String cleaned = secrets.serverMessage(message);
        return cleaned != null ? cleaned : "the server gave no message";
    }

    /**
     * True when the bytes start with an object and no NUL among the first four: the byte parser then reads them as
     * UTF-8 (it guesses UTF-16 or UTF-32 from NULs there, or skips a byte order mark, which the text parser would
     * not), so both parsers see the same input.
     */
    private static boolean startsAsUtf8Object(byte[] b) {
        if (b.length == 0 || b[0] != '{') {
            return false;
        }
        for (int i = 1; i < Math.min(4, b.length); i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** A string field, also when empty; null when absent or not a string. */
    private static String textual(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** A field's value, or null when absent or JSON null. */
    /** A tool's arguments or result, with any token the client sent masked in its text. */
    private JsonNode value(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : secrets.maskSent(v);
    }
}
