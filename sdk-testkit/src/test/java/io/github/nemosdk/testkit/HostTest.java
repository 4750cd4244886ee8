package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.testkit.internal.EmulatorConfig;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link NemoEmulator.Builder#host(String)}: the address bound and the host put in URLs. */
class HostTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "0.0.0.0,   127.0.0.1",
        "::,        127.0.0.1",
        "::1,       [::1]",
        "[::1],     [::1]",
        "localhost, localhost",
    })
    void urlsUseTheConfiguredHostOrLoopbackForAWildcard(String host, String urlHost) {
        EmulatorConfig config = new EmulatorConfig(host, 0, Clock.systemUTC(), Duration.ofDays(1), 1, 1,
                EmulatorConfig.Chat.defaults(), EmulatorConfig.Media.defaults());
        assertThat(config.urlHost()).isEqualTo(urlHost);
    }

    @Test
    void aNamedLoopbackHostServesAndAppearsInTheUrls() {
        try (NemoEmulator emu = NemoEmulator.builder().host("localhost").start()) {
            assertThat(emu.baseUrl().toString()).startsWith("http://localhost:");
            Http http = new Http(emu);
            String token = http.newToken("c");
            String sid = http.newSession(token);
            assertThat(Http.successData(http.credits(token)).get("available").asInt()).isEqualTo(100);
            assertThat(sid).isNotBlank();
        }
    }
}
