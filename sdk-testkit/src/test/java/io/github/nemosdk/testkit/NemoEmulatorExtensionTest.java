package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.errors.SessionNotFoundException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

/** The extension used for real, in its declarative form: injection, lifecycle, a clean state per test. */
@NemoTest(silentRatio = 0.0, product = "tiktok-add-music")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NemoEmulatorExtensionTest {

    private static NemoEmulator classEmulator;
    private static NemoClient classClient;
    private static String sessionFromBeforeAll;
    private static String sessionFromFirstTest;
    private static NemoClient clientOfFirstTest;

    private final NemoClient constructorClient;
    private NemoClient beforeEachClient;

    NemoEmulatorExtensionTest(NemoClient client) {
        this.constructorClient = client;
    }

    @BeforeAll
    static void startedBeforeAll(NemoEmulator emulator, NemoClient client) {
        classEmulator = emulator;
        classClient = client;
        sessionFromBeforeAll = client.sessions().create().sessionId();
        assertThat(emulator.tokensIssued()).isEqualTo(1);
    }

    @BeforeEach
    void resetBeforeBeforeEach(NemoEmulator emulator, NemoClient client) {
        assertThat(emulator).isSameAs(classEmulator);
        assertThat(emulator.requests()).as("reset before @BeforeEach").isEmpty();
        assertThat(client).isNotSameAs(classClient);
        beforeEachClient = client;
    }

    @AfterEach
    void sameClientInAfterEach(NemoClient client) {
        assertThat(client).isSameAs(beforeEachClient);
    }

    @Test
    @Order(1)
    void aSessionCreditsAndAChatTurn(NemoClient client, NemoEmulator emulator, TestInfo info) {
        assertThat(client).isSameAs(beforeEachClient).isSameAs(constructorClient);
        assertThat(client.baseUrl()).isEqualTo(emulator.baseUrl());
        assertThat(info.getTestMethod()).isPresent(); // JUnit's own resolver still answers for TestInfo

        String sid = client.sessions().create().sessionId();
        assertThat(client.credits().balance().available()).isEqualTo(100);
        ChatReply reply = client.chat(sid).send("add lo-fi music at 35%");
        assertThat(reply.isSilent()).isFalse(); // silentRatio = 0.0
        assertThat(reply.text()).contains("Lo-fi");
        assertThat(client.credits().balance().available()).isEqualTo(95);
        assertThat(emulator.draft(sid)).contains("Lo-fi");
        assertThat(emulator.requests()).isNotEmpty().allSatisfy(
                r -> assertThat(r.header("X-Skill-Source")).contains("tiktok-add-music"));

        // leave things behind: a session, spent credits, a pending fault
        emulator.inject(Endpoint.CREDITS, Fault.serverError(503), 10);
        sessionFromFirstTest = sid;
        clientOfFirstTest = client;
    }

    @Test
    @Order(2)
    void theNextTestSeesACleanEmulator(NemoClient client, NemoEmulator emulator) {
        assertThat(emulator).isSameAs(classEmulator);
        assertThat(client).isNotSameAs(clientOfFirstTest);
        assertThat(emulator.requests()).isEmpty();
        assertThat(emulator.tokensIssued()).isZero();
        assertThatThrownBy(() -> emulator.draft(sessionFromFirstTest)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emulator.draft(sessionFromBeforeAll)).isInstanceOf(IllegalArgumentException.class);

        assertThat(client.credits().balance().available()).as("no fault left, a new user").isEqualTo(100);
        assertThat(emulator.requestCount(Endpoint.CREDITS)).isEqualTo(1);
        assertThatThrownBy(() -> client.state(sessionFromFirstTest).latest())
                .isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    @Order(3)
    void theClassClientRenewsItsTokenAfterTheReset(NemoEmulator emulator) {
        assertThat(classClient.credits().balance().available()).isEqualTo(100);
        assertThat(emulator.tokensIssued()).isEqualTo(1);
    }

    @Test
    void previousClientsAreClosed() {
        if (clientOfFirstTest != null) {
            assertThatThrownBy(() -> clientOfFirstTest.credits().balance())
                    .isInstanceOf(io.github.nemosdk.errors.ClientClosedException.class);
        }
    }

    @Test
    void retriesAndRetryAfterWaitOnTheSharedClockNotInRealTime(NemoClient client, NemoEmulator emulator) {
        emulator.inject(Endpoint.CREDITS, Fault.rateLimited(Duration.ofSeconds(90)), 1);
        emulator.inject(Endpoint.CREDITS, Fault.serverError(502), 1);
        Duration ahead = aheadOfSystemClock(emulator);
        assertThat(client.credits().balance().available()).isEqualTo(100);
        // the waits moved the shared clock, not the system clock: 90 s for the 429, at least 500 ms of backoff
        assertThat(aheadOfSystemClock(emulator).minus(ahead)).isGreaterThanOrEqualTo(Duration.ofMillis(90_500));
        assertThat(emulator.requestCount(Endpoint.CREDITS)).isEqualTo(3);
    }

    @Test
    void theEnvironmentIsIgnored(NemoClient client, NemoEmulator emulator) {
        // whatever NEMO_API_URL / NEMO_TOKEN say, the client talks to the emulator with an anonymous token
        client.credits().balance();
        assertThat(emulator.tokensIssued()).isEqualTo(1);
        assertThat(client.baseUrl()).isEqualTo(emulator.baseUrl());
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheEnclosingClassesEmulator(NemoEmulator emulator, NemoClient client) {
            assertThat(emulator).isSameAs(classEmulator);
            assertThat(emulator.requests()).isEmpty();
            assertThat(client.credits().balance().available()).isEqualTo(100);
            URI base = emulator.baseUrl();
            assertThat(client.baseUrl()).isEqualTo(base);
        }
    }

    /** How far the clock the client and the emulator share is ahead of the system clock. */
    static Duration aheadOfSystemClock(NemoEmulator emulator) {
        return Duration.between(java.time.Instant.now(), emulator.clock().instant());
    }
}
