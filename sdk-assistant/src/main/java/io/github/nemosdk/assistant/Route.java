package io.github.nemosdk.assistant;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an utterance goes: the actions {@link NemoAssistant#handle(String)} runs for it, in order, and the ones it
 * only offers. Made by {@link UtteranceRouter#route(String)} without any network call. Immutable.
 *
 * <p>Examples with the default phrases:
 * <table>
 * <caption>Routes</caption>
 * <tr><th>utterance</th><th>{@link #steps()}</th><th>{@link #offered()}</th></tr>
 * <tr><td>"导出" / "please export the video"</td><td>EXPORT</td><td></td></tr>
 * <tr><td>"what's my balance?"</td><td>CREDITS</td><td></td></tr>
 * <tr><td>"show tracks and credits"</td><td>STATE, CREDITS</td><td></td></tr>
 * <tr><td>"上传 /videos/clip.mp4" / "https://example.com/a.mp4"</td><td>UPLOAD</td><td></td></tr>
 * <tr><td>"add lo-fi music"</td><td>CHAT</td><td></td></tr>
 * <tr><td>"don't export yet"</td><td>CHAT</td><td></td></tr>
 * <tr><td>"add music and export"</td><td>CHAT</td><td>EXPORT</td></tr>
 * <tr><td>"add music and show tracks"</td><td>CHAT, STATE</td><td></td></tr>
 * <tr><td>"upload /videos/clip.mp4 and add music"</td><td>UPLOAD, CHAT</td><td></td></tr>
 * <tr><td>"add music to ~/clips/beach.mp4"</td><td>UPLOAD, CHAT</td><td></td></tr>
 * <tr><td>"send me the video when it's ready"</td><td>EXPORT</td><td></td></tr>
 * </table>
 */
public final class Route {
    private final String utterance;
    private final List<AssistantAction> steps;
    private final List<AssistantAction> offered;
    private final List<Path> files;
    private final List<URI> urls;
    private final String chatPrompt;
    private final String reason;

    Route(String utterance, List<AssistantAction> steps, List<AssistantAction> offered, List<Path> files,
            List<URI> urls, String chatPrompt, String reason) {
        this.utterance = Objects.requireNonNull(utterance, "utterance");
        this.steps = List.copyOf(steps);
        this.offered = List.copyOf(offered);
        this.files = List.copyOf(files);
        this.urls = List.copyOf(urls);
        this.chatPrompt = chatPrompt;
        this.reason = Objects.requireNonNull(reason, "reason");
        if (this.steps.isEmpty()) {
            throw new IllegalArgumentException("A route has at least one step");
        }
    }

    /**
     * The utterance, stripped of leading and trailing white space.
     *
     * @return the utterance
     */
    public String utterance() {
        return utterance;
    }

    /**
     * The actions {@link NemoAssistant#handle(String)} runs, in order. Never empty; {@link AssistantAction#CHAT}
     * appears at most once.
     *
     * @return an unmodifiable list
     */
    public List<AssistantAction> steps() {
        return steps;
    }

    /**
     * The main action: {@link AssistantAction#CHAT} when the chat backend is involved, else the first step.
     *
     * @return the action
     */
    public AssistantAction action() {
        return steps.contains(AssistantAction.CHAT) ? AssistantAction.CHAT : steps.get(0);
    }

    /**
     * Whether the chat backend is left out: every step is answered by a direct API call.
     *
     * @return true when no step is {@link AssistantAction#CHAT}
     */
    public boolean isDirect() {
        return !steps.contains(AssistantAction.CHAT);
    }

    /**
     * Actions the user asked for alongside an edit that are offered after the chat reply instead of run: only
     * {@link AssistantAction#EXPORT}, as "add music and export" must not render before the user has seen the edit.
     *
     * @return an unmodifiable list, usually empty
     */
    public List<AssistantAction> offered() {
        return offered;
    }

    /**
     * The local files the {@link AssistantAction#UPLOAD} step sends, in order (paths are not checked here): every
     * local file the utterance names when the route uploads, none otherwise.
     *
     * @return an unmodifiable list
     */
    public List<Path> files() {
        return files;
    }

    /**
     * The http(s) URLs the {@link AssistantAction#UPLOAD} step sends, in order: those the utterance names when the
     * user asked to upload ("upload https://…", or only URLs). A URL inside a chat message stays in its text, where
     * the backend can fetch it, and is not listed here.
     *
     * @return an unmodifiable list
     */
    public List<URI> urls() {
        return urls;
    }

    /**
     * The message sent to the chat backend when a step is {@link AssistantAction#CHAT}: the utterance as typed,
     * except that each local path, uploaded by the step before, is replaced by its file name (the backend cannot
     * read local paths, and directories are nobody's business).
     *
     * @return the message, when the route chats
     */
    public Optional<String> chatPrompt() {
        return Optional.ofNullable(chatPrompt);
    }

    /**
     * Why the router chose this route, for logs and debugging, e.g. {@code "export" is negated by "don't"}.
     *
     * @return a sentence in English
     */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Route)) {
            return false;
        }
        Route r = (Route) o;
        return utterance.equals(r.utterance) && steps.equals(r.steps) && offered.equals(r.offered)
                && files.equals(r.files) && urls.equals(r.urls) && Objects.equals(chatPrompt, r.chatPrompt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(utterance, steps, offered, files, urls, chatPrompt);
    }

    @Override
    public String toString() {
        return "Route{" + steps + (offered.isEmpty() ? "" : ", offered=" + offered)
                + (files.isEmpty() ? "" : ", files=" + files) + (urls.isEmpty() ? "" : ", urls=" + urls)
                + ", reason=" + reason + "}";
    }
}
