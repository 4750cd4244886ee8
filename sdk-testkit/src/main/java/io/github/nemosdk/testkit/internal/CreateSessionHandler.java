package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/tasks/me/with-session/nemo_agent}: creates a session owned by the caller. The
 * body ({@code task_name}, {@code language}) is optional; when present it must be a JSON object.
 */
final class CreateSessionHandler implements Handler {

    private final EmulatorState state;

    CreateSessionHandler(EmulatorState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        String userId = state.authenticate(request.bearerToken());
        if (request.hasBody()) {
            request.jsonObject(); // a body is optional, but when present it must be a JSON object
        }
        EmulatorState.SessionInfo session = state.createSession(userId);
        ObjectNode data = Json.object();
        data.put("task_id", session.taskId);
        data.put("session_id", session.sessionId);
        data.put("user_id", userId);
        return Response.success(data);
    }
}
