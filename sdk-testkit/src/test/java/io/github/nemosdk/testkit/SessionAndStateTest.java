package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionAndStateTest {

    private NemoEmulator emu;
    private Http http;
    private String token;

    @BeforeEach
    void start() {
        emu = NemoEmulator.start();
        http = new Http(emu);
        token = http.newToken("owner");
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void createsASessionOwnedByTheCaller() {
        String userId = Http.successData(http.anonymousToken("owner")).get("user_id").asText();

        HttpResponse<String> response = http.createSession(token, "{\"task_name\":\"project\",\"language\":\"en\"}");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode data = Http.successData(response);
        assertThat(data.get("session_id").isTextual()).isTrue();
        assertThat(data.get("session_id").asText()).matches("[1-9][0-9]{18}");
        assertThat(data.get("task_id").asText()).isNotBlank();
        assertThat(data.get("user_id").asText()).isEqualTo(userId);
        assertThat(http.newSession(token)).isNotEqualTo(data.get("session_id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"language\":\"zh-CN\"}", "{\"task_name\":\"x\",\"future_field\":[1,2]}"})
    void acceptsEmptyPartialAndExtendedBodies(String body) {
        assertThat(Http.successData(http.createSession(token, body)).get("session_id").asText()).hasSize(19);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[1,2]"})
    void rejectsABodyThatIsNotAJsonObject(String body) {
        HttpResponse<String> response = http.createSession(token, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("code").asInt()).isEqualTo(400);
    }

    @Test
    void newSessionStateHasAnEmptyDraftAndTheDocumentedParts() {
        String sid = http.newSession(token);

        JsonNode state = Http.successData(http.state(token, sid)).get("state");

        assertThat(state.get("draft").toString()).isEqualTo("{\"t\":[]}");
        assertThat(state.get("video_infos").isArray()).isTrue();
        assertThat(state.get("video_infos")).isEmpty();
        assertThat(state.get("generated_media")).isEmpty();
        assertThat(state.get("video_analyses")).isEmpty();
        assertThat(state.get("canvas_config").get("width").asInt()).isEqualTo(1920);
        assertThat(state.get("canvas_config").get("height").asInt()).isEqualTo(1080);
        assertThat(state.get("canvas_config").get("aspect_ratio").asText()).isEqualTo("16:9");
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
    }

    @Test
    void anotherUsersSessionIsNotFound() {
        String sid = http.newSession(token);
        String stranger = http.newToken("stranger");

        assertSessionNotFound(http.state(stranger, sid));
        assertThat(http.state(token, sid).statusCode()).isEqualTo(200);
    }

    @Test
    void sessionsSurviveGettingANewTokenForTheSameClientId() {
        String sid = http.newSession(token);
        String later = http.newToken("owner");

        assertThat(Http.successData(http.state(later, sid)).has("state")).isTrue();
    }

    @Test
    void unknownSessionIsNotFound() {
        assertSessionNotFound(http.state(token, "1234567890123456789"));
    }

    @Test
    void deletedSessionIsNotFound() {
        String sid = http.newSession(token);

        emu.deleteSession(sid);

        assertSessionNotFound(http.state(token, sid));
        assertThatThrownBy(() -> emu.deleteSession(sid)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.draft(sid)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setDraftRoundTripsVerbatimIncludingUnknownKeysAndExactNumbers() {
        String sid = http.newSession(token);
        String draft = "{\"t\":[{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"city timelapse\"},"
                + "\"xfade\":{\"kind\":\"dissolve\",\"ms\":250}}]},"
                + "{\"tt\":1,\"sg\":[{\"d\":10000,\"m\":{\"title\":\"Lo-fi\",\"volume\":0.350}}]},"
                + "{\"tt\":7,\"sg\":[{\"d\":3000,\"m\":{\"text\":\"Urban Dreams \u2728\"}}]}],"
                + "\"zz_unknown\":{\"big\":123456789012345678901234567890,\"f\":1.10,\"n\":null,\"b\":true},"
                + "\"a_first\":[]}";

        emu.setDraft(sid, draft);
        HttpResponse<String> response = http.state(token, sid);

        assertThat(response.body()).contains("\"draft\":" + draft);
        assertThat(emu.draft(sid)).isEqualTo(draft);
    }

    @Test
    void setDraftAcceptsFormattedJsonAndServesItCompactly() {
        String sid = http.newSession(token);

        emu.setDraft(sid, "{\n  \"t\" : [ ],\n  \"x\" : 1\n}");

        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[],\"x\":1}");
    }

    @Test
    void setDraftRejectsBadInput() {
        String sid = http.newSession(token);

        assertThatThrownBy(() -> emu.setDraft(sid, "{\"t\":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.setDraft("999", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
    }

    private static void assertSessionNotFound(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(response);
        assertThat(body.get("code").asInt()).isEqualTo(1002);
        assertThat(body.get("message").asText()).isEqualTo("session not found");
        assertThat(body.get("data").isNull()).isTrue();
    }
}
