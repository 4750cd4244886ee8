package io.github.nemosdk.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session's timeline ({@code state.draft}): typed tracks and segments over the JSON exactly as the server sent
 * it. {@link #toJson()} returns that JSON unchanged, unknown keys included, which is what export needs. Immutable.
 *
 * <p>Keys: {@code t} tracks, {@code tt} track type, {@code sg} segments, {@code d} duration in milliseconds,
 * {@code m} metadata.
 */
public final class Draft {
    private final ObjectNode json;
    /** Typed on first use: a caller that only wants the JSON or an id does not pay for it. */
    private volatile List<Track> tracks;

    private Draft(ObjectNode json) {
        this.json = json;
    }

    /**
     * Wraps a draft. The JSON is copied; later changes to {@code draft} do not affect this value.
     *
     * @param draft the {@code state.draft} object; null or a non-object stands for an empty draft
     * @return the draft
     */
    public static Draft of(JsonNode draft) {
        return new Draft(draft instanceof ObjectNode ? ((ObjectNode) draft).deepCopy()
                : JsonNodeFactory.instance.objectNode());
    }

    /**
     * Wraps a draft tree that nobody else holds (part of a {@link SessionState}'s private copy), without copying it
     * again.
     *
     * @param draft the draft object, or null / a non-object for an empty draft
     * @return the draft
     */
    static Draft ofOwned(JsonNode draft) {
        return new Draft(draft instanceof ObjectNode ? (ObjectNode) draft : JsonNodeFactory.instance.objectNode());
    }

    /**
     * Parses a draft from JSON text.
     *
     * @param json the draft object as JSON
     * @return the draft
     * @throws IllegalArgumentException if the text is not a JSON object
     */
    public static Draft parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode node;
        try {
            node = io.github.nemosdk.internal.Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON draft: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode)) {
            throw new IllegalArgumentException("A draft must be a JSON object, got " + node.getNodeType());
        }
        return new Draft((ObjectNode) node);
    }

    /**
     * The tracks ({@code t}) in draft order.
     *
     * @return an unmodifiable list, empty for an empty timeline
     */
    public List<Track> tracks() {
        List<Track> t = tracks;
        if (t == null) { // the JSON never changes: a race types the same tracks twice
            t = parseTracks(json);
            tracks = t;
        }
        return t;
    }

    /**
     * Whether the draft can be exported: it has at least one track with at least one segment.
     *
     * @return true when export can start
     */
    public boolean isReadyForExport() {
        return tracks().stream().anyMatch(t -> !t.segments().isEmpty());
    }

    /**
     * The timeline in one line, as the products show it, e.g.
     * {@code Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban
     * Dreams" (0-3s)}. Audio tracks are shown as BGM with their volume, text tracks as a quoted title.
     *
     * @return the summary
     */
    public String summary() {
        List<Track> tracks = tracks();
        StringBuilder sb = new StringBuilder("Timeline (").append(tracks.size())
                .append(tracks.size() == 1 ? " track)" : " tracks)");
        if (tracks.isEmpty()) {
            return sb.append(": empty").toString();
        }
        sb.append(':');
        for (int i = 0; i < tracks.size(); i++) {
            sb.append(' ').append(i + 1).append(". ").append(describe(tracks.get(i)));
        }
        return sb.toString();
    }

    /**
     * Describes one track the way {@link #summary()} does, without its number, e.g. {@code BGM: Lo-fi (0-10s, 35%)}.
     *
     * @param track a track
     * @return the description
     */
    public static String describe(Track track) {
        TrackType type = track.type();
        Optional<String> label = track.label();
        String head;
        if (type.equals(TrackType.VIDEO)) {
            head = "Video: " + label.orElse("clip");
        } else if (type.equals(TrackType.AUDIO)) {
            head = "BGM: " + label.orElse("audio");
        } else if (type.equals(TrackType.TEXT)) {
            head = "Title: \"" + label.orElse("") + "\"";
        } else {
            head = "Track (type " + type.code() + ")" + label.map(l -> ": " + l).orElse("");
        }
        StringBuilder sb = new StringBuilder(head).append(" (");
        if (track.segments().isEmpty()) {
            sb.append("empty");
        } else {
            sb.append(seconds(track.start().toMillis())).append('-').append(seconds(track.end().toMillis()))
                    .append('s');
        }
        if (type.equals(TrackType.AUDIO)) {
            track.volumePercent().ifPresent(v -> sb.append(", ").append(v).append('%'));
        }
        return sb.append(')').toString();
    }

    private static String seconds(long millis) {
        BigDecimal s = BigDecimal.valueOf(Math.round(millis / 100.0), 1).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }

    /**
     * The draft exactly as received, unknown keys included, as a copy: send this back to export.
     *
     * @return the draft JSON
     */
    public JsonNode toJson() {
        return json.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Draft && json.equals(((Draft) o).json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "Draft{" + summary() + "}";
    }

    private static List<Track> parseTracks(ObjectNode draft) {
        JsonNode t = draft.get("t");
        if (t == null || !t.isArray()) {
            return Collections.emptyList();
        }
        List<Track> tracks = new ArrayList<>(t.size());
        for (JsonNode tn : t) {
            if (!(tn instanceof ObjectNode)) {
                continue;
            }
            ObjectNode trackJson = (ObjectNode) tn;
            TrackType type = TrackType.of((int) number(trackJson.get("tt"), -1));
            List<Segment> segments = new ArrayList<>();
            JsonNode sg = trackJson.get("sg");
            long cursor = 0;
            if (sg != null && sg.isArray()) {
                for (JsonNode sn : sg) {
                    if (!(sn instanceof ObjectNode)) {
                        continue;
                    }
                    ObjectNode segJson = (ObjectNode) sn;
                    long duration = Math.max(0, number(segJson.get("d"), 0));
                    long start = cursor;
                    for (String key : new String[] {"s", "st", "start"}) {
                        JsonNode v = segJson.get(key);
                        if (v != null && (v.isNumber() || v.isTextual())) {
                            start = Math.max(0, number(v, cursor));
                            break;
                        }
                    }
                    JsonNode m = segJson.get("m");
                    ObjectNode meta = m instanceof ObjectNode ? (ObjectNode) m : JsonNodeFactory.instance.objectNode();
                    segments.add(new Segment(start, duration, meta, segJson));
                    cursor = start + duration;
                }
            }
            tracks.add(new Track(type, segments, trackJson));
        }
        return Collections.unmodifiableList(tracks);
    }

    private static long number(JsonNode n, long fallback) {
        if (n == null) {
            return fallback;
        }
        if (n.isNumber()) {
            return Math.round(n.asDouble());
        }
        if (n.isTextual()) {
            try {
                return Math.round(Double.parseDouble(n.asText().trim()));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
