package io.github.nemosdk.assistant;

import io.github.nemosdk.assistant.internal.PhraseSearch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The words the {@link UtteranceRouter} listens for, per language: the phrases that ask for each direct action
 * (the products' "Matching Input to Actions" table) and the {@link Modifier modifiers} that stop a phrase from
 * counting ("don't", "later", "how do I", "add …"). Pure data: immutable, thread-safe, and easy to extend with a
 * language of its own.
 *
 * <pre>{@code
 * PhraseTable japanese = PhraseTable.builder()
 *         .add("ja", AssistantAction.EXPORT, "書き出し", "エクスポート")
 *         .add("ja", AssistantAction.CREDITS, "クレジット", "残高")
 *         .add("ja", PhraseTable.Modifier.CLAUSE_NEGATION, "しないで", "まだ")
 *         .build();
 * NemoAssistant assistant = NemoAssistant.builder(client, sessionId).phrases(japanese)...;
 * }</pre>
 *
 * <p>Phrases are stored normalised: Unicode NFKC, lower case, curly apostrophes made straight, runs of white space
 * made one space. A phrase written in a script that puts spaces between words (Latin, Cyrillic, Greek, …) matches
 * whole words only; one written in Han, Hiragana, Katakana, Hangul, Thai, Lao, Khmer, Myanmar or Tibetan matches
 * anywhere in the text. The language tag is free text ({@code en}, {@code zh}, {@code ja}, …); it groups phrases
 * for reading them back and has no effect on matching: every language's phrases are tried on every utterance.
 */
public final class PhraseTable {
    /**
     * The words that change what a matched action phrase means. See {@link UtteranceRouter} for the rule that uses
     * them.
     */
    public enum Modifier {
        /** Blocks an action or edit phrase that it comes before in the same clause: "don't", "not", "不要", "别". */
        NEGATION,
        /**
         * Blocks every action and edit phrase in its clause, wherever it stands: "later", "not yet", "稍后"; for
         * languages that negate after the verb, such as Japanese "しないで".
         */
        CLAUSE_NEGATION,
        /** Marks its clause as a question about how or why, not a command: "how do", "why", "怎么", "为什么". */
        QUESTION,
        /** Asks for a change to the video, so the utterance needs the chat backend: "add", "fade", "添加", "换". */
        EDIT,
        /** Ends a clause, like punctuation does: "and", "but", "then", "然后", "但是". */
        SEPARATOR,
        /**
         * Masks text that contains a phrase but means something else: "balance of" (a mix), "end credits",
         * "特别" (which contains 别). Masked text matches nothing.
         */
        IGNORED
    }

    private static final PhraseTable ENGLISH = builder()
            .add("en", AssistantAction.EXPORT, "export", "download", "send me the video")
            .add("en", AssistantAction.CREDITS, "credits", "credit", "balance")
            .add("en", AssistantAction.STATE, "status", "show tracks", "show the tracks", "show me the tracks")
            .add("en", AssistantAction.UPLOAD, "upload")
            .add("en", Modifier.NEGATION, "don't", "dont", "do not", "does not", "doesn't", "did not", "didn't",
                    "not", "no", "never", "won't", "can't", "cannot", "shouldn't", "stop", "cancel", "abort",
                    "skip", "hold off", "wait")
            .add("en", Modifier.CLAUSE_NEGATION, "later", "not yet", "not now")
            .add("en", Modifier.QUESTION, "how do", "how does", "how can", "how to", "how should", "how would",
                    "how long", "how come", "why", "where is", "where are", "where do", "where does", "where did",
                    "where can", "where will", "where's", "where\u2019s", "when will", "when is", "when can",
                    "when do", "when does", "when did", "when should", "when would", "when's", "when\u2019s",
                    "what does", "what happens", "is it possible",
                    "explain", "did you", "have you", "is the", "is it", "has the", "has it", "did the", "did it",
                    "are the", "was the")
            .add("en", Modifier.EDIT, "add", "remove", "delete", "cut", "trim", "crop", "change", "make", "put",
                    "replace", "swap", "fade", "mute", "unmute", "adjust", "increase", "decrease", "lower", "raise",
                    "boost", "reduce", "move", "insert", "apply", "generate", "create", "edit", "speed up",
                    "slow down", "split", "merge", "shorten", "lengthen", "extend", "loop", "turn up", "turn down",
                    "overlay", "compose")
            .add("en", Modifier.SEPARATOR, "and", "but", "then", "so", "also", "plus", "after that", "afterwards")
            .add("en", Modifier.IGNORED, "balance of", "balance the", "balance between", "color balance",
                    "colour balance", "white balance", "audio balance", "sound balance", "mix balance",
                    "stereo balance", "volume balance", "end credits", "opening credits", "closing credits",
                    "roll credits", "rolling credits", "credits roll", "credits scene", "credit line", "credit the",
                    "credit to", "give credit", "photo credit", "status quo", "download speed", "upload speed",
                    "final cut", "rough cut", "director's cut", "of the export", "of my export", "of the download",
                    "the export is", "the export was", "the export has", "the export looks", "the export failed",
                    "the export didn't", "the download is", "the download was", "the download failed",
                    "export status", "export progress")
            .build();

    private static final PhraseTable CHINESE = builder()
            .add("zh", AssistantAction.EXPORT, "导出", "下载", "发给我")
            .add("zh", AssistantAction.CREDITS, "积分", "余额")
            .add("zh", AssistantAction.STATE, "状态")
            .add("zh", AssistantAction.UPLOAD, "上传")
            .add("zh", Modifier.NEGATION, "不要", "别", "先不", "不用", "不想", "不需要", "无需", "不必", "暂不",
                    "暂时不", "没", "取消", "停止")
            .add("zh", Modifier.CLAUSE_NEGATION, "稍后", "等会", "等一下", "待会", "晚点", "以后再", "还不")
            .add("zh", Modifier.QUESTION, "怎么", "怎样", "如何", "为什么", "为何", "在哪", "哪里", "什么是", "是什么")
            .add("zh", Modifier.EDIT, "添加", "加", "删除", "删", "去掉", "去除", "剪", "裁", "修改", "改", "换", "替换",
                    "调", "生成", "制作", "淡入", "淡出", "静音", "插入", "移动", "缩短", "延长", "配乐", "配上", "变",
                    "做成")
            .add("zh", Modifier.SEPARATOR, "然后", "并且", "而且", "但是", "不过", "接着", "之后", "还有", "同时",
                    "顺便")
            .add("zh", Modifier.IGNORED, "特别", "区别", "识别", "类别", "级别", "个别", "分别", "告别", "差别", "性别",
                    "没问题", "没事", "下载文件夹", "下载目录", "下载速度", "上传速度", "加载", "参加", "加油",
                    "导出的", "下载的", "已导出", "已经导出", "导出过", "导出了吗", "已下载", "已经下载", "下载过", "下载了吗")
            .build();

    private static final PhraseTable DEFAULTS = ENGLISH.plus(CHINESE);

    /** language → action → phrases, in insertion order. */
    private final Map<String, Map<AssistantAction, List<String>>> actions;
    /** language → modifier → words, in insertion order. */
    private final Map<String, Map<Modifier, List<String>>> modifiers;

    private PhraseTable(Map<String, Map<AssistantAction, List<String>>> actions,
            Map<String, Map<Modifier, List<String>>> modifiers) {
        this.actions = actions;
        this.modifiers = modifiers;
    }

    /**
     * The products' table in English and Chinese: {@link #english()} plus {@link #chinese()}.
     *
     * @return the default table
     */
    public static PhraseTable defaults() {
        return DEFAULTS;
    }

    /**
     * The English phrases (language {@code en}): export "export", "download", "send me the video"; credits
     * "credits", "credit", "balance"; state "status", "show tracks" (also "show the tracks", "show me the tracks"); upload
     * "upload"; and the English modifiers.
     *
     * @return the English table
     */
    public static PhraseTable english() {
        return ENGLISH;
    }

    /**
     * The Chinese phrases (language {@code zh}): export "导出", "下载", "发给我"; credits "积分", "余额"; state "状态"; upload
     * "上传"; and the Chinese modifiers.
     *
     * @return the Chinese table
     */
    public static PhraseTable chinese() {
        return CHINESE;
    }

    /**
     * A table with no phrases at all: with it alone, every utterance goes to the chat backend, except one that is
     * only a file path or URL.
     *
     * @return the empty table
     */
    public static PhraseTable empty() {
        return builder().build();
    }

    /**
     * A builder for a table of your own.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this table's phrases, to add more.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().addAll(this);
    }

    /**
     * This table and another: for each language, action and modifier, this table's phrases then the other's that
     * are new.
     *
     * @param other the phrases to add
     * @return the union
     */
    public PhraseTable plus(PhraseTable other) {
        Objects.requireNonNull(other, "other");
        return toBuilder().addAll(other).build();
    }

    /**
     * The languages that have phrases or modifiers, in the order they were added.
     *
     * @return an unmodifiable set of language tags
     */
    public Set<String> languages() {
        Set<String> all = new LinkedHashSet<>(actions.keySet());
        all.addAll(modifiers.keySet());
        return Collections.unmodifiableSet(all);
    }

    /**
     * The phrases of one language that ask for an action.
     *
     * @param language a language tag such as {@code en}
     * @param action   the action
     * @return the normalised phrases, empty when there are none
     */
    public List<String> phrases(String language, AssistantAction action) {
        Objects.requireNonNull(action, "action");
        return actions.getOrDefault(Objects.requireNonNull(language, "language"), Map.of())
                .getOrDefault(action, List.of());
    }

    /**
     * The phrases of every language that ask for an action.
     *
     * @param action the action
     * @return the normalised phrases, empty for {@link AssistantAction#CHAT}
     */
    public List<String> phrases(AssistantAction action) {
        Objects.requireNonNull(action, "action");
        List<String> all = new ArrayList<>();
        for (Map<AssistantAction, List<String>> byAction : actions.values()) {
            all.addAll(byAction.getOrDefault(action, List.of()));
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * The words of one language for a modifier.
     *
     * @param language a language tag
     * @param modifier the modifier
     * @return the normalised words, empty when there are none
     */
    public List<String> words(String language, Modifier modifier) {
        Objects.requireNonNull(modifier, "modifier");
        return modifiers.getOrDefault(Objects.requireNonNull(language, "language"), Map.of())
                .getOrDefault(modifier, List.of());
    }

    /**
     * The words of every language for a modifier.
     *
     * @param modifier the modifier
     * @return the normalised words
     */
    public List<String> words(Modifier modifier) {
        Objects.requireNonNull(modifier, "modifier");
        List<String> all = new ArrayList<>();
        for (Map<Modifier, List<String>> byModifier : modifiers.values()) {
            all.addAll(byModifier.getOrDefault(modifier, List.of()));
        }
        return Collections.unmodifiableList(all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhraseTable && actions.equals(((PhraseTable) o).actions)
                && modifiers.equals(((PhraseTable) o).modifiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actions, modifiers);
    }

    @Override
    public String toString() {
        return "PhraseTable{languages=" + languages() + ", actions=" + actions + "}";
    }

    /** Builds a {@link PhraseTable}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Map<AssistantAction, LinkedHashSet<String>>> actions = new LinkedHashMap<>();
        private final Map<String, Map<Modifier, LinkedHashSet<String>>> modifiers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds phrases that ask for an action.
         *
         * @param language a language tag such as {@code ja}
         * @param action   the action; not {@link AssistantAction#CHAT}, which is what no match means
         * @param phrases  the phrases, e.g. "書き出し"; normalised, duplicates ignored
         * @return this builder
         * @throws IllegalArgumentException if the language or a phrase is blank, or the action is CHAT
         */
        public Builder add(String language, AssistantAction action, String... phrases) {
            Objects.requireNonNull(action, "action");
            if (action == AssistantAction.CHAT) {
                throw new IllegalArgumentException("CHAT has no phrases: it is where every other utterance goes.");
            }
            LinkedHashSet<String> set = actions.computeIfAbsent(language(language), l -> new EnumMap<>(
                    AssistantAction.class)).computeIfAbsent(action, a -> new LinkedHashSet<>());
            addTo(set, phrases);
            return this;
        }

        /**
         * Adds words for a modifier.
         *
         * @param language a language tag
         * @param modifier the modifier
         * @param words    the words, e.g. "しないで"; normalised, duplicates ignored
         * @return this builder
         * @throws IllegalArgumentException if the language or a word is blank
         */
        public Builder add(String language, Modifier modifier, String... words) {
            Objects.requireNonNull(modifier, "modifier");
            LinkedHashSet<String> set = modifiers.computeIfAbsent(language(language), l -> new EnumMap<>(
                    Modifier.class)).computeIfAbsent(modifier, m -> new LinkedHashSet<>());
            addTo(set, words);
            return this;
        }

        /**
         * Adds every phrase and word of a table.
         *
         * @param table the table
         * @return this builder
         */
        public Builder addAll(PhraseTable table) {
            Objects.requireNonNull(table, "table");
            table.actions.forEach((lang, byAction) -> byAction.forEach((action, phrases) ->
                    add(lang, action, phrases.toArray(new String[0]))));
            table.modifiers.forEach((lang, byModifier) -> byModifier.forEach((modifier, words) ->
                    add(lang, modifier, words.toArray(new String[0]))));
            return this;
        }

        /**
         * Builds the table.
         *
         * @return an immutable table
         */
        public PhraseTable build() {
            Map<String, Map<AssistantAction, List<String>>> a = new LinkedHashMap<>();
            actions.forEach((lang, byAction) -> {
                Map<AssistantAction, List<String>> m = new EnumMap<>(AssistantAction.class);
                byAction.forEach((action, set) -> m.put(action, List.copyOf(set)));
                a.put(lang, Collections.unmodifiableMap(m));
            });
            Map<String, Map<Modifier, List<String>>> w = new LinkedHashMap<>();
            modifiers.forEach((lang, byModifier) -> {
                Map<Modifier, List<String>> m = new EnumMap<>(Modifier.class);
                byModifier.forEach((modifier, set) -> m.put(modifier, List.copyOf(set)));
                w.put(lang, Collections.unmodifiableMap(m));
            });
            return new PhraseTable(Collections.unmodifiableMap(a), Collections.unmodifiableMap(w));
        }

        private static String language(String language) {
            Objects.requireNonNull(language, "language");
            String l = language.strip();
            if (l.isEmpty()) {
                throw new IllegalArgumentException("The language tag must not be blank.");
            }
            return l;
        }

        private static void addTo(LinkedHashSet<String> set, String... phrases) {
            Objects.requireNonNull(phrases, "phrases");
            for (String p : phrases) {
                Objects.requireNonNull(p, "phrase");
                String n = PhraseSearch.normalize(p).strip();
                if (n.isEmpty()) {
                    throw new IllegalArgumentException("A phrase must not be blank.");
                }
                set.add(n);
            }
        }
    }
}
