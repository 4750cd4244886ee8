package io.github.nemosdk.internal.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.internal.Ids;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.http.Call;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.RequestBody;
import io.github.nemosdk.internal.http.Response;
import io.github.nemosdk.internal.http.RetrySafety;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.sessions.Session;
import io.github.nemosdk.sessions.SessionsClient;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.regex.Pattern;

/** {@link SessionsClient} over the transport. */
public final class DefaultSessionsClient implements SessionsClient {
    /** The task name used by {@link #create()}. */
    public static final String DEFAULT_TASK_NAME = "project";
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private final Transport transport;

    /**
     * Creates the client.
     *
     * @param transport the transport
     */
    public DefaultSessionsClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public Session create() {
        return create(DEFAULT_TASK_NAME, transport.config().language);
    }

    @Override
    public Session create(String taskName, String language) {
        return transport.execute(createCall(taskName, language));
    }

    /**
     * The session creation, checked, for the blocking and the asynchronous client.
     *
     * @param taskName the project name
     * @param language the language code
     * @return the call
     * @throws IllegalArgumentException for a bad name or language
     */
    public Call<Session> createCall(String taskName, String language) {
        Objects.requireNonNull(taskName, "taskName must not be null");
        Objects.requireNonNull(language, "language must not be null");
        if (taskName.isBlank() || taskName.length() > 200) {
            throw new IllegalArgumentException("taskName must be 1 to 200 characters, e.g. \"project\"");
        }
        checkLanguage(language);
        ObjectNode body = Json.object();
        body.put("task_name", taskName);
        body.put("language", language);
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return Call.of(Request.post("create-session", "/api/tasks/me/with-session/nemo_agent")
                .body(RequestBody.json(bytes))
                .build(), DefaultSessionsClient::parse);
    }

    @Override
    public io.github.nemosdk.sessions.ProjectLink projectLink(Session session) {
        Objects.requireNonNull(session, "session");
        String sessionId = transport.resolveSession(session.sessionId());
        ObjectNode body = Json.object();
        body.put("task_id", session.taskId());
        body.put("session_id", sessionId);
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        java.time.Instant asked = transport.config().clock.instant();
        return transport.execute(Request.post("claim-token", "/api/auth/claim-token")
                .body(RequestBody.json(bytes))
                .safety(RetrySafety.IDEMPOTENT) // a second claim token for the same project does no harm
                .build(), r -> {
                    String claim = Json.text(r.data(), "claim_token");
                    if (claim == null || claim.isBlank()) {
                        throw new NemoProtocolException("The claim-token response has no claim_token"
                                + r.requestIdNote() + ".", null);
                    }
                    Long seconds = Json.number(r.data(), "expires_in");
                    java.time.Instant expires = Json.instant(r.data().get("expires_at"));
                    if (expires == null && seconds != null && seconds > 0 && seconds <= Json.MAX_SECONDS) {
                        expires = asked.plusSeconds(seconds);
                    }
                    return io.github.nemosdk.sessions.ProjectLink.of(transport.config().webUrl, claim, expires);
                });
    }

    /**
     * Checks a language tag.
     *
     * @param language e.g. {@code en} or {@code zh-CN}
     * @return the tag
     * @throws IllegalArgumentException if it is not a language tag
     */
    public static String checkLanguage(String language) {
        if (!LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("Invalid language '" + language + "': use an ISO language code such"
                    + " as en, zh-CN or ja.");
        }
        return language;
    }

    static Session parse(Response r) {
        JsonNode d = r.data();
        String sessionId = Json.text(d, "session_id");
        String taskId = Json.text(d, "task_id");
        if (sessionId == null || taskId == null) {
            throw new NemoProtocolException("The create-session response lacks session_id or task_id"
                    + r.requestIdNote() + ".", null);
        }
        try {
            Ids.sessionId(sessionId);
        } catch (IllegalArgumentException e) {
            throw new NemoProtocolException("The server returned a session id the SDK cannot use in a URL"
                    + r.requestIdNote() + ".", null);
        }
        return Session.of(sessionId, taskId, Json.text(d, "user_id"));
    }
}
