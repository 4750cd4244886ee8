package io.github.nemosdk.assistant;

/**
 * What the assistant does with an utterance or a follow-up. All but {@link #CHAT} are answered by the SDK itself
 * and never reach the chat backend ({@code /run_sse}), as the products' request router prescribes.
 */
public enum AssistantAction {
    /** Render the timeline and download the MP4 ({@code client.render().export(…)}). Free, but takes 30–90 s. */
    EXPORT,
    /** Read the credit balance ({@code client.credits().balance()}). Read-only. */
    CREDITS,
    /** Read the session state and show the timeline summary ({@code client.state(sid).latest()}). Read-only. */
    STATE,
    /** Upload the files or URLs the utterance names ({@code client.uploads(sid)}). */
    UPLOAD,
    /** Send the utterance to the chat backend ({@code client.chat(sid).send(…)}). Edits cost credits. */
    CHAT;

    /**
     * Whether the action only reads (state, credits): cheap, free and safe to run without asking.
     *
     * @return true for {@link #STATE} and {@link #CREDITS}
     */
    public boolean isReadOnly() {
        return this == STATE || this == CREDITS;
    }
}
