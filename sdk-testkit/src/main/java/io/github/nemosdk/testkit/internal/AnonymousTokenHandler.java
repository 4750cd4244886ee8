package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/auth/anonymous-token}: needs {@code X-Client-Id}; one anonymous user per client
 * id; a limited number of tokens per client id.
 */
final class AnonymousTokenHandler implements Handler {

    private final EmulatorState state;

    AnonymousTokenHandler(EmulatorState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        String clientId = request.header("X-Client-Id")
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .orElseThrow(() -> ApiException.of(400, 400, "missing X-Client-Id header"));
        EmulatorState.TokenGrant grant = state.issueAnonymousToken(clientId);
        ObjectNode data = Json.object();
        data.put("token", grant.token);
        data.put("user_id", grant.userId);
        data.put("expires_at", grant.expiresAt.toString());
        data.put("credits", grant.credits);
        return Response.success(data);
    }
}
