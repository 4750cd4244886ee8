package io.github.nemosdk.assistant;

import io.github.nemosdk.chat.ChatQuestion;
import io.github.nemosdk.chat.GuiHint;
import java.util.Objects;
import java.util.Optional;

/**
 * An action a UI can offer after a chat reply, e.g. an "Export" button when the backend says "click the Export
 * button", when the user said "add music and export", or one button per option when the assistant asked a
 * question. Run it with {@link NemoAssistant#perform(FollowUp)}. Immutable.
 */
public final class FollowUp {
    private final AssistantAction action;
    private final GuiHint hint;
    private final String prompt;
    private final ChatQuestion.Option option;

    private FollowUp(AssistantAction action, GuiHint hint, String prompt) {
        this(action, hint, prompt, null);
    }

    private FollowUp(AssistantAction action, GuiHint hint, String prompt, ChatQuestion.Option option) {
        this.option = option;
        this.action = Objects.requireNonNull(action, "action");
        if (action == AssistantAction.UPLOAD) {
            throw new IllegalArgumentException("An upload needs files; it cannot be a follow-up.");
        }
        this.hint = hint;
        this.prompt = prompt == null || prompt.isBlank() ? null : prompt.strip();
        if (this.prompt != null && action != AssistantAction.CHAT) {
            throw new IllegalArgumentException("Only a CHAT follow-up has a prompt.");
        }
    }

    /**
     * A follow-up the user asked for (e.g. the export in "add music and export").
     *
     * @param action the action; not {@link AssistantAction#UPLOAD}
     * @return the follow-up
     */
    public static FollowUp requested(AssistantAction action) {
        return new FollowUp(action, null, null);
    }

    /**
     * A follow-up suggested by the backend's GUI talk.
     *
     * @param action the action; not {@link AssistantAction#UPLOAD}
     * @param hint   the GUI phrase it comes from
     * @param prompt for {@link AssistantAction#CHAT}: the message to send (e.g. a button's label, "Apply"), or null
     *               when the user has to say it; must be null for other actions
     * @return the follow-up
     * @throws IllegalArgumentException for UPLOAD, or a prompt on an action other than CHAT
     */
    public static FollowUp suggested(AssistantAction action, GuiHint hint, String prompt) {
        return new FollowUp(action, Objects.requireNonNull(hint, "hint"), prompt);
    }

    /**
     * The answer to the assistant's question that picks one option: a chat message with the option's label.
     *
     * @param option the option chosen
     * @return the follow-up
     */
    public static FollowUp answer(ChatQuestion.Option option) {
        Objects.requireNonNull(option, "option");
        return new FollowUp(AssistantAction.CHAT, null, option.label(), option);
    }

    /**
     * For an {@link #answer(ChatQuestion.Option)}, the option it picks.
     *
     * @return the option; empty for other follow-ups
     */
    public Optional<ChatQuestion.Option> option() {
        return Optional.ofNullable(option);
    }

    /**
     * What the follow-up does.
     *
     * @return the action
     */
    public AssistantAction action() {
        return action;
    }

    /**
     * The GUI phrase in the reply that suggested it ("click Export" → {@link GuiHint#EXPORT}).
     *
     * @return the hint; empty when the user asked for the action
     */
    public Optional<GuiHint> hint() {
        return Optional.ofNullable(hint);
    }

    /**
     * Whether the user asked for it, rather than the backend's text suggesting it or its question offering it.
     *
     * @return true for {@link #requested(AssistantAction)}
     */
    public boolean isRequested() {
        return hint == null && option == null;
    }

    /**
     * For a {@link AssistantAction#CHAT} follow-up, the message to send, e.g. "Apply" for "click Apply". Empty when
     * the user must say it in words (the backend asked to drag something: a UI shows a text field).
     *
     * @return the message, if known
     */
    public Optional<String> prompt() {
        return Optional.ofNullable(prompt);
    }

    /**
     * Whether running it only reads (state, credits).
     *
     * @return true for read-only actions
     */
    public boolean isReadOnly() {
        return action.isReadOnly();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FollowUp && action == ((FollowUp) o).action && hint == ((FollowUp) o).hint
                && Objects.equals(prompt, ((FollowUp) o).prompt) && Objects.equals(option, ((FollowUp) o).option);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, hint, prompt, option);
    }

    @Override
    public String toString() {
        return "FollowUp{" + action + (option != null ? ", answer" : hint == null ? ", requested" : ", " + hint)
                + (prompt == null ? "" : ", \"" + prompt + "\"") + "}";
    }
}
