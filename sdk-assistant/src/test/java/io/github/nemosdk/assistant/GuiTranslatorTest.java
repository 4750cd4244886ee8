package io.github.nemosdk.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.chat.GuiHint;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The seeds' "Backend Response Translation" table: GUI talk in a reply becomes API actions. */
class GuiTranslatorTest {
    private final GuiTranslator translator = GuiTranslator.defaults();

    private static FollowUp gui(AssistantAction action, GuiHint hint) {
        return FollowUp.suggested(action, hint, null);
    }

    static Stream<Arguments> seedPhrases() {
        return Stream.of(
                // "Export button" / "导出" → execute the export workflow
                Arguments.of("Done! Click the Export button to get your video.",
                        List.of(gui(AssistantAction.EXPORT, GuiHint.EXPORT))),
                Arguments.of("Happy with it? Hit the **Export** button.",
                        List.of(gui(AssistantAction.EXPORT, GuiHint.EXPORT))),
                Arguments.of("完成后点击导出即可。", List.of(gui(AssistantAction.EXPORT, GuiHint.EXPORT))),
                Arguments.of("请点击「导出」按钮下载视频", List.of(gui(AssistantAction.EXPORT, GuiHint.EXPORT))),
                // "open [panel]" / "打开" → query the session state
                Arguments.of("Open the Music panel to pick another track.",
                        List.of(gui(AssistantAction.STATE, GuiHint.SHOW_STATE))),
                Arguments.of("打开音乐面板选择曲目。", List.of(gui(AssistantAction.STATE, GuiHint.SHOW_STATE))),
                // "preview in timeline" → show the track summary
                Arguments.of("Added Lo-fi at 35%. Preview it in the timeline.",
                        List.of(gui(AssistantAction.STATE, GuiHint.SHOW_TRACKS))),
                Arguments.of("You can preview in timeline before exporting.",
                        List.of(gui(AssistantAction.STATE, GuiHint.SHOW_TRACKS))),
                // "check account / billing" → read the credits
                Arguments.of("Please check your account for remaining credits.",
                        List.of(gui(AssistantAction.CREDITS, GuiHint.SHOW_CREDITS))),
                Arguments.of("See Billing for details.", List.of(gui(AssistantAction.CREDITS, GuiHint.SHOW_CREDITS))),
                // "drag/drop" / "拖拽" → send the edit as chat, in the user's words
                Arguments.of("Drag the music clip to 0:05.", List.of(gui(AssistantAction.CHAT, GuiHint.SEND_EDIT))),
                Arguments.of("Drag and drop the title where you want it.",
                        List.of(gui(AssistantAction.CHAT, GuiHint.SEND_EDIT))),
                Arguments.of("将音乐拖拽到时间线开头。", List.of(gui(AssistantAction.CHAT, GuiHint.SEND_EDIT))),
                // "click [button]" / "点击" → execute via the API
                Arguments.of("Click **Apply** to confirm.",
                        List.of(FollowUp.suggested(AssistantAction.CHAT, GuiHint.EXECUTE, "Apply"))),
                Arguments.of("Click on the \"Use this track\" button.",
                        List.of(FollowUp.suggested(AssistantAction.CHAT, GuiHint.EXECUTE, "Use this track"))),
                Arguments.of("点击确认按钮完成操作。",
                        List.of(FollowUp.suggested(AssistantAction.CHAT, GuiHint.EXECUTE, "确认"))),
                Arguments.of("点击【应用】即可。",
                        List.of(FollowUp.suggested(AssistantAction.CHAT, GuiHint.EXECUTE, "应用"))),
                Arguments.of("Click the Download button.", List.of(gui(AssistantAction.EXPORT, GuiHint.EXECUTE))),
                Arguments.of("Click here to check your balance.",
                        List.of(gui(AssistantAction.CREDITS, GuiHint.EXECUTE))),
                Arguments.of("Click here to continue.", List.of(gui(AssistantAction.CHAT, GuiHint.EXECUTE))),
                // several at once, in table order, one per action
                Arguments.of("Preview it in the timeline, open the panel, then click the Export button.",
                        List.of(gui(AssistantAction.EXPORT, GuiHint.EXPORT),
                                gui(AssistantAction.STATE, GuiHint.SHOW_STATE))));
    }

    @ParameterizedTest
    @MethodSource("seedPhrases")
    void guiTalkBecomesFollowUps(String reply, List<FollowUp> expected) {
        assertThat(translator.translate(reply)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Added Lo-fi music at 35% and faded it out.", "I opened the file and dropped the silence.",
        "The dropdown lists genres; you clicked through them all.", "It is open-source music.",
        "已添加背景音乐。", ""})
    void textWithoutGuiTalkHasNoFollowUps(String reply) {
        assertThat(translator.translate(reply)).isEmpty();
    }

    @Test
    void nullTextHasNoFollowUps() {
        assertThat(translator.translate(null)).isEmpty();
    }

    @Test
    void onlyReadsAreReadOnlyAndOnlyChatFollowUpsCarryAPrompt() {
        List<FollowUp> f = translator.translate("Preview it in the timeline, check your account, click Export.");
        assertThat(f).extracting(FollowUp::action).containsExactly(AssistantAction.EXPORT, AssistantAction.STATE,
                AssistantAction.CREDITS);
        assertThat(f).extracting(FollowUp::isReadOnly).containsExactly(false, true, true);
        assertThat(f).allSatisfy(x -> assertThat(x.isRequested()).isFalse());
        assertThat(FollowUp.requested(AssistantAction.EXPORT).isRequested()).isTrue();
    }

    @Test
    void aButtonInAnAddedLanguageMapsToItsAction() {
        GuiTranslator ja = GuiTranslator.of(UtteranceRouter.of(PhraseTable.defaults().plus(PhraseTableTest.JAPANESE)));
        assertThat(ja.translate("点击「エクスポート」ボタン")).containsExactly(gui(AssistantAction.EXPORT, GuiHint.EXECUTE));
        assertThat(translator.translate("点击「エクスポート」ボタン"))
                .containsExactly(FollowUp.suggested(AssistantAction.CHAT, GuiHint.EXECUTE, "エクスポート"));
    }
}
