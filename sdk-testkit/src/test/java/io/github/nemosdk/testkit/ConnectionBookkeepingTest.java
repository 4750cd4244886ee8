package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections the emulator cuts on purpose (drop-connection faults, chat disconnects) or that the
 * client abandons must not stay in the JDK server's bookkeeping: a long soak against one emulator
 * would otherwise grow its heap by one connection (tens of kilobytes of buffers) per cut.
 *
 * <p>The count is read from the JDK server's own connection set, which needs
 * {@code --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED} (set in this module's surefire
 * configuration).
 */
class ConnectionBookkeepingTest {

    private static final int CUTS = 30;
    /** Connections a healthy server may still hold: the client pool's idle ones and one in flight. */
    private static final int HEALTHY = 6;

    private NemoEmulator emu;
    private Http http;
    private String token;

    @BeforeEach
    void start() {
        emu = NemoEmulator.builder().turnDuration(Duration.ofMillis(20)).heartbeatInterval(Duration.ofMillis(10))
                .initialCredits(10_000).start();
        http = new Http(emu);
        token = http.newToken("c");
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    @Test
    void droppedResponsesAreForgottenByTheServer() throws Exception {
        for (int i = 0; i < CUTS; i++) {
            emu.inject(Endpoint.CREDITS, Fault.dropConnection(), 1);
            assertThatThrownBy(() -> http.sendOrThrow("GET", "/api/credits/balance/simple", null,
                    "Authorization", "Bearer " + token)).isInstanceOf(IOException.class);
        }
        assertThat(http.credits(token).statusCode()).isEqualTo(200);

        assertThat(awaitTrackedConnectionsAtMost(HEALTHY)).isLessThanOrEqualTo(HEALTHY);
    }

    @Test
    void chatStreamsCutMidwayAreForgottenByTheServer() throws Exception {
        String sid = http.newSession(token);
        for (int i = 0; i < CUTS; i++) {
            emu.inject(Endpoint.CHAT, Fault.chatDisconnect(i % 2 == 0), 1);
            HttpResponse<InputStream> response = Http.CLIENT.send(chatRequest(sid),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThatThrownBy(() -> {
                try (InputStream body = response.body()) {
                    body.readAllBytes();
                }
            }).isInstanceOf(IOException.class);
        }

        assertThat(awaitTrackedConnectionsAtMost(HEALTHY)).isLessThanOrEqualTo(HEALTHY);
    }

    @Test
    void streamsTheClientAbandonsAreForgottenByTheServer() throws Exception {
        String sid = http.newSession(token);
        for (int i = 0; i < CUTS; i++) {
            // a fresh client per stream, shut down at once: the server sees the client go away mid-stream
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<InputStream> response = client.send(chatRequest(sid),
                    HttpResponse.BodyHandlers.ofInputStream());
            response.body().read();
            response.body().close();
        }

        assertThat(awaitTrackedConnectionsAtMost(HEALTHY)).isLessThanOrEqualTo(HEALTHY);
    }

    private HttpRequest chatRequest(String sessionId) {
        String body = "{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"" + sessionId
                + "\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"add jazz music\"}]}}";
        return HttpRequest.newBuilder(emu.baseUrl().resolve("/run_sse")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Waits (up to 5 s: the server forgets connections on its own thread) and returns the last count. */
    private int awaitTrackedConnectionsAtMost(int limit) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int count = trackedConnections();
        while (count > limit && System.nanoTime() < deadline) {
            Thread.sleep(50);
            count = trackedConnections();
        }
        return count;
    }

    /** The size of the JDK server's set of every connection it still manages. */
    private int trackedConnections() throws Exception {
        Object emulatorServer = field(emu, "server");
        Object httpServer = field(emulatorServer, "server");
        Object serverImpl = field(httpServer, "server");
        Collection<?> all = (Collection<?>) field(serverImpl, "allConnections");
        synchronized (all) {
            return all.size();
        }
    }

    private static Object field(Object owner, String name) throws Exception {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }
}
