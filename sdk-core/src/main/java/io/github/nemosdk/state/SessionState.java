package io.github.nemosdk.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.SessionReplacement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a session at one moment: the timeline ({@link #draft()}), the uploaded videos, generated media and
 * the output canvas. Immutable; the JSON accessors return copies.
 */
public final class SessionState {
    static {
        io.github.nemosdk.internal.StateAccess.register(SessionState::new);
    }

    private final String sessionId;
    private final String taskId;
    private final String taskName;
    private final ObjectNode json;
    private final Draft draft;
    private final SessionReplacement replacement;

    private SessionState(String sessionId, String taskId, String taskName, ObjectNode json,
            SessionReplacement replacement) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.taskId = taskId;
        this.taskName = taskName;
        this.json = json;
        this.draft = Draft.ofOwned(json.get("draft")); // json is already this state's own copy
        this.replacement = replacement;
    }

    /**
     * Wraps a state object ({@code data.state}).
     *
     * @param sessionId   the session the state belongs to
     * @param state       the state JSON; copied. Null or a non-object stands for an empty state
     * @param replacement the session replacement that preceded this read, or null
     * @return the state
     */
    public static SessionState of(String sessionId, JsonNode state, SessionReplacement replacement) {
        return of(sessionId, null, null, state, replacement);
    }

    /**
     * Wraps a state object with the task it belongs to.
     *
     * @param sessionId   the session the state belongs to
     * @param taskId      the task (project) id, or null when unknown
     * @param taskName    the task (project) name, or null when unknown
     * @param state       the state JSON; copied. Null or a non-object stands for an empty state
     * @param replacement the session replacement that preceded this read, or null
     * @return the state
     */
    public static SessionState of(String sessionId, String taskId, String taskName, JsonNode state,
            SessionReplacement replacement) {
        ObjectNode copy = state instanceof ObjectNode ? ((ObjectNode) state).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        return new SessionState(sessionId, taskId, taskName, copy, replacement);
    }

    /**
     * The session this state belongs to. After a replacement, the new session's id.
     *
     * @return the session id
     */
    public String sessionId() {
        return sessionId;
    }

    /**
     * The task (project) the session belongs to, as the state response names it (top-level {@code task_id}).
     *
     * @return the task id, when the server sent it
     */
    public Optional<String> taskId() {
        return Optional.ofNullable(taskId);
    }

    /**
     * The task's (project's) name (top-level {@code task_name}), as shown in the web app.
     *
     * @return the name, when the server sent it
     */
    public Optional<String> taskName() {
        return Optional.ofNullable(taskName);
    }

    /**
     * Set when the requested session was lost and replaced by a new, empty one during this read (only under
     * {@link io.github.nemosdk.SessionRecovery#RECREATE}).
     *
     * @return the replacement, if one happened
     */
    public Optional<SessionReplacement> replacement() {
        return Optional.ofNullable(replacement);
    }

    /**
     * The timeline.
     *
     * @return the draft; empty when the session has none yet
     */
    public Draft draft() {
        return draft;
    }

    /**
     * The uploaded videos' information ({@code state.video_infos}), as copies.
     *
     * @return the entries, empty when none
     */
    public List<JsonNode> videoInfos() {
        return array("video_infos");
    }

    /**
     * Media the assistant generated, e.g. music tracks ({@code state.generated_media}), as copies.
     *
     * @return the entries, empty when none
     */
    public List<JsonNode> generatedMedia() {
        return array("generated_media");
    }

    /**
     * The assistant's analyses of the uploaded videos ({@code state.video_analyses}), as copies.
     *
     * @return the entries, empty when none
     */
    public List<JsonNode> videoAnalyses() {
        return array("video_analyses");
    }

    /**
     * The output frame ({@code state.canvas_config}).
     *
     * @return the canvas, when the state has one with a width and height
     */
    public Optional<Canvas> canvas() {
        JsonNode c = json.get("canvas_config");
        if (c == null || !c.isObject() || !c.path("width").canConvertToInt() || !c.path("height").canConvertToInt()
                || c.path("width").asInt() <= 0 || c.path("height").asInt() <= 0) {
            return Optional.empty();
        }
        JsonNode ar = c.get("aspect_ratio");
        if (ar == null) {
            ar = c.get("aspectRatio");
        }
        return Optional.of(Canvas.of(c.get("width").asInt(), c.get("height").asInt(),
                ar == null || ar.isNull() ? null : ar.asText()));
    }

    /**
     * The whole state object as received, as a copy.
     *
     * @return the state JSON
     */
    public JsonNode toJson() {
        return json.deepCopy();
    }

    private List<JsonNode> array(String key) {
        JsonNode a = json.get(key);
        if (a == null || !a.isArray()) {
            return Collections.emptyList();
        }
        List<JsonNode> out = new ArrayList<>(a.size());
        a.forEach(n -> out.add(n.deepCopy()));
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return "SessionState{sessionId=" + sessionId + ", " + draft.summary()
                + (replacement == null ? "" : ", replaced " + replacement.lostSessionId()) + "}";
    }
}
