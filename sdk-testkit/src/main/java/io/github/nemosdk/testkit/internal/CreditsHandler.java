package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /api/credits/balance/simple}: the caller's {@code available}, {@code frozen}, {@code total}. */
final class CreditsHandler implements Handler {

    private final EmulatorState state;

    CreditsHandler(EmulatorState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        String userId = state.authenticate(request.bearerToken());
        EmulatorState.Credits credits = state.credits(userId);
        ObjectNode data = Json.object();
        data.put("available", credits.available);
        data.put("frozen", credits.frozen);
        data.put("total", (long) credits.available + credits.frozen);
        return Response.success(data);
    }
}
