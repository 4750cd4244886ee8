package io.github.nemosdk.chat;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of one chat turn sent with {@link ChatClient#send(String)}: the assistant's text, the tools it
 * called, and — when the turn produced no text, or the stream broke and the outcome had to be read from the
 * state — the {@link TimelineChange}. Immutable.
 */
public final class ChatReply {
    private final String sessionId;
    private final String text;
    private final List<ChatEvent.ToolCall> toolCalls;
    private final Set<GuiHint> guiHints;
    private final TimelineChange change;
    private final boolean recovered;

    private ChatReply(String sessionId, String text, List<ChatEvent.ToolCall> toolCalls, Set<GuiHint> guiHints,
            TimelineChange change, boolean recovered) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.text = Objects.requireNonNull(text, "text");
        this.toolCalls = List.copyOf(toolCalls);
        this.guiHints = guiHints.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(guiHints));
        this.change = change;
        this.recovered = recovered;
    }

    /**
     * Creates a reply, e.g. for tests.
     *
     * @param sessionId the session
     * @param text      the user-facing text, empty for a silent turn
     * @param toolCalls the tools called
     * @param guiHints  the GUI actions the text asked for
     * @param change    the timeline change, or null when the turn had text
     * @param recovered whether the stream broke and the outcome was read from the state
     * @return the reply
     */
    public static ChatReply of(String sessionId, String text, List<ChatEvent.ToolCall> toolCalls,
            Set<GuiHint> guiHints, TimelineChange change, boolean recovered) {
        return new ChatReply(sessionId, text, toolCalls, guiHints, change, recovered);
    }

    /**
     * The session the message went to.
     *
     * @return the session id
     */
    public String sessionId() {
        return sessionId;
    }

    /**
     * All text for the user, in order; a trailing "I encountered a temporary issue" after a normal reply is left
     * out (the service adds it as noise).
     *
     * @return the text, empty for a silent turn
     */
    public String text() {
        return text;
    }

    /**
     * Whether the turn produced no text for the user.
     *
     * @return true for silent turns
     */
    public boolean isSilent() {
        return text.isEmpty();
    }

    /**
     * The tools the assistant called, in order.
     *
     * @return an unmodifiable list
     */
    public List<ChatEvent.ToolCall> toolCalls() {
        return toolCalls;
    }

    /**
     * The GUI actions the text asked for (e.g. {@link GuiHint#EXPORT} for "click the Export button").
     *
     * @return an unmodifiable set
     */
    public Set<GuiHint> guiHints() {
        return guiHints;
    }

    /**
     * The change to the timeline, read from the state when the turn was silent or the stream broke.
     *
     * @return the change, when it was computed
     */
    public Optional<TimelineChange> change() {
        return Optional.ofNullable(change);
    }

    /**
     * Whether the stream broke and the outcome was found by reading the state (the message was not re-sent).
     *
     * @return true after a recovery
     */
    public boolean recovered() {
        return recovered;
    }

    /**
     * What to show the user: the text, or the change for a silent turn.
     *
     * @return a line for the user
     */
    public String display() {
        if (!text.isEmpty()) {
            return text;
        }
        return change == null ? "" : change.description();
    }

    @Override
    public String toString() {
        return "ChatReply{session=" + sessionId + ", " + (isSilent() ? "silent" : "text=" + text)
                + (change == null ? "" : ", change=" + change.description()) + (recovered ? ", recovered" : "")
                + "}";
    }
}
