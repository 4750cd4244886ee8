package io.github.nemosdk.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One segment of a track: where it starts, how long it lasts, and its metadata ({@code m}: title, name, text,
 * volume, …). A view over the draft JSON; immutable.
 *
 * <p>The draft gives a segment's duration in {@code d} (milliseconds). Its start is read from {@code s},
 * {@code st} or {@code start} (milliseconds) when present; otherwise a segment starts where the previous segment
 * of its track ended.
 */
public final class Segment {
    private final long startMillis;
    private final long durationMillis;
    private final ObjectNode metadata;
    private final ObjectNode json;

    Segment(long startMillis, long durationMillis, ObjectNode metadata, ObjectNode json) {
        this.startMillis = startMillis;
        this.durationMillis = durationMillis;
        this.metadata = metadata;
        this.json = json;
    }

    /**
     * When the segment starts on the timeline.
     *
     * @return the start offset
     */
    public Duration start() {
        return Duration.ofMillis(startMillis);
    }

    /**
     * How long the segment lasts ({@code d}).
     *
     * @return the duration
     */
    public Duration duration() {
        return Duration.ofMillis(durationMillis);
    }

    /**
     * When the segment ends: {@code start() + duration()}.
     *
     * @return the end offset
     */
    public Duration end() {
        return Duration.ofMillis(startMillis + durationMillis);
    }

    /**
     * The segment's metadata ({@code m}), as a copy.
     *
     * @return the metadata object, empty when the draft had none
     */
    public JsonNode metadata() {
        return metadata.deepCopy();
    }

    /**
     * A metadata value as text.
     *
     * @param key e.g. {@code title}, {@code name}, {@code text}
     * @return the value, when present and not blank
     */
    public Optional<String> metadataText(String key) {
        JsonNode v = metadata.get(key);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        String s = v.asText().trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /**
     * The segment's label: its {@code name}, else {@code title}, else {@code text}.
     *
     * @return the label, when the metadata has one
     */
    public Optional<String> label() {
        Optional<String> v = metadataText("name");
        if (!v.isPresent()) {
            v = metadataText("title");
        }
        if (!v.isPresent()) {
            v = metadataText("text");
        }
        return v;
    }

    /**
     * The text shown by a text segment: its {@code text}, else {@code title}, else {@code name}.
     *
     * @return the text, when the metadata has one
     */
    public Optional<String> displayText() {
        Optional<String> v = metadataText("text");
        if (!v.isPresent()) {
            v = metadataText("title");
        }
        if (!v.isPresent()) {
            v = metadataText("name");
        }
        return v;
    }

    /**
     * The volume in percent. The draft may give it as a fraction (0.35) or as a percentage (35); values up to 1
     * are read as fractions.
     *
     * @return the volume in percent, rounded, when the metadata has one
     */
    public OptionalInt volumePercent() {
        JsonNode v = metadata.get("volume");
        if (v == null || !(v.isNumber() || v.isTextual())) {
            return OptionalInt.empty();
        }
        double d;
        try {
            d = v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText().trim().replace("%", ""));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
        if (Double.isNaN(d) || Double.isInfinite(d) || d < 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.round(d <= 1.0 ? d * 100 : d));
    }

    /**
     * The segment exactly as it appears in the draft, as a copy.
     *
     * @return the segment JSON
     */
    public JsonNode toJson() {
        return json.deepCopy();
    }

    @Override
    public String toString() {
        return "Segment{start=" + startMillis + "ms, duration=" + durationMillis + "ms, metadata=" + metadata + "}";
    }
}
