package io.github.nemosdk.examples.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.testkit.Endpoint;
import io.github.nemosdk.testkit.Fault;
import io.github.nemosdk.testkit.NemoEmulator;
import io.github.nemosdk.testkit.SampleMedia;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Micrometer bridge fed by a whole quick edit against the emulator, one gateway error included. */
class MicrometerListenerTest {
    @TempDir
    Path dir;

    @Test
    void aQuickEditShowsUpAsRequestsRetriesChatEventsAndRenderPolls() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (NemoEmulator emulator = NemoEmulator.builder().silentRatio(0).start();
                NemoClient client = NemoClient.builder().baseUrl(emulator.baseUrl()).environment(Map.of())
                        .configDirectory(dir.resolve("config")).sleeper(d -> { })
                        .listener(new MicrometerListener(registry)).build()) {
            emulator.inject(Endpoint.CREDITS, Fault.serverError(502), 1);
            assertThat(client.credits().balance().available()).isPositive();
            Path out = dir.resolve("out.mp4");
            client.workflows().addMusic(SampleMedia.writeHorizontalMp4(dir.resolve("clip.mp4")),
                    "add jazz music and fade it out", out);
            assertThat(Files.size(out)).isPositive();
        }
        assertThat(registry.get("nemo.requests").tag("endpoint", "credits").tag("outcome", "502").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("nemo.requests").tag("endpoint", "credits").tag("outcome", "200").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("nemo.retries").tag("endpoint", "credits").tag("reason", "ServerErrorException")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("nemo.requests").tag("endpoint", "chat").timer().count()).isEqualTo(1);
        assertThat(registry.get("nemo.chat.events").counters()).isNotEmpty();
        assertThat(registry.get("nemo.render.polls").tag("status", "COMPLETED").counter().count()).isEqualTo(1);
        assertThat(registry.get("nemo.response.bytes").tag("endpoint", "credits").summary().totalAmount())
                .isPositive();
    }
}
