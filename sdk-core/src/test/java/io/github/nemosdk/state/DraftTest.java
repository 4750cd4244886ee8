package io.github.nemosdk.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DraftTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The timeline of the products' example, with keys the SDK does not know sprinkled through it. */
    static final String SAMPLE = "{\"v\":3,\"fx\":{\"lut\":\"warm\",\"params\":[1,2.5,null]},\"t\":["
            + "{\"tt\":0,\"id\":\"trk-1\",\"sg\":[{\"d\":10000,\"m\":{\"name\":\"city timelapse\",\"width\":1920,"
            + "\"height\":1080},\"tr\":{\"in\":\"fade\",\"ms\":250}}]},"
            + "{\"tt\":1,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"Lo-fi\",\"volume\":0.35,\"fadeOut\":2000}}]},"
            + "{\"tt\":7,\"sg\":[{\"d\":3000,\"m\":{\"text\":\"Urban Dreams\",\"font\":{\"family\":\"Inter\"}}}]}"
            + "],\"unknownTopLevel\":{\"deep\":{\"deeper\":[{\"x\":\"\\u00e9\"}]}}}";

    @Test
    void summaryIsExactlyTheProductsFormat() {
        assertThat(Draft.parse(SAMPLE).summary()).isEqualTo("Timeline (3 tracks): 1. Video: city timelapse (0-10s)"
                + " 2. BGM: Lo-fi (0-10s, 35%) 3. Title: \"Urban Dreams\" (0-3s)");
    }

    @Test
    void unknownKeysSurviveTheRoundTripAsAnEqualTree() throws Exception {
        JsonNode original = MAPPER.readTree(SAMPLE);
        Draft draft = Draft.of(original);
        assertThat(draft.toJson()).isEqualTo(original);
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(draft.toJson()))).isEqualTo(original);
        assertThat(draft.tracks().get(0).segments().get(0).toJson().get("tr").get("ms").asInt()).isEqualTo(250);
    }

    @Test
    void theDraftIsACopyNeitherInputNorOutputChangesIt() throws Exception {
        ObjectNode original = (ObjectNode) MAPPER.readTree(SAMPLE);
        Draft draft = Draft.of(original);
        original.put("v", 99);
        ((ObjectNode) draft.toJson()).put("v", 42);
        assertThat(draft.toJson().get("v").asInt()).isEqualTo(3);
    }

    @Test
    void tracksAndSegmentsAreTyped() {
        Draft d = Draft.parse(SAMPLE);
        assertThat(d.tracks()).extracting(Track::type).containsExactly(TrackType.VIDEO, TrackType.AUDIO,
                TrackType.TEXT);
        Segment bgm = d.tracks().get(1).segments().get(0);
        assertThat(bgm.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(bgm.volumePercent()).hasValue(35);
        assertThat(bgm.metadataText("name")).contains("Lo-fi");
        assertThat(d.tracks().get(2).segments().get(0).displayText()).contains("Urban Dreams");
        assertThat(d.isReadyForExport()).isTrue();
    }

    @Test
    void segmentsFollowEachOtherUnlessAStartIsGiven() {
        Draft d = Draft.parse("{\"t\":[{\"tt\":0,\"sg\":[{\"d\":4000,\"m\":{\"name\":\"a\"}},{\"d\":2500},"
                + "{\"s\":20000,\"d\":1000}]}]}");
        Track t = d.tracks().get(0);
        assertThat(t.segments()).extracting(Segment::start).containsExactly(Duration.ZERO, Duration.ofSeconds(4),
                Duration.ofSeconds(20));
        assertThat(t.end()).isEqualTo(Duration.ofSeconds(21));
        assertThat(d.summary()).isEqualTo("Timeline (1 track): 1. Video: a (0-21s)");
    }

    @Test
    void fractionalSecondsAndPercentVolumesAreShownAsTheProductsDo() {
        Draft d = Draft.parse("{\"t\":[{\"tt\":1,\"sg\":[{\"st\":1500,\"d\":8250,\"m\":{\"title\":\"Upbeat\","
                + "\"volume\":80}}]}]}");
        assertThat(d.summary()).isEqualTo("Timeline (1 track): 1. BGM: Upbeat (1.5-9.8s, 80%)");
    }

    @Test
    void unknownTrackTypesAreKeptAsOther() {
        Draft d = Draft.parse("{\"t\":[{\"tt\":5,\"sg\":[{\"d\":1000,\"m\":{\"name\":\"sticker\"}}]}]}");
        TrackType type = d.tracks().get(0).type();
        assertThat(type.isOther()).isTrue();
        assertThat(type.code()).isEqualTo(5);
        assertThat(type).hasToString("OTHER(5)").isEqualTo(TrackType.of(5));
        assertThat(d.summary()).isEqualTo("Timeline (1 track): 1. Track (type 5): sticker (0-1s)");
    }

    @Test
    void emptyAndMalformedDraftsAreNotReadyAndDoNotThrow() {
        assertThat(Draft.parse("{}").isReadyForExport()).isFalse();
        assertThat(Draft.parse("{}").summary()).isEqualTo("Timeline (0 tracks): empty");
        assertThat(Draft.parse("{\"t\":[{\"tt\":0,\"sg\":[]}]}").isReadyForExport()).isFalse();
        Draft odd = Draft.parse("{\"t\":[1,\"x\",{\"tt\":\"0\",\"sg\":[{\"d\":\"2000\"},7]}]}");
        assertThat(odd.tracks()).hasSize(1);
        assertThat(odd.tracks().get(0).type()).isEqualTo(TrackType.VIDEO);
        assertThat(odd.isReadyForExport()).isTrue();
        assertThat(Draft.of(null).tracks()).isEmpty();
    }

    @Test
    void parseRefusesTextThatIsNotAJsonObject() {
        assertThatThrownBy(() -> Draft.parse("[1,2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> Draft.parse("{\"t\":")).isInstanceOf(IllegalArgumentException.class);
    }
}
