package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.render.ExportResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The extension's programmatic form, with emulator, product and client settings. */
class NemoEmulatorExtensionBuilderTest {

    @RegisterExtension
    static final NemoEmulatorExtension NEMO = NemoEmulatorExtension.builder()
            .emulator(e -> e.silentRatio(1.0).chatStyle(ChatStyle.ADK).initialCredits(20))
            .emulator(e -> e.renderDuration(Duration.ofMinutes(1)))
            .product("add-music")
            .client(c -> c.language("ja"))
            .build();

    @TempDir
    Path dir;

    @Test
    void theEmulatorAndTheClientsUseTheSettings(NemoClient client, NemoEmulator emulator) throws Exception {
        String sid = client.sessions().create().sessionId();
        assertThat(client.credits().balance().available()).isEqualTo(20);
        ChatReply reply = client.chat(sid).send("add lo-fi music at 35%");
        assertThat(reply.isSilent()).isTrue();
        assertThat(reply.change()).isPresent();
        assertThat(client.credits().balance().available()).isEqualTo(15);

        RecordedRequest create = emulator.requests().stream()
                .filter(r -> r.endpoint().equals(Optional.of(Endpoint.CREATE_SESSION))).findFirst().orElseThrow();
        assertThat(create.header("X-Skill-Source")).contains("add-music");
        assertThat(create.body()).contains("\"ja\"");

        // the stream itself is in the ADK shape
        String token = Http.successData(new Http(emulator).anonymousToken("raw")).get("token").asText();
        HttpRequest chat = HttpRequest.newBuilder(emulator.baseUrl().resolve("/run_sse"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"session_id\":\"" + new Http(emulator).newSession(token)
                        + "\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}}"))
                .build();
        assertThat(Http.CLIENT.send(chat, HttpResponse.BodyHandlers.ofString()).body()).contains("invocationId");
    }

    @Test
    void aOneMinuteRenderIsOverAtOnceForTheInjectedClient(NemoClient client, NemoEmulator emulator) throws Exception {
        String sid = client.sessions().create().sessionId();
        client.uploads(sid).file(SampleMedia.writeHorizontalMp4(dir.resolve("clip.mp4")));

        Duration ahead = NemoEmulatorExtensionTest.aheadOfSystemClock(emulator);
        ExportResult result = client.render().export(sid, dir.resolve("out.mp4"));
        // a minute of render went by on the shared clock, moved by the client's waits, not by the system clock
        assertThat(NemoEmulatorExtensionTest.aheadOfSystemClock(emulator).minus(ahead))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(55));
        assertThat(Files.readAllBytes(result.file())).isEqualTo(SampleMedia.horizontalMp4());
        // polled once per emulated second: about a minute's worth of polls, not a busy loop
        assertThat(emulator.requestCount(Endpoint.RENDER_POLL)).isBetween(55, 65);
    }
}
