package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/state/nemo_agent/me/{sid}/latest}: the session's state. The draft is returned
 * exactly as stored, {@code video_infos} lists the session's uploaded videos; the other parts are
 * fixed (no generated media, a 1920x1080 canvas).
 */
final class StateHandler implements Handler {

    private final EmulatorState state;

    StateHandler(EmulatorState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        String userId = state.authenticate(request.bearerToken());
        ObjectNode sessionState = Json.object();
        JsonNode[] stored = state.stateFor(userId, request.pathParam("sid"));
        sessionState.set("draft", stored[0]);
        sessionState.set("video_infos", stored[1]);
        sessionState.putArray("generated_media");
        ObjectNode canvas = sessionState.putObject("canvas_config");
        canvas.put("width", 1920);
        canvas.put("height", 1080);
        canvas.put("aspect_ratio", "16:9");
        sessionState.putArray("video_analyses");
        ObjectNode data = Json.object();
        data.set("state", sessionState);
        return Response.success(data);
    }
}
