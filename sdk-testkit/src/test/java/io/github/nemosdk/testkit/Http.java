package io.github.nemosdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain java.net.http client for one emulator, as a user's own test would write it. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;

    Http(NemoEmulator emulator) {
        this.base = emulator.baseUrl();
    }

    /** Sends a request; {@code headers} are name/value pairs; {@code body} null means none. */
    HttpResponse<String> send(String method, String path, String body, String... headers) {
        try {
            return sendOrThrow(method, path, body, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #send} but lets the I/O error through. */
    HttpResponse<String> sendOrThrow(String method, String path, String body, String... headers) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> anonymousToken(String clientId) {
        return send("POST", "/api/auth/anonymous-token", null, "X-Client-Id", clientId);
    }

    /** A fresh token for {@code clientId}; fails the test if the emulator refuses. */
    String newToken(String clientId) {
        return successData(anonymousToken(clientId)).get("token").asText();
    }

    HttpResponse<String> createSession(String token, String body) {
        return send("POST", "/api/tasks/me/with-session/nemo_agent", body,
                "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    /** A new session id for the owner of {@code token}. */
    String newSession(String token) {
        return successData(createSession(token, "{\"task_name\":\"project\",\"language\":\"en\"}"))
                .get("session_id").asText();
    }

    HttpResponse<String> credits(String token) {
        return send("GET", "/api/credits/balance/simple", null, "Authorization", "Bearer " + token);
    }

    HttpResponse<String> state(String token, String sessionId) {
        return send("GET", "/api/state/nemo_agent/me/" + sessionId + "/latest", null,
                "Authorization", "Bearer " + token);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** Asserts HTTP 200 with code 0 and returns {@code data}. */
    static JsonNode successData(HttpResponse<String> response) {
        JsonNode body = json(response);
        if (response.statusCode() != 200 || body.path("code").asInt(-1) != 0) {
            throw new AssertionError("expected success, got HTTP " + response.statusCode() + ": " + response.body());
        }
        return body.get("data");
    }
}
