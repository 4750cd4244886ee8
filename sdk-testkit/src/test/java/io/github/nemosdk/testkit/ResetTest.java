package io.github.nemosdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.NemoClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NemoEmulator#reset()} brings back the state right after start, on the same port. */
class ResetTest {

    private static final String DRAFT = "{\"t\":[{\"tt\":0,\"sg\":[{\"d\":2000,\"m\":{\"name\":\"city\"}}]}]}";

    @TempDir
    Path dir;

    private static HttpResponse<String> startRender(Http http, String token, String sid, String id) {
        return http.send("POST", "/api/render/proxy/lambda",
                "{\"id\":\"" + id + "\",\"sessionId\":\"" + sid + "\",\"draft\":" + DRAFT + ",\"output\":{}}",
                "Authorization", "Bearer " + token, "Content-Type", "application/json", "X-Skill-Source", "add-music",
                "X-Skill-Version", "1.0.0", "X-Skill-Platform", "github");
    }

    private static String renderStatus(Http http, String token, String id) {
        JsonNode body = Http.json(http.send("GET", "/api/render/proxy/lambda/" + id, null, "Authorization",
                "Bearer " + token));
        return (body.has("data") ? body.path("data") : body).path("status").asText();
    }

    @Test
    void everythingButThePortAndTheSettingsIsForgotten() {
        try (NemoEmulator emu = NemoEmulator.builder().initialCredits(40).failNextRenders(1)
                .renderDuration(Duration.ZERO).start();
                NemoClient client = NemoClient.builder().baseUrl(emu.baseUrl()).environment(Map.of())
                        .configDirectory(dir.resolve("cfg")).tokenCache(false).build()) {
            URI base = emu.baseUrl();
            Http http = new Http(emu);
            String token = http.newToken("client-1");
            String sid = http.newSession(token);
            emu.setCredits(token, 3, 1);
            String cdnUrl = client.uploads(client.sessions().create().sessionId())
                    .file(SampleMedia.writeHorizontalMp4(dir.resolve("clip.mp4"))).files().get(0).cdnUrl().orElseThrow().toString();
            assertThat(startRender(http, token, sid, "r1").statusCode()).isEqualTo(200);
            assertThat(renderStatus(http, token, "r1")).isEqualTo("failed");
            emu.inject(Endpoint.CREDITS, Fault.serverError(500), 3);

            emu.reset();

            assertThat(emu.baseUrl()).isEqualTo(base);
            assertThat(emu.requests()).isEmpty();
            assertThat(emu.requestCount(Endpoint.ANONYMOUS_TOKEN)).isZero();
            assertThat(emu.tokensIssued()).isZero();
            assertThatThrownBy(() -> emu.draft(sid)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> emu.setCredits(token, 1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(http.credits(token).statusCode()).as("old token").isEqualTo(401);
            assertThat(Multipart.getBytes(URI.create(cdnUrl)).statusCode()).as("uploaded file").isEqualTo(404);

            String fresh = http.newToken("client-1");
            assertThat(Http.successData(http.credits(fresh)).get("available").asInt()).as("no fault, a new user")
                    .isEqualTo(40);
            assertThat(Http.json(http.state(fresh, sid)).get("code").asInt()).as("old session").isEqualTo(1002);
            String newSid = http.newSession(fresh);
            assertThat(newSid).isNotEqualTo(sid);
            assertThat(startRender(http, fresh, newSid, "r1").statusCode()).as("render id usable again")
                    .isEqualTo(200);
            assertThat(renderStatus(http, fresh, "r1")).as("failing renders counted again").isEqualTo("failed");
            assertThat(startRender(http, fresh, newSid, "r2").statusCode()).isEqualTo(200);
            assertThat(renderStatus(http, fresh, "r2")).isEqualTo("completed");
            assertThat(emu.tokensIssued()).isEqualTo(1);

            // the SDK client recovers by itself: its token was dropped, it gets a new one
            assertThat(client.credits().balance().available()).isEqualTo(40);
        }
    }

    @Test
    void theSilentTurnPatternStartsOver() {
        try (NemoEmulator emu = NemoEmulator.builder().silentRatio(0.5).seed(11).turnDuration(Duration.ZERO).start()) {
            List<Boolean> first = silences(emu);
            emu.reset();
            assertThat(silences(emu)).isEqualTo(first);
            assertThat(first).contains(true, false);
        }
    }

    private List<Boolean> silences(NemoEmulator emu) {
        List<Boolean> silent = new ArrayList<>();
        try (NemoClient client = NemoClient.builder().baseUrl(emu.baseUrl()).environment(Map.of())
                .configDirectory(dir.resolve("silences")).tokenCache(false).build()) {
            String sid = client.sessions().create().sessionId();
            for (String prompt : List.of("add jazz music", "set the volume to 20%", "fade it out",
                    "add a title \"One\"", "remove the music", "add piano music")) {
                silent.add(client.chat(sid).send(prompt).isSilent());
            }
        }
        return silent;
    }
}
