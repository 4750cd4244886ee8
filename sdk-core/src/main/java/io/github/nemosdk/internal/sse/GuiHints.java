package io.github.nemosdk.internal.sse;

import io.github.nemosdk.chat.GuiHint;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the GUI actions the assistant's text asks for (the products' "GUI translation" table):
 * <table>
 * <caption>Phrases and hints</caption>
 * <tr><th>phrase</th><th>hint</th></tr>
 * <tr><td>"Export button", "click (on) (the) Export", "导出"</td><td>{@link GuiHint#EXPORT}</td></tr>
 * <tr><td>"open", "打开"</td><td>{@link GuiHint#SHOW_STATE}</td></tr>
 * <tr><td>"drag", "drop", "drag and drop", "drag-and-drop", "drag &amp; drop", "拖拽"</td>
 * <td>{@link GuiHint#SEND_EDIT}</td></tr>
 * <tr><td>"preview (it) in (the) timeline"</td><td>{@link GuiHint#SHOW_TRACKS}</td></tr>
 * <tr><td>"check (your / the) account", "billing"</td><td>{@link GuiHint#SHOW_CREDITS}</td></tr>
 * <tr><td>"click", "点击", only when no other hint matched in the same text</td><td>{@link GuiHint#EXECUTE}</td></tr>
 * </table>
 * English matching ignores case and takes whole words only: a word must not touch an ASCII letter, digit or
 * underscore on either side, nor be followed by a hyphen and a letter or digit. So "opened", "reopen", "opening",
 * "clicked", "dropdown", "drop-down" and "open-source" do not match, while "re-open" and "double-click" do. Words of
 * a phrase may be separated by spaces, quotes or Markdown emphasis ({@code click **Export**}). Chinese phrases
 * match anywhere. Thread-safe.
 */
public final class GuiHints {
    private static final String START = "(?<![A-Za-z0-9_])";
    private static final String END = "(?![A-Za-z0-9_]|-[A-Za-z0-9])";
    private static final String GAP = "[\\s\"'*`\u201c\u201d\u2018\u2019]+";

    /** One group per hint, the specific ones first so that "click Export" is tried as EXPORT before EXECUTE. */
    private static final Pattern PHRASES = Pattern.compile(String.join("|",
            "(导出|" + START + "(?:export" + GAP + "button|click" + GAP + "(?:on" + GAP + ")?(?:the" + GAP
                    + ")?export)" + END + ")",
            "(" + START + "preview" + GAP + "(?:it" + GAP + ")?in" + GAP + "(?:the" + GAP + ")?timeline" + END + ")",
            "(" + START + "(?:check" + GAP + "(?:(?:your|the)" + GAP + ")?account|billing)" + END + ")",
            "(拖拽|" + START + "(?:drag[\\s-]+and[\\s-]+drop|drag\\s*&\\s*drop|drag|drop)" + END + ")",
            "(打开|" + START + "open" + END + ")",
            "(点击|" + START + "click" + END + ")"), Pattern.CASE_INSENSITIVE);
    private static final GuiHint[] HINT_OF_GROUP = {null, GuiHint.EXPORT, GuiHint.SHOW_TRACKS, GuiHint.SHOW_CREDITS,
        GuiHint.SEND_EDIT, GuiHint.SHOW_STATE, GuiHint.EXECUTE};

    private GuiHints() {
    }

    /**
     * The GUI actions a text asks for.
     *
     * @param text the assistant's text, may be null
     * @return an unmodifiable set, empty when the text asks for nothing
     */
    public static Set<GuiHint> detect(String text) {
        if (text == null || text.isEmpty() || !mayMatch(text)) {
            return Collections.emptySet();
        }
        Matcher m = PHRASES.matcher(text);
        EnumSet<GuiHint> hints = null;
        while (m.find()) {
            GuiHint hint = hintOf(m);
            if (hints == null) {
                hints = EnumSet.of(hint);
            } else {
                hints.add(hint);
            }
        }
        if (hints == null) {
            return Collections.emptySet();
        }
        if (hints.size() > 1) {
            hints.remove(GuiHint.EXECUTE);
        }
        return Collections.unmodifiableSet(hints);
    }

    /** Words every phrase contains; a text with none of them cannot match, and skips the regular expression. */
    private static final String[] TRIGGERS = {"export", "preview", "account", "billing", "drag", "drop", "open",
        "click"};

    /** A cheap, allocation-free scan: true when the text contains a trigger word (any case) or a CJK phrase start. */
    static boolean mayMatch(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\u5bfc' || c == '\u62d6' || c == '\u6253' || c == '\u70b9') {
                return true; // 导 拖 打 点
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            if (lower == 'e' || lower == 'p' || lower == 'a' || lower == 'b' || lower == 'd' || lower == 'o'
                    || lower == 'c') {
                for (String w : TRIGGERS) {
                    if (w.charAt(0) == lower && text.regionMatches(true, i, w, 0, w.length())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static GuiHint hintOf(Matcher m) {
        for (int g = 1; g < HINT_OF_GROUP.length; g++) {
            if (m.start(g) >= 0) {
                return HINT_OF_GROUP[g];
            }
        }
        throw new IllegalStateException("no group matched");
    }
}
