package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/auth/claim-token}: for a session of the caller ({@code {"task_id","session_id"}}; 1002 when the
 * session is not theirs, 400 {@code {"detail": …}} when the body lacks {@code session_id} or names another task),
 * a claim token
 * ({@code clm_…}) that opens the project in the web app for 7 days and has no API access.
 */
final class ClaimTokenHandler implements Handler {

    /** Seconds a claim token stays valid: 7 days. */
    static final long EXPIRES_IN = 7L * 24 * 3600;

    private final EmulatorState state;

    ClaimTokenHandler(EmulatorState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        String userId = state.authenticate(request.bearerToken());
        JsonNode body = request.jsonObject();
        JsonNode sid = body.get("session_id");
        if (sid == null || !(sid.isTextual() || sid.isIntegralNumber()) || sid.asText().isBlank()) {
            throw ApiException.detail(400, "session_id is required");
        }
        JsonNode task = body.get("task_id");
        String taskId = task == null || task.isNull() ? null : task.asText();
        String claim = state.claimToken(userId, taskId, sid.asText().trim());
        ObjectNode data = Json.object();
        data.put("claim_token", claim);
        data.put("expires_in", EXPIRES_IN);
        return Response.success(data);
    }
}
