package io.github.nemosdk.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.state.Draft;
import org.junit.jupiter.api.Test;

class TimelineChangeTest {
    private static final String VIDEO = "{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"city timelapse\"}}]}";

    private static Draft draft(String... tracks) {
        return Draft.parse("{\"t\":[" + String.join(",", tracks) + "],\"keep\":1}");
    }

    private static String bgm(String name, double volume, String extra) {
        return "{\"tt\":1,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"" + name + "\",\"volume\":" + volume + extra + "}}]}";
    }

    @Test
    void anAddedTrackIsDescribedInTheProductsStyle() {
        TimelineChange c = TimelineChange.between(draft(VIDEO), draft(VIDEO, bgm("Lo-fi", 0.35, "")));
        assertThat(c.description()).isEqualTo("Added BGM: Lo-fi (0-10s, 35%)");
        assertThat(c.changes()).extracting(TimelineChange.Change::kind)
                .containsExactly(TimelineChange.Kind.TRACK_ADDED);
    }

    @Test
    void removedTracksVolumesFadesTitlesAndTimingAreAllReported() {
        assertThat(TimelineChange.between(draft(VIDEO, bgm("Lo-fi", 0.35, "")), draft(VIDEO)).description())
                .isEqualTo("Removed BGM: Lo-fi (0-10s, 35%)");
        assertThat(TimelineChange.between(draft(bgm("Lo-fi", 0.35, "")), draft(bgm("Lo-fi", 0.2, "")))
                .description()).isEqualTo("Changed BGM: Lo-fi volume: 35% -> 20%");
        assertThat(TimelineChange.between(draft(bgm("Lo-fi", 0.35, "")), draft(bgm("Lo-fi", 0.35,
                ",\"fadeOut\":2000"))).description()).isEqualTo("Added fade-out to BGM: Lo-fi (0-10s, 35%)");
        assertThat(TimelineChange.between(
                draft("{\"tt\":7,\"sg\":[{\"d\":3000,\"m\":{\"text\":\"Old\"}}]}"),
                draft("{\"tt\":7,\"sg\":[{\"d\":3000,\"m\":{\"text\":\"New\"}}]}")).description())
                .isEqualTo("Changed Title text: \"Old\" -> \"New\"");
        assertThat(TimelineChange.between(draft(VIDEO),
                draft("{\"tt\":0,\"sg\":[{\"d\":8000,\"m\":{\"name\":\"city timelapse\"}}]}")).description())
                .isEqualTo("Changed Video: city timelapse timing: 0-10s -> 0-8s");
        assertThat(TimelineChange.between(draft(bgm("Lo-fi", 0.35, "")), draft(bgm("Jazz", 0.35, "")))
                .changes()).extracting(TimelineChange.Change::kind)
                .containsExactly(TimelineChange.Kind.NAME_CHANGED);
    }

    @Test
    void severalChangesAreJoinedInOneLine() {
        TimelineChange c = TimelineChange.between(draft(VIDEO),
                draft(VIDEO, bgm("Upbeat", 0.5, ",\"fadeOut\":2000"),
                        "{\"tt\":7,\"sg\":[{\"d\":3000,\"m\":{\"text\":\"Urban Dreams\"}}]}"));
        assertThat(c.description()).isEqualTo("Added BGM: Upbeat (0-10s, 50%); Added Title: \"Urban Dreams\" (0-3s)");
    }

    @Test
    void equalDraftsGiveAnEmptyChangeAndOtherEditsAreNotLost() {
        assertThat(TimelineChange.between(draft(VIDEO), draft(VIDEO)).isEmpty()).isTrue();
        assertThat(TimelineChange.between(draft(VIDEO), draft(VIDEO)).description())
                .isEqualTo("No change to the timeline");
        Draft before = Draft.parse("{\"t\":[" + VIDEO + "],\"fx\":1}");
        Draft after = Draft.parse("{\"t\":[" + VIDEO + "],\"fx\":2}");
        assertThat(TimelineChange.between(before, after).changes()).extracting(TimelineChange.Change::kind)
                .containsExactly(TimelineChange.Kind.OTHER);
        Draft segBefore = draft("{\"tt\":0,\"sg\":[{\"d\":1000,\"m\":{\"name\":\"a\"},\"tr\":1}]}");
        Draft segAfter = draft("{\"tt\":0,\"sg\":[{\"d\":1000,\"m\":{\"name\":\"a\"},\"tr\":2}]}");
        assertThat(TimelineChange.between(segBefore, segAfter).description()).isEqualTo("Updated Video: a (0-1s)");
    }
}
