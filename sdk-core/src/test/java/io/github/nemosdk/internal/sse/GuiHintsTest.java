package io.github.nemosdk.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.chat.GuiHint;
import org.junit.jupiter.api.Test;

class GuiHintsTest {
    @Test
    void exportPhrases() {
        assertThat(GuiHints.detect("Click the Export button when you are happy."))
                .containsExactly(GuiHint.EXPORT);
        assertThat(GuiHints.detect("Then click export.")).containsExactly(GuiHint.EXPORT);
        assertThat(GuiHints.detect("Click on **Export** to render.")).containsExactly(GuiHint.EXPORT);
        assertThat(GuiHints.detect("\u70b9\u51fb\u5bfc\u51fa\u6309\u94ae")).containsExactly(GuiHint.EXPORT);
    }

    @Test
    void theWordExportAloneIsNotAnInstruction() {
        assertThat(GuiHints.detect("Your export settings are saved.")).isEmpty();
    }

    @Test
    void openAsksForTheState() {
        assertThat(GuiHints.detect("Open the music panel to see it.")).containsExactly(GuiHint.SHOW_STATE);
        assertThat(GuiHints.detect("\u6253\u5f00\u97f3\u4e50\u9762\u677f")).containsExactly(GuiHint.SHOW_STATE);
        assertThat(GuiHints.detect("You can re-open it later.")).containsExactly(GuiHint.SHOW_STATE);
    }

    @Test
    void dragAndDropSendsTheEdit() {
        assertThat(GuiHints.detect("Drag the clip to 0:05.")).containsExactly(GuiHint.SEND_EDIT);
        assertThat(GuiHints.detect("Drop it on the audio track.")).containsExactly(GuiHint.SEND_EDIT);
        assertThat(GuiHints.detect("Use drag and drop to reorder.")).containsExactly(GuiHint.SEND_EDIT);
        assertThat(GuiHints.detect("Use drag-and-drop to reorder.")).containsExactly(GuiHint.SEND_EDIT);
        assertThat(GuiHints.detect("\u62d6\u62fd\u7247\u6bb5")).containsExactly(GuiHint.SEND_EDIT);
    }

    @Test
    void previewInTimelineShowsTheTracks() {
        assertThat(GuiHints.detect("Preview in timeline.")).containsExactly(GuiHint.SHOW_TRACKS);
        assertThat(GuiHints.detect("You can preview in the timeline now")).containsExactly(GuiHint.SHOW_TRACKS);
        assertThat(GuiHints.detect("A preview is ready; the timeline has 3 tracks.")).isEmpty();
    }

    @Test
    void accountAndBillingShowTheCredits() {
        assertThat(GuiHints.detect("Please check your account.")).containsExactly(GuiHint.SHOW_CREDITS);
        assertThat(GuiHints.detect("Check account balance")).containsExactly(GuiHint.SHOW_CREDITS);
        assertThat(GuiHints.detect("See the Billing page.")).containsExactly(GuiHint.SHOW_CREDITS);
    }

    @Test
    void clickAloneMeansExecuteButYieldsToAMoreSpecificHint() {
        assertThat(GuiHints.detect("Click Apply to confirm.")).containsExactly(GuiHint.EXECUTE);
        assertThat(GuiHints.detect("\u70b9\u51fb\u5e94\u7528")).containsExactly(GuiHint.EXECUTE);
        assertThat(GuiHints.detect("Double-click the clip.")).containsExactly(GuiHint.EXECUTE);
        assertThat(GuiHints.detect("Click the clip, then open the panel.")).containsExactly(GuiHint.SHOW_STATE);
        assertThat(GuiHints.detect("Click Apply. Later, click the Export button."))
                .containsExactly(GuiHint.EXPORT);
    }

    @Test
    void matchingIgnoresCase() {
        assertThat(GuiHints.detect("OPEN THE PANEL AND CLICK EXPORT")).containsExactlyInAnyOrder(GuiHint.SHOW_STATE,
                GuiHint.EXPORT);
        assertThat(GuiHints.detect("BiLLiNg")).containsExactly(GuiHint.SHOW_CREDITS);
    }

    @Test
    void wordsInsideOtherWordsDoNotMatch() {
        assertThat(GuiHints.detect("I opened the project, reopening is not needed; it was opening fine."))
                .isEmpty();
        assertThat(GuiHints.detect("I clicked nothing; clicks are simulated.")).isEmpty();
        assertThat(GuiHints.detect("Pick from the dropdown or the drop-down list; the beat drops at 0:10."))
                .isEmpty();
        assertThat(GuiHints.detect("This open-source track has no dragging artifacts.")).isEmpty();
        assertThat(GuiHints.detect("rebilling or billings")).isEmpty();
    }

    @Test
    void severalHintsInOneText() {
        assertThat(GuiHints.detect("Drag the title, preview in the timeline, then check your account."))
                .containsExactlyInAnyOrder(GuiHint.SEND_EDIT, GuiHint.SHOW_TRACKS, GuiHint.SHOW_CREDITS);
    }

    @Test
    void plainTextAndNullAskForNothing() {
        assertThat(GuiHints.detect("I added a lo-fi track at 35% volume.")).isEmpty();
        assertThat(GuiHints.detect("")).isEmpty();
        assertThat(GuiHints.detect(null)).isEmpty();
    }
}
