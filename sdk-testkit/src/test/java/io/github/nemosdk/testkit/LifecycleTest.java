package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void servesOnLoopbackAtBaseUrl() {
        try (NemoEmulator emu = NemoEmulator.start()) {
            assertThat(emu.baseUrl().getScheme()).isEqualTo("http");
            assertThat(emu.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(emu.baseUrl().getPort()).isPositive();
            assertThat(emu.baseUrl().getPath()).isEmpty();
            assertThat(new Http(emu).anonymousToken("c").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void listensOnTheRequestedPortAndFailsIfItIsTaken() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (NemoEmulator emu = NemoEmulator.builder().port(port).start()) {
            assertThat(emu.baseUrl().getPort()).isEqualTo(port);
            assertThat(new Http(emu).anonymousToken("c").statusCode()).isEqualTo(200);

            assertThatThrownBy(() -> NemoEmulator.builder().port(port).start())
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void rejectsInvalidSettings() {
        List<String> before = emulatorThreads(); // of earlier tests' emulators, perhaps still ending
        assertThatThrownBy(() -> NemoEmulator.builder().port(-1).start()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NemoEmulator.builder().port(65536).start())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NemoEmulator.builder().tokenTtl(Duration.ZERO).start())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NemoEmulator.builder().initialCredits(-1).start())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NemoEmulator.builder().tokenLimitPerClient(-1).start())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(emulatorThreads()).as("threads started by a refused emulator").isSubsetOf(before);
    }

    @Test
    void serverThreadsAreNamedDaemonThreads() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (NemoEmulator emu = NemoEmulator.start()) {
            new Http(emu).anonymousToken("c");

            Set<Thread> created = new HashSet<>(Thread.getAllStackTraces().keySet());
            created.removeAll(before);
            created.removeIf(t -> t.getName().startsWith("HttpClient-")); // the test's own client

            assertThat(created).isNotEmpty().allSatisfy(t -> {
                assertThat(t.getName()).startsWith("nemo-emulator-");
                assertThat(t.isDaemon()).as("daemon: %s", t.getName()).isTrue();
            });
        }
    }

    @Test
    void closeStopsEveryServerThreadAndTheServer() throws InterruptedException {
        NemoEmulator emu = NemoEmulator.start();
        Http http = new Http(emu);
        String token = http.newToken("c");
        for (int i = 0; i < 5; i++) {
            http.credits(token);
        }
        assertThat(emulatorThreads()).isNotEmpty();

        emu.close();
        emu.close(); // idempotent

        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!emulatorThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(emulatorThreads()).isEmpty();
        assertThatThrownBy(() -> http.sendOrThrow("GET", "/api/credits/balance/simple", null))
                .isInstanceOf(IOException.class);
        // what was recorded stays readable
        assertThat(emu.requestCount(Endpoint.CREDITS)).isEqualTo(5);
    }

    private static List<String> emulatorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("nemo-emulator-"))
                .collect(Collectors.toList());
    }
}
