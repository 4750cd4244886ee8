package io.github.nemosdk.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.internal.sse.GuiHints;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One event of a chat turn. Test the kind with {@code instanceof} (or {@link #kind()}) and cast:
 * <pre>{@code
 * for (ChatEvent e : stream) {
 *     if (e instanceof ChatEvent.Text) System.out.print(((ChatEvent.Text) e).text());
 * }
 * }</pre>
 * Events are immutable; JSON accessors return copies.
 */
public abstract class ChatEvent {
    /** The kinds of event. */
    public enum Kind {
        /** Text for the user. */
        TEXT,
        /** The assistant called a tool (internal; not for the user). */
        TOOL_CALL,
        /** A tool returned (internal; not for the user). */
        TOOL_RESULT,
        /** The assistant asks the user something and waits for the answer (the next message). */
        QUESTION,
        /** A keep-alive from the server: still working. */
        HEARTBEAT,
        /** Made by the SDK after a stretch of heartbeat-only silence, for a "Still working…" line. */
        STILL_WORKING,
        /** An event the SDK does not know, passed on raw. */
        UNKNOWN
    }

    static {
        io.github.nemosdk.internal.ChatEventAccess.register(new io.github.nemosdk.internal.ChatEventAccess.Factory() {
            @Override
            public ToolCall toolCall(String id, String name, JsonNode args) {
                return new ToolCall(id, name, args, false);
            }

            @Override
            public ToolResult toolResult(String id, String name, JsonNode result) {
                return new ToolResult(id, name, result, false);
            }

            @Override
            public ToolResult toolResult(String id, String name, java.util.function.Supplier<JsonNode> reader) {
                return new ToolResult(id, name, reader);
            }
        });
    }

    private ChatEvent() {
    }

    /**
     * This event's kind.
     *
     * @return the kind
     */
    public abstract Kind kind();

    /**
     * Text for the user (thoughts are never delivered). Partial chunks ({@link #isPartial()}) arrive as they stream;
     * the complete message that follows them is not delivered twice: only its part not yet streamed comes as a
     * complete (non-partial) {@code Text}, which is empty when everything was streamed already. A complete
     * {@code Text} therefore always ends a message.
     */
    public static final class Text extends ChatEvent {
        private final String text;
        private final boolean partial;
        /** The hints; null until first asked for when they are detected from the text. */
        private volatile Set<GuiHint> guiHints;

        private Text(String text, boolean partial, Set<GuiHint> guiHints) {
            this.text = Objects.requireNonNull(text, "text");
            this.partial = partial;
            this.guiHints = guiHints == null ? null : guiHints.isEmpty() ? Collections.emptySet()
                    : Collections.unmodifiableSet(EnumSet.copyOf(guiHints));
        }

        /**
         * Creates a text event.
         *
         * @param text     the text to show
         * @param partial  whether it is a streaming chunk of a longer text
         * @param guiHints the GUI actions the text asks for
         * @return the event
         */
        public static Text of(String text, boolean partial, Set<GuiHint> guiHints) {
            return new Text(text, partial, Objects.requireNonNull(guiHints, "guiHints"));
        }

        /**
         * Creates a text event whose GUI hints are those the SDK finds in {@code text}, as for text it receives.
         * They are looked for the first time {@link #guiHints()} (or {@code equals}, {@code hashCode},
         * {@code toString}) is called, so a caller that never asks does not pay for the search.
         *
         * @param text    the text to show
         * @param partial whether it is a streaming chunk of a longer text
         * @return the event
         */
        public static Text of(String text, boolean partial) {
            return new Text(text, partial, null);
        }

        /**
         * The text to show, appended to what came before.
         *
         * @return the text
         */
        public String text() {
            return text;
        }

        /**
         * Whether this is a streaming chunk ({@code partial: true}) rather than a complete message.
         *
         * @return true for chunks
         */
        public boolean isPartial() {
            return partial;
        }

        /**
         * The GUI actions this text asks for ("click Export" asks for {@link GuiHint#EXPORT}).
         *
         * @return an unmodifiable set, usually empty
         */
        public Set<GuiHint> guiHints() {
            Set<GuiHint> hints = guiHints;
            if (hints == null) { // detection is a pure function of the text: a race computes the same set twice
                hints = GuiHints.detect(text);
                guiHints = hints;
            }
            return hints;
        }

        @Override
        public Kind kind() {
            return Kind.TEXT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Text && text.equals(((Text) o).text) && partial == ((Text) o).partial
                    && guiHints().equals(((Text) o).guiHints());
        }

        @Override
        public int hashCode() {
            return Objects.hash(text, partial, guiHints());
        }

        @Override
        public String toString() {
            Set<GuiHint> hints = guiHints();
            return "Text{" + (partial ? "partial, " : "") + text + (hints.isEmpty() ? "" : ", " + hints) + "}";
        }
    }

    /** The assistant called a tool. Internal to the turn; show it only for diagnostics. */
    public static final class ToolCall extends ChatEvent {
        private final String id;
        private final String name;
        private final JsonNode args;

        private ToolCall(String id, String name, JsonNode args, boolean copy) {
            this.id = id;
            this.name = Objects.requireNonNull(name, "name");
            this.args = args == null ? null : copy ? args.deepCopy() : args;
        }

        /**
         * Creates a tool call event.
         *
         * @param id   the call id, or null
         * @param name the tool name
         * @param args the arguments, or null
         * @return the event
         */
        public static ToolCall of(String id, String name, JsonNode args) {
            return new ToolCall(id, name, args, true);
        }

        /**
         * The call id that pairs it with its {@link ToolResult}.
         *
         * @return the id, when the server sent one
         */
        public Optional<String> id() {
            return Optional.ofNullable(id);
        }

        /**
         * The tool's name.
         *
         * @return the name
         */
        public String name() {
            return name;
        }

        /**
         * The arguments, as a copy.
         *
         * @return the arguments; an empty object when none were sent
         */
        public JsonNode args() {
            return args == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    : args.deepCopy();
        }

        @Override
        public Kind kind() {
            return Kind.TOOL_CALL;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ToolCall && Objects.equals(id, ((ToolCall) o).id) && name.equals(((ToolCall) o).name)
                    && Objects.equals(args, ((ToolCall) o).args);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name, args);
        }

        @Override
        public String toString() {
            return "ToolCall{" + name + (args == null ? "" : " " + args) + "}";
        }
    }

    /** A tool returned. Internal to the turn. */
    public static final class ToolResult extends ChatEvent {
        private final String id;
        private final String name;
        /** The result when it was given as a tree; null when none was sent or when it is read on demand. */
        private final JsonNode result;
        /** Reads the result when first asked (the SDK keeps a large result as bytes until then); or null. */
        private final java.util.function.Supplier<JsonNode> reader;
        private volatile JsonNode read;

        private ToolResult(String id, String name, JsonNode result, boolean copy) {
            this.id = id;
            this.name = Objects.requireNonNull(name, "name");
            this.result = result == null ? null : copy ? result.deepCopy() : result;
            this.reader = null;
        }

        private ToolResult(String id, String name, java.util.function.Supplier<JsonNode> reader) {
            this.id = id;
            this.name = Objects.requireNonNull(name, "name");
            this.result = null;
            this.reader = reader;
        }

        /**
         * Creates a tool result event.
         *
         * @param id     the call id, or null
         * @param name   the tool name
         * @param result the result, or null
         * @return the event
         */
        public static ToolResult of(String id, String name, JsonNode result) {
            return new ToolResult(id, name, result, true);
        }

        /**
         * The id of the call this answers.
         *
         * @return the id, when the server sent one
         */
        public Optional<String> id() {
            return Optional.ofNullable(id);
        }

        /**
         * The tool's name.
         *
         * @return the name
         */
        public String name() {
            return name;
        }

        /**
         * The result, as a copy. A result the SDK received is read into a tree when this is first called.
         *
         * @return the result; a JSON null when none was sent
         */
        public JsonNode result() {
            JsonNode r = value();
            return r == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : r.deepCopy();
        }

        private JsonNode value() {
            if (reader == null) {
                return result;
            }
            JsonNode r = read;
            if (r == null) {
                r = reader.get();
                read = r;
            }
            return r;
        }

        @Override
        public Kind kind() {
            return Kind.TOOL_RESULT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ToolResult && Objects.equals(id, ((ToolResult) o).id)
                    && name.equals(((ToolResult) o).name) && Objects.equals(value(), ((ToolResult) o).value());
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name, value());
        }

        @Override
        public String toString() {
            return "ToolResult{" + name + "}";
        }
    }

    /**
     * The assistant stopped to ask the user something (its {@code ask_question} tool): show the questions and their
     * options, and send the answer as the next message. The turn ends after it without an edit; this event takes the
     * place of the tool call it came in.
     */
    public static final class Question extends ChatEvent {
        private final String callId;
        private final List<ChatQuestion> questions;

        private Question(String callId, List<ChatQuestion> questions) {
            this.callId = callId;
            this.questions = List.copyOf(Objects.requireNonNull(questions, "questions"));
            if (this.questions.isEmpty()) {
                throw new IllegalArgumentException("a Question event needs at least one question");
            }
        }

        /**
         * Creates the event.
         *
         * @param callId    the id of the {@code ask_question} call, or null
         * @param questions the questions, at least one
         * @return the event
         */
        public static Question of(String callId, List<ChatQuestion> questions) {
            return new Question(callId, questions);
        }

        /**
         * The id of the {@code ask_question} call.
         *
         * @return the id, when the server sent one
         */
        public Optional<String> callId() {
            return Optional.ofNullable(callId);
        }

        /**
         * The questions, in order.
         *
         * @return an unmodifiable, non-empty list
         */
        public List<ChatQuestion> questions() {
            return questions;
        }

        @Override
        public Kind kind() {
            return Kind.QUESTION;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Question && Objects.equals(callId, ((Question) o).callId)
                    && questions.equals(((Question) o).questions);
        }

        @Override
        public int hashCode() {
            return Objects.hash(callId, questions);
        }

        @Override
        public String toString() {
            return "Question" + questions;
        }
    }

    /** A keep-alive: a heartbeat frame, an empty {@code data:} line, or a comment line such as {@code : ping}. */
    public static final class Heartbeat extends ChatEvent {
        private static final Heartbeat INSTANCE = new Heartbeat();

        private Heartbeat() {
        }

        /**
         * The heartbeat event.
         *
         * @return the shared instance
         */
        public static Heartbeat instance() {
            return INSTANCE;
        }

        @Override
        public Kind kind() {
            return Kind.HEARTBEAT;
        }

        @Override
        public String toString() {
            return "Heartbeat";
        }
    }

    /** Made by the SDK after each stretch of heartbeat-only silence (2 minutes by default). */
    public static final class StillWorking extends ChatEvent {
        private final Duration silentFor;

        private StillWorking(Duration silentFor) {
            this.silentFor = Objects.requireNonNull(silentFor, "silentFor");
        }

        /**
         * Creates the event.
         *
         * @param silentFor how long only heartbeats have arrived
         * @return the event
         */
        public static StillWorking of(Duration silentFor) {
            return new StillWorking(silentFor);
        }

        /**
         * How long only heartbeats have arrived.
         *
         * @return the silence so far
         */
        public Duration silentFor() {
            return silentFor;
        }

        @Override
        public Kind kind() {
            return Kind.STILL_WORKING;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StillWorking && silentFor.equals(((StillWorking) o).silentFor);
        }

        @Override
        public int hashCode() {
            return silentFor.hashCode();
        }

        @Override
        public String toString() {
            return "StillWorking{" + silentFor.getSeconds() + "s}";
        }
    }

    /** An event the SDK does not know (a new frame type, unexpected fields). Passed on, never dropped. */
    public static final class Unknown extends ChatEvent {
        private final String eventName;
        private final String data;

        private Unknown(String eventName, String data) {
            this.eventName = eventName;
            this.data = Objects.requireNonNull(data, "data");
        }

        /**
         * Creates the event.
         *
         * @param eventName the SSE {@code event:} name, or null
         * @param data      the raw {@code data:} payload
         * @return the event
         */
        public static Unknown of(String eventName, String data) {
            return new Unknown(eventName, data);
        }

        /**
         * The SSE {@code event:} name.
         *
         * @return the name, when the server set one
         */
        public Optional<String> eventName() {
            return Optional.ofNullable(eventName);
        }

        /**
         * The raw payload as received.
         *
         * @return the data
         */
        public String data() {
            return data;
        }

        @Override
        public Kind kind() {
            return Kind.UNKNOWN;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown && Objects.equals(eventName, ((Unknown) o).eventName)
                    && data.equals(((Unknown) o).data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventName, data);
        }

        @Override
        public String toString() {
            return "Unknown{" + (eventName == null ? "" : eventName + ": ")
                    + (data.length() > 200 ? data.substring(0, 200) + "..." : data) + "}";
        }
    }
}
