package io.github.nemosdk.assistant;

import io.github.nemosdk.assistant.internal.PhraseSearch;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.GuiHint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The products' "Backend Response Translation": the chat backend talks as if the user had a GUI, and each GUI
 * phrase in its reply becomes a {@link FollowUp} an API client can run instead. Pure and thread-safe.
 *
 * <table>
 * <caption>GUI phrases and follow-ups</caption>
 * <tr><th>backend says</th><th>follow-up</th></tr>
 * <tr><td>"Export button", "click Export", "导出"</td><td>{@link AssistantAction#EXPORT}</td></tr>
 * <tr><td>"open [panel]", "打开"</td><td>{@link AssistantAction#STATE} (read the session state)</td></tr>
 * <tr><td>"preview in timeline"</td><td>{@link AssistantAction#STATE} (show the track summary)</td></tr>
 * <tr><td>"check your account", "billing"</td><td>{@link AssistantAction#CREDITS}</td></tr>
 * <tr><td>"drag", "drop", "drag and drop", "拖拽"</td><td>{@link AssistantAction#CHAT} with no prompt: the user
 * describes the edit in words and it is sent as chat</td></tr>
 * <tr><td>"click [button]", "点击[按钮]"</td><td>do it through the API: the action the button's words name
 * ("click Download" → EXPORT, "click here to check your balance" → CREDITS); otherwise
 * {@link AssistantAction#CHAT} with the button's label as the prompt ("click Apply" → send "Apply")</td></tr>
 * </table>
 *
 * <p>The GUI phrases are found as {@link io.github.nemosdk.chat.ChatReply#guiHints()} finds them: whole words, so
 * "opened", "clicked" and "dropdown" are not GUI talk. Follow-ups come in the order of the table above, at most one
 * per action and prompt.
 */
public final class GuiTranslator {
    private static final Pattern CLICK = Pattern.compile("点击|(?<![A-Za-z0-9_])click(?![A-Za-z0-9_])",
            Pattern.CASE_INSENSITIVE);
    private static final String SENTENCE_END = ".!?;,\n\u3002\uff01\uff1f\uff1b\uff0c";
    private static final String OPENERS = "\"'\u201c\u2018*`[\u3010\u300c(";
    private static final String CLOSERS = "\"'\u201d\u2019*`]\u3011\u300d)";
    private static final Set<String> STOP_WORDS = Set.of("button", "to", "and", "or", "if", "when", "in", "on",
            "at", "below", "above", "then", "so", "for", "from", "with", "icon", "tab", "link");
    private static final Pattern ZH_STOP = Pattern.compile("按钮|按键|键|以|来|即可|就|后|，");
    private static final Set<String> DEICTIC = Set.of("here", "this", "that", "it", "there", "这里", "此处", "这个",
            "那里");

    private final UtteranceRouter router;

    private GuiTranslator(UtteranceRouter router) {
        this.router = router;
    }

    /**
     * The translator with the default phrases (a button labelled "Download" or "导出" means export).
     *
     * @return the translator
     */
    public static GuiTranslator defaults() {
        return new GuiTranslator(UtteranceRouter.defaults());
    }

    /**
     * A translator that reads button labels with a router's phrases, so that a button in another language maps to
     * its action.
     *
     * @param router the router
     * @return the translator
     */
    public static GuiTranslator of(UtteranceRouter router) {
        return new GuiTranslator(Objects.requireNonNull(router, "router"));
    }

    /**
     * The follow-ups a reply's GUI talk asks for.
     *
     * @param replyText the backend's text, may be null
     * @return the follow-ups in table order; empty when the text has no GUI talk
     */
    public List<FollowUp> translate(String replyText) {
        Set<GuiHint> hints = replyText == null ? Set.of() : ChatEvent.Text.of(replyText, false).guiHints();
        Set<FollowUp> out = new LinkedHashSet<>();
        boolean state = false;
        for (GuiHint hint : GuiHint.values()) {
            if (!hints.contains(hint)) {
                continue;
            }
            switch (hint) {
                case EXPORT:
                    out.add(FollowUp.suggested(AssistantAction.EXPORT, hint, null));
                    break;
                case SHOW_STATE:
                case SHOW_TRACKS:
                    if (!state) {
                        out.add(FollowUp.suggested(AssistantAction.STATE, hint, null));
                        state = true;
                    }
                    break;
                case SHOW_CREDITS:
                    out.add(FollowUp.suggested(AssistantAction.CREDITS, hint, null));
                    break;
                case SEND_EDIT:
                    out.add(FollowUp.suggested(AssistantAction.CHAT, hint, null));
                    break;
                case EXECUTE:
                default:
                    out.add(click(replyText));
                    break;
            }
        }
        return List.copyOf(out);
    }

    /** "click [button]": the action the words after "click" name, or the button's label to send as chat. */
    private FollowUp click(String text) {
        Matcher m = CLICK.matcher(text);
        if (!m.find()) {
            return FollowUp.suggested(AssistantAction.CHAT, GuiHint.EXECUTE, null);
        }
        int end = m.end();
        while (end < text.length() && SENTENCE_END.indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String rest = text.substring(m.end(), end);
        for (AssistantAction a : router.actionsNamedIn(rest)) {
            if (a != AssistantAction.UPLOAD && a != AssistantAction.CHAT) {
                return FollowUp.suggested(a, GuiHint.EXECUTE, null);
            }
        }
        return FollowUp.suggested(AssistantAction.CHAT, GuiHint.EXECUTE, label(rest));
    }

    /** The button's label at the start of the text after "click", or null. */
    static String label(String rest) {
        String s = rest.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        for (String filler : List.of("on ", "the ")) {
            if (lower.startsWith(filler)) {
                s = s.substring(filler.length()).strip();
                lower = s.toLowerCase(Locale.ROOT);
            }
        }
        String label;
        if (!s.isEmpty() && OPENERS.indexOf(s.charAt(0)) >= 0) {
            int i = 0;
            while (i < s.length() && OPENERS.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            int j = i;
            while (j < s.length() && CLOSERS.indexOf(s.charAt(j)) < 0) {
                j++;
            }
            label = s.substring(i, j);
        } else if (!s.isEmpty() && PhraseSearch.isUnspaced(s.codePointAt(0))) {
            Matcher stop = ZH_STOP.matcher(s);
            label = stop.find() ? s.substring(0, stop.start()) : s;
            int space = label.indexOf(' ');
            label = space > 0 ? label.substring(0, space) : label;
        } else {
            List<String> words = new ArrayList<>();
            for (String w : s.split("\\s+")) {
                if (w.isEmpty() || STOP_WORDS.contains(w.toLowerCase(Locale.ROOT)) || words.size() == 4) {
                    break;
                }
                words.add(w);
            }
            label = String.join(" ", words);
        }
        label = label.strip();
        if (label.isEmpty() || label.length() > 40 || DEICTIC.contains(label.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return label;
    }
}
