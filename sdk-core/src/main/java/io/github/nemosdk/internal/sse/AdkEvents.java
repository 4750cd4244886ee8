package io.github.nemosdk.internal.sse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.errors.ChatProtocolException;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.http.Secrets;
import java.util.function.Consumer;

/**
 * Decodes ADK events (camelCase, {@code content.parts}): partial text streamed and remembered until the complete
 * event, thoughts left out, text parts joined around tool calls and results, error codes other than {@code STOP}
 * thrown after the parts. One per stream; not thread-safe.
 */
final class AdkEvents {
    /** Text delivered by partial events since the last complete event with text. */
    private final StringBuilder streamed = new StringBuilder();
    /** Text parts waiting to be emitted as one Text. */
    private final StringBuilder segment = new StringBuilder();
    /** The most characters of streamed partial text remembered for one message. */
    private final int maxStreamedChars;
    private final Secrets secrets;
    private final ChatEvents events;

    AdkEvents(int maxStreamedChars, Secrets secrets, ChatEvents events) {
        this.maxStreamedChars = maxStreamedChars;
        this.secrets = secrets;
        this.events = events;
    }

    static boolean isAdk(JsonNode root) {
        return root.path("content").path("parts").isArray() || root.has("invocationId") || root.has("author")
                || root.has("errorCode") || root.has("errorMessage");
    }

    void decode(JsonNode root, SseEvent e, Consumer<ChatEvent> out) {
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
            throw new ChatStreamException(events.orNoMessage(errorMessage != null ? errorMessage : errorCode), code);
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
            out.accept(events.text(chunk, true));
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
                out.accept(events.toolCall(Json.text(call, "id"), callName, events.value(call, "args")));
            } else if (responseName != null) {
                out.accept(events.toolResult(Json.text(response, "id"), responseName, response.get("response")));
            } else if (!unknownSent) {
                unknownSent = true;
                out.accept(events.unknown(e));
            }
        }
        flushSegment(skip, out);
    }

    /** Emits the collected text parts minus the first {@code skip} characters; returns what is left to skip. */
    private int flushSegment(int skip, Consumer<ChatEvent> out) {
        int length = segment.length();
        if (length > skip) {
            out.accept(events.text(segment.substring(skip), false));
        } else if (length > 0) {
            // all of it was streamed already: an empty complete Text marks the end of the message
            out.accept(events.text("", false));
        }
        segment.setLength(0);
        return Math.max(0, skip - length);
    }

    /**
     * Whether the stream is in the middle of a message: partial text arrived and the complete event that ends it
     * has not. A stream that closes now did not end its turn cleanly.
     *
     * @return true while a streamed message is unfinished
     */
    boolean inMessage() {
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
}
