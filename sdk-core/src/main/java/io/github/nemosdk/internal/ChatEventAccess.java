package io.github.nemosdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.chat.ChatEvent;

/**
 * Lets the SDK hand a tree it has just parsed, and that nothing else holds, to a tool call or result event without
 * the defensive copy that the public factories make ({@code ChatEvent.ToolCall.of} copies its argument; the event's
 * own accessors still hand out copies). {@code ChatEvent} registers the factory when its class is initialised. Not
 * for use outside the SDK.
 */
public final class ChatEventAccess {
    /** Makes tool events from trees they may keep as they are. */
    public interface Factory {
        /**
         * A tool call owning its arguments.
         *
         * @param id   the call id, or null
         * @param name the tool name
         * @param args the arguments, held by nobody else, or null
         * @return the event
         */
        ChatEvent.ToolCall toolCall(String id, String name, JsonNode args);

        /**
         * A tool result owning its result.
         *
         * @param id     the call id, or null
         * @param name   the tool name
         * @param result the result, held by nobody else, or null
         * @return the event
         */
        ChatEvent.ToolResult toolResult(String id, String name, JsonNode result);

        /**
         * A tool result read when first asked for.
         *
         * @param id     the call id, or null
         * @param name   the tool name
         * @param reader reads the result (masked), once
         * @return the event
         */
        ChatEvent.ToolResult toolResult(String id, String name, java.util.function.Supplier<JsonNode> reader);
    }

    private static volatile Factory factory;

    private ChatEventAccess() {
    }

    /**
     * Called once, by {@code ChatEvent}'s static initialiser.
     *
     * @param f the factory
     */
    public static void register(Factory f) {
        if (factory == null) {
            factory = f;
        }
    }

    /**
     * A tool call owning a tree nobody else holds.
     *
     * @param id   the call id, or null
     * @param name the tool name
     * @param args the arguments, handed over, or null
     * @return the event
     */
    public static ChatEvent.ToolCall toolCall(String id, String name, JsonNode args) {
        return factory().toolCall(id, name, args);
    }

    /**
     * A tool result owning a tree nobody else holds.
     *
     * @param id     the call id, or null
     * @param name   the tool name
     * @param result the result, handed over, or null
     * @return the event
     */
    public static ChatEvent.ToolResult toolResult(String id, String name, JsonNode result) {
        return factory().toolResult(id, name, result);
    }

    /**
     * A tool result read from its bytes when first asked for.
     *
     * @param id     the call id, or null
     * @param name   the tool name
     * @param reader reads the result, once
     * @return the event
     */
    public static ChatEvent.ToolResult toolResult(String id, String name,
            java.util.function.Supplier<JsonNode> reader) {
        return factory().toolResult(id, name, reader);
    }

    private static Factory factory() {
        Factory f = factory;
        if (f == null) {
            try { // initialising the class registers its factory
                Class.forName(ChatEvent.class.getName(), true, ChatEvent.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            f = factory;
        }
        return f;
    }
}
