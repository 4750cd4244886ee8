/**
 * The products' chat assistant as a library. {@link io.github.nemosdk.assistant.NemoAssistant#handle(String)} takes
 * what the user says and answers it the way the product documents prescribe: export, credits, state and upload
 * requests go straight to the API (never to the chat backend), everything else is a chat turn, and the backend's
 * GUI talk becomes {@link io.github.nemosdk.assistant.FollowUp follow-ups}. Outcomes are typed
 * ({@link io.github.nemosdk.assistant.AssistantOutcome}) for a UI to render.
 *
 * <p>The routing rule lives in {@link io.github.nemosdk.assistant.UtteranceRouter}, a pure function of the
 * utterance and a {@link io.github.nemosdk.assistant.PhraseTable} (English and Chinese by default; add languages
 * as data). {@link io.github.nemosdk.assistant.GuiTranslator} is the reply side.
 */
package io.github.nemosdk.assistant;
