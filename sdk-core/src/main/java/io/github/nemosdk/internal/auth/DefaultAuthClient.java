package io.github.nemosdk.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.auth.AnonymousToken;
import io.github.nemosdk.auth.AuthClient;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.http.Call;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.Response;
import io.github.nemosdk.internal.http.Transport;

/** {@link AuthClient} over the transport. */
public final class DefaultAuthClient implements AuthClient {
    private final Transport transport;
    private final ClientIdStore clientIds;

    /**
     * Creates the client.
     *
     * @param transport the transport
     * @param clientIds the client id store
     */
    public DefaultAuthClient(Transport transport, ClientIdStore clientIds) {
        this.transport = transport;
        this.clientIds = clientIds;
    }

    @Override
    public AnonymousToken anonymousToken() {
        return transport.execute(ANONYMOUS_TOKEN);
    }

    /**
     * The anonymous token acquisition, for the blocking and the asynchronous client.
     *
     * @return the call
     */
    public static Call<AnonymousToken> anonymousTokenCall() {
        return ANONYMOUS_TOKEN;
    }

    private static final Call<AnonymousToken> ANONYMOUS_TOKEN = Call.of(
            Request.post("anonymous-token", "/api/auth/anonymous-token").withClientId().build(),
            DefaultAuthClient::parse);

    @Override
    public String clientId() {
        return clientIds.get();
    }

    static AnonymousToken parse(Response r) {
        JsonNode n = Json.text(r.data(), "token") != null ? r.data() : r.root();
        String token = Json.text(n, "token");
        if (token == null || token.isBlank()) {
            throw new NemoProtocolException("The anonymous token response has no token (neither data.token nor"
                    + " token)" + r.requestIdNote() + ".", null);
        }
        String userId = Json.text(n, "user_id");
        if (userId == null) {
            userId = Json.text(n, "userId");
        }
        return AnonymousToken.of(token, userId, Json.instant(n.get("expires_at") != null ? n.get("expires_at")
                : n.get("expiresAt")), Json.number(n, "credits"));
    }
}
