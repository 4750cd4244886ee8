package io.github.nemosdk.internal.sse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.http.Secrets;

/**
 * Makes the chat events both payload styles share (texts, tool calls and results, unknown events, error frames),
 * with every token the client sent masked in what the server echoes.
 */
final class ChatEvents {
    private final Secrets secrets;

    ChatEvents(Secrets secrets) {
        this.secrets = secrets;
    }

    /** An event passed on raw, cleaned of tokens. */
    ChatEvent unknown(SseEvent e) {
        return ChatEvent.Unknown.of(secrets.scrub(e.eventName()), secrets.scrub(e.data()));
    }

    /** A tool call; the assistant's {@code ask_question} becomes a {@link ChatEvent.Question} when it can be read. */
    ChatEvent toolCall(String id, String name, JsonNode args) {
        if (name.equals(Questions.TOOL)) {
            java.util.List<io.github.nemosdk.chat.ChatQuestion> questions = Questions.parse(args);
            if (!questions.isEmpty()) {
                return ChatEvent.Question.of(id, questions);
            }
        }
        return io.github.nemosdk.internal.ChatEventAccess.toolCall(id, name, args);
    }

    /** A text, with any token the client sent masked. */
    ChatEvent.Text text(String text, boolean partial) {
        return ChatEvent.Text.of(secrets.maskSent(text), partial);
    }

    /** The failure an error frame reports, with its message and code cleaned of tokens. */
    ChatStreamException errorFrame(JsonNode root, JsonNode error) {
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

    /** A server's message cleaned of tokens, or a note that it gave none. */
    String orNoMessage(String message) {
        String cleaned = secrets.serverMessage(message);
        return cleaned != null ? cleaned : "the server gave no message";
    }

    /** A string field, also when empty; null when absent or not a string. */
    static String textual(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /**
     * A tool result: read when first asked for when the reader left it as bytes ({@link EventReader.Raw}), masked
     * then; else masked now.
     */
    ChatEvent toolResult(String id, String name, JsonNode value) {
        if (value instanceof com.fasterxml.jackson.databind.node.POJONode
                && ((com.fasterxml.jackson.databind.node.POJONode) value).getPojo() instanceof EventReader.Raw) {
            EventReader.Raw raw = (EventReader.Raw) ((com.fasterxml.jackson.databind.node.POJONode) value).getPojo();
            return io.github.nemosdk.internal.ChatEventAccess.toolResult(id, name, () -> {
                try {
                    return secrets.maskSent(raw.read());
                } catch (java.io.IOException e) { // checked when the event was read (syntax, numbers, limits)
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return io.github.nemosdk.internal.ChatEventAccess.toolResult(id, name,
                value == null || value.isNull() ? null : secrets.maskSent(value));
    }

    /** A tool's arguments or result, with any token the client sent masked in its text. */
    JsonNode value(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : secrets.maskSent(v);
    }
}
