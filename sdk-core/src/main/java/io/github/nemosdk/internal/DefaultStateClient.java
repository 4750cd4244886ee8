package io.github.nemosdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.internal.http.Call;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.state.SessionState;
import io.github.nemosdk.state.StateClient;

/** {@link StateClient} over the transport. */
public final class DefaultStateClient implements StateClient {
    private final Transport transport;
    private final String sessionId;

    /**
     * Creates the client.
     *
     * @param transport the transport
     * @param sessionId the session (validated)
     */
    public DefaultStateClient(Transport transport, String sessionId) {
        this.transport = transport;
        this.sessionId = Ids.sessionId(sessionId);
    }

    @Override
    public String sessionId() {
        return transport.resolveSession(sessionId);
    }

    @Override
    public SessionState latest() {
        return transport.execute(latestCall());
    }

    /**
     * The state read, for the blocking and the asynchronous client.
     *
     * @return the call
     */
    public Call<SessionState> latestCall() {
        return Call.of(Request.get("state", "")
                .session(sessionId, sid -> "/api/state/nemo_agent/me/" + sid + "/latest", true)
                .build(), r -> {
                    String sid = r.sessionId();
                    io.github.nemosdk.SessionReplacement replacement = r.replacement();
                    JsonNode d = r.data();
                    JsonNode state = d.has("state") ? d.get("state") : d;
                    String taskId = Json.text(d, "task_id");
                    String taskName = Json.text(d, "task_name");
                    // the tree was parsed for this call alone: no copy needed
                    return state instanceof ObjectNode
                            ? StateAccess.owned(sid, taskId, taskName, (ObjectNode) state, replacement)
                            : SessionState.of(sid, taskId, taskName, state, replacement);
                });
    }

    @Override
    public String toString() {
        return "StateClient{sessionId=" + sessionId() + "}";
    }
}
