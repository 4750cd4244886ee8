package io.github.nemosdk.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One track of the timeline: its type ({@code tt}) and its segments ({@code sg}). A view over the draft JSON;
 * immutable.
 */
public final class Track {
    private final TrackType type;
    private final List<Segment> segments;
    private final ObjectNode json;

    Track(TrackType type, List<Segment> segments, ObjectNode json) {
        this.type = type;
        this.segments = List.copyOf(segments);
        this.json = json;
    }

    /**
     * The track's type.
     *
     * @return VIDEO, AUDIO, TEXT or OTHER(code)
     */
    public TrackType type() {
        return type;
    }

    /**
     * The track's segments in draft order.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * Where the first segment starts.
     *
     * @return the earliest start, zero for an empty track
     */
    public Duration start() {
        return segments.stream().map(Segment::start).min(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * Where the last segment ends.
     *
     * @return the latest end, zero for an empty track
     */
    public Duration end() {
        return segments.stream().map(Segment::end).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * The first label found in the track's segments (see {@link Segment#label()}).
     *
     * @return the label, when a segment has one
     */
    public Optional<String> label() {
        return segments.stream().map(type.equals(TrackType.TEXT) ? Segment::displayText : Segment::label)
                .filter(Optional::isPresent).map(Optional::get).findFirst();
    }

    /**
     * The first volume found in the track's segments.
     *
     * @return the volume in percent, when a segment has one
     */
    public OptionalInt volumePercent() {
        for (Segment s : segments) {
            OptionalInt v = s.volumePercent();
            if (v.isPresent()) {
                return v;
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The track exactly as it appears in the draft, as a copy.
     *
     * @return the track JSON
     */
    public JsonNode toJson() {
        return json.deepCopy();
    }

    @Override
    public String toString() {
        return "Track{type=" + type + ", segments=" + segments.size() + "}";
    }
}
