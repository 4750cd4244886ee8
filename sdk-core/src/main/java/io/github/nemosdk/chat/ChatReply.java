package io.github.nemosdk.chat;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of one chat turn sent with {@link ChatClient#send(String)}: the assistant's text, the tools it
 * called, the questions it asked (when it stopped to ask the user something: answer with the next message), and —
 * when the turn produced no text, or the stream broke and the outcome had to be read from the state — the
 * {@link TimelineChange}. Immutable.
 */
public final class ChatReply {
    private final String sessionId;
    private final String text;
    private final List<ChatEvent.ToolCall> toolCalls;
    private final Set<GuiHint> guiHints;
    private final TimelineChange change;
    private final boolean recovered;
    private final List<ChatQuestion> questions;

    private ChatReply(String sessionId, String text, List<ChatEvent.ToolCall> toolCalls, Set<GuiHint> guiHints,
            TimelineChange change, boolean recovered, List<ChatQuestion> questions) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.text = Objects.requireNonNull(text, "text");
        this.toolCalls = List.copyOf(toolCalls);
        this.guiHints = guiHints.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(guiHints));
        this.change = change;
        this.recovered = recovered;
        this.questions = List.copyOf(questions);
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
        return new ChatReply(sessionId, text, toolCalls, guiHints, change, recovered, List.of());
    }

    /**
     * Creates a reply in which the assistant asked questions, e.g. for tests.
     *
     * @param sessionId the session
     * @param text      the user-facing text, possibly empty
     * @param toolCalls the tools called
     * @param guiHints  the GUI actions the text asked for
     * @param questions the questions the assistant asked, waiting for the next message
     * @return the reply
     */
    public static ChatReply withQuestions(String sessionId, String text, List<ChatEvent.ToolCall> toolCalls,
            Set<GuiHint> guiHints, List<ChatQuestion> questions) {
        return new ChatReply(sessionId, text, toolCalls, guiHints, null, false, questions);
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
     * Whether the turn produced nothing for the user: no text and no question.
     *
     * @return true for silent turns
     */
    public boolean isSilent() {
        return text.isEmpty() && questions.isEmpty();
    }

    /**
     * The questions the assistant asked. When there are any, the turn ended waiting for the user's answer: show
     * them with their options and send the answer as the next message ({@link ChatQuestion#answer}).
     *
     * @return an unmodifiable list, empty when the assistant asked nothing
     */
    public List<ChatQuestion> questions() {
        return questions;
    }

    /**
     * Whether the assistant is waiting for the user to answer {@link #questions()}.
     *
     * @return true when it asked something
     */
    public boolean isQuestion() {
        return !questions.isEmpty();
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
     * What to show the user: the text, then any questions with their numbered options; or the change for a silent
     * turn.
     *
     * @return the text for the user
     */
    public String display() {
        if (questions.isEmpty()) {
            if (!text.isEmpty()) {
                return text;
            }
            return change == null ? "" : change.description();
        }
        StringBuilder sb = new StringBuilder(text);
        for (ChatQuestion q : questions) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(q.prompt());
            if (q.allowMultiple() && !q.options().isEmpty()) {
                sb.append(" (choose one or more)");
            }
            int i = 1;
            for (ChatQuestion.Option o : q.options()) {
                sb.append('\n').append("  ").append(i++).append(". ").append(o.label());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ChatReply{session=" + sessionId + ", " + (isSilent() ? "silent" : "text=" + text)
                + (questions.isEmpty() ? "" : ", questions=" + questions)
                + (change == null ? "" : ", change=" + change.description()) + (recovered ? ", recovered" : "")
                + "}";
    }
}
