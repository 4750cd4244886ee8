package io.github.nemosdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.testkit.Endpoint;
import io.github.nemosdk.testkit.Fault;
import io.github.nemosdk.testkit.NemoEmulator;
import io.github.nemosdk.testkit.NemoTest;
import org.junit.jupiter.api.Test;

// The README's example of testing with the emulator's JUnit 5 extension (checked by ReadmeSnippetsTest).
// snippet: extension
@NemoTest(silentRatio = 1.0)
class AddMusicTest {
    @Test
    void aBrokenStreamIsRecoveredWithoutResending(NemoClient client, NemoEmulator emulator) {
        String sessionId = client.sessions().create().sessionId();
        emulator.inject(Endpoint.CHAT, Fault.chatDisconnect(true), 1);

        ChatReply reply = client.chat(sessionId).send("add jazz music at 40%");

        assertThat(reply.recovered()).isTrue();
        assertThat(reply.change().get().description()).isEqualTo("Added BGM: Jazz (0-10s, 40%)");
        assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(1);
    }
}
// end snippet
