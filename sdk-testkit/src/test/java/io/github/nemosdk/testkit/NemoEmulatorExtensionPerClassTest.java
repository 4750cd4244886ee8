package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.NemoClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** With one test instance per class, the constructor's client lives for the class and survives resets. */
@NemoTest(initialCredits = 42)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NemoEmulatorExtensionPerClassTest {

    private final NemoClient classClient;
    private NemoClient firstTestClient;

    NemoEmulatorExtensionPerClassTest(NemoClient client) {
        this.classClient = client;
    }

    @Test
    @Order(1)
    void theClassClientWorks(NemoClient client, NemoEmulator emulator) {
        assertThat(client).isNotSameAs(classClient);
        firstTestClient = client;
        classClient.sessions().create();
        assertThat(classClient.credits().balance().available()).isEqualTo(42);
        assertThat(emulator.tokensIssued()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void andKeepsWorkingAfterTheReset(NemoClient client, NemoEmulator emulator) {
        assertThat(client).isNotSameAs(firstTestClient).isNotSameAs(classClient);
        assertThat(emulator.tokensIssued()).isZero();
        assertThat(classClient.credits().balance().available()).isEqualTo(42);
        assertThat(emulator.tokensIssued()).isEqualTo(1);
    }
}
