package io.github.nemosdk.assistant;

import static io.github.nemosdk.assistant.AssistantAction.CHAT;
import static io.github.nemosdk.assistant.AssistantAction.CREDITS;
import static io.github.nemosdk.assistant.AssistantAction.EXPORT;
import static io.github.nemosdk.assistant.AssistantAction.STATE;
import static io.github.nemosdk.assistant.AssistantAction.UPLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.assistant.PhraseTable.Modifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phrase tables are data: the seeds' defaults, and more languages added without code. */
class PhraseTableTest {
    /** Japanese negates after the verb ("エクスポートしないで"), so its negations are clause-wide. */
    static final PhraseTable JAPANESE = PhraseTable.builder()
            .add("ja", EXPORT, "書き出し", "エクスポート", "ダウンロード", "動画を送って")
            .add("ja", CREDITS, "クレジット", "残高")
            .add("ja", STATE, "ステータス", "トラックを表示")
            .add("ja", UPLOAD, "アップロード")
            .add("ja", Modifier.CLAUSE_NEGATION, "しないで", "しない", "まだ", "あとで")
            .add("ja", Modifier.QUESTION, "どうやって", "なぜ", "どうすれば")
            .add("ja", Modifier.EDIT, "追加", "変更", "削除", "入れて")
            .add("ja", Modifier.SEPARATOR, "それから", "そして")
            .build();

    @Test
    void theDefaultsHoldEveryPhraseOfTheSeedsTable() {
        PhraseTable d = PhraseTable.defaults();
        assertThat(d.phrases(EXPORT)).contains("export", "导出", "download", "send me the video");
        assertThat(d.phrases(CREDITS)).contains("credits", "积分", "balance", "余额");
        assertThat(d.phrases(STATE)).contains("status", "状态", "show tracks");
        assertThat(d.phrases(UPLOAD)).contains("upload", "上传");
        assertThat(d.phrases(CHAT)).isEmpty();
        assertThat(d.languages()).containsExactly("en", "zh");
        assertThat(d.phrases("zh", EXPORT)).containsExactly("导出", "下载", "发给我");
        assertThat(d.words("en", Modifier.NEGATION)).contains("don't", "do not", "not", "no", "never");
        assertThat(d.words("zh", Modifier.NEGATION)).contains("不要", "别", "先不", "不用");
        assertThat(d.words(Modifier.CLAUSE_NEGATION)).contains("not yet", "later", "稍后");
        assertThat(d).isEqualTo(PhraseTable.english().plus(PhraseTable.chinese()));
    }

    @Test
    void phrasesAreStoredNormalisedAndWithoutDuplicates() {
        PhraseTable t = PhraseTable.builder().add("en", EXPORT, "  Send  ME the\tVideo ", "send me the video",
                "ＥＸＰＯＲＴ").add("en", Modifier.NEGATION, "Don\u2019t").build();
        assertThat(t.phrases("en", EXPORT)).containsExactly("send me the video", "export");
        assertThat(t.words("en", Modifier.NEGATION)).containsExactly("don't");
    }

    @Test
    void chatHasNoPhrasesAndBlankPhrasesAreRefused() {
        assertThatThrownBy(() -> PhraseTable.builder().add("en", CHAT, "hello"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CHAT");
        assertThatThrownBy(() -> PhraseTable.builder().add("en", EXPORT, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhraseTable.builder().add(" ", EXPORT, "export"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plusKeepsBothTablesAndTheOriginalsUnchanged() {
        PhraseTable both = PhraseTable.defaults().plus(JAPANESE);
        assertThat(both.languages()).containsExactly("en", "zh", "ja");
        assertThat(both.phrases(EXPORT)).contains("export", "导出", "エクスポート");
        assertThat(PhraseTable.defaults().phrases(EXPORT)).doesNotContain("エクスポート");
        assertThat(JAPANESE.toBuilder().add("ja", EXPORT, "出力").build().phrases("ja", EXPORT))
                .endsWith("出力").startsWith("書き出し");
    }

    @ParameterizedTest
    @CsvSource({
        "エクスポートして, EXPORT",
        "動画を書き出してください, EXPORT",
        "動画を送って, EXPORT",
        "残高は？, CREDITS",
        "クレジットを確認, CREDITS",
        "トラックを表示して, STATE",
        "まだエクスポートしないで, CHAT",
        "エクスポートはあとで, CHAT",
        "どうやってエクスポートする？, CHAT",
        "音楽を追加して, CHAT",
        "export, EXPORT",
        "余额, CREDITS"})
    void aJapaneseTableRoutesJapaneseAndKeepsTheDefaults(String utterance, AssistantAction expected) {
        Route route = UtteranceRouter.of(PhraseTable.defaults().plus(JAPANESE)).route(utterance);
        assertThat(route.steps()).as(route.reason()).containsExactly(expected);
    }

    @Test
    void aJapaneseEditWithExportChatsAndOffersTheExport() {
        Route route = UtteranceRouter.of(PhraseTable.defaults().plus(JAPANESE)).route("音楽を追加してエクスポート");
        assertThat(route.steps()).containsExactly(CHAT);
        assertThat(route.offered()).containsExactly(EXPORT);
    }

    @Test
    void withoutTheJapaneseTableJapaneseGoesToChat() {
        assertThat(UtteranceRouter.defaults().route("エクスポートして").steps()).containsExactly(CHAT);
    }

    @Test
    void anEmptyTableSendsEverythingToChatExceptABareFile() {
        UtteranceRouter r = UtteranceRouter.of(PhraseTable.empty());
        assertThat(r.route("export").steps()).containsExactly(CHAT);
        assertThat(r.route("/v/clip.mp4").steps()).containsExactly(UPLOAD);
    }

    @Test
    void replacingAPhraseChangesTheRoute() {
        PhraseTable onlyRender = PhraseTable.builder().add("en", EXPORT, "render it").build();
        UtteranceRouter r = UtteranceRouter.of(onlyRender);
        assertThat(r.route("please render it").steps()).containsExactly(EXPORT);
        assertThat(r.route("export").steps()).containsExactly(CHAT);
    }
}
