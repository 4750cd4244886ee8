package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.RetrySettings;
import io.github.nemosdk.SessionRecovery;
import io.github.nemosdk.SessionReplacement;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.errors.TokenExpiredException;
import io.github.nemosdk.sessions.Session;
import io.github.nemosdk.state.SessionState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK and the emulator agree on the wire, and the SDK's recovery works against a stateful server. */
class SdkAgainstEmulatorTest {
    @TempDir
    Path configDir;

    private NemoEmulator emulator;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        emulator = NemoEmulator.start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private NemoClient.Builder client() {
        return NemoClient.builder().baseUrl(emulator.baseUrl()).environment(Map.of()).configDirectory(configDir)
                .product(Product.TIKTOK_ADD_MUSIC).sleeper(sleeps::add)
                .retry(RetrySettings.builder().jitter(0).build());
    }

    @Test
    void anAnonymousClientCreatesASessionAndReadsCreditsAndState() {
        try (NemoClient client = client().build()) {
            Session session = client.sessions().create();
            emulator.setDraft(session.sessionId(), "{\"t\":[{\"tt\":0,\"sg\":[{\"d\":10000,\"m\":{\"name\":"
                    + "\"city timelapse\"}}]},{\"tt\":1,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"Lo-fi\","
                    + "\"volume\":0.35}}]},{\"tt\":7,\"sg\":[{\"d\":3000,\"m\":{\"text\":\"Urban Dreams\"}}]}],"
                    + "\"extra\":{\"kept\":true}}");
            assertThat(client.credits().balance().available()).isEqualTo(100);
            SessionState state = client.state(session.sessionId()).latest();
            assertThat(state.draft().summary()).isEqualTo("Timeline (3 tracks): 1. Video: city timelapse (0-10s)"
                    + " 2. BGM: Lo-fi (0-10s, 35%) 3. Title: \"Urban Dreams\" (0-3s)");
            assertThat(state.draft().toJson().get("extra").get("kept").asBoolean()).isTrue();
            assertThat(state.canvas()).isPresent();
        }
        assertThat(emulator.tokensIssued()).isEqualTo(1);
        RecordedRequest create = emulator.requests().stream()
                .filter(r -> r.endpoint().equals(java.util.Optional.of(Endpoint.CREATE_SESSION))).findFirst()
                .orElseThrow();
        assertThat(create.header("X-Skill-Source")).contains("tiktok-add-music");
        assertThat(create.header("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).startsWith("nemo-sdk-java/"));
    }

    @Test
    void expiredTokensAreRenewedTransparently() {
        try (NemoClient client = client().build()) {
            client.credits().balance();
            emulator.expireAllTokens();
            assertThat(client.credits().balance().total()).isEqualTo(100);
            emulator.inject(Endpoint.CREDITS, Fault.tokenExpired(), 1);
            client.credits().balance();
        }
        assertThat(emulator.tokensIssued()).isEqualTo(3);
    }

    @Test
    void aFixedTokenThatTheServerNoLongerKnowsFailsClearly() {
        try (NemoClient client = client().token("nmv_usr_unknown").build()) {
            assertThatThrownBy(() -> client.credits().balance()).isInstanceOf(TokenExpiredException.class);
        }
        assertThat(emulator.tokensIssued()).isZero();
    }

    @Test
    void aDeletedSessionIsReplacedUnderRecreateAndFailsOtherwise() {
        List<SessionReplacement> told = new CopyOnWriteArrayList<>();
        try (NemoClient failing = client().build();
                NemoClient recovering = client().sessionRecovery(SessionRecovery.RECREATE)
                        .onSessionReplaced(told::add).build()) {
            String lost = recovering.sessions().create().sessionId();
            emulator.deleteSession(lost);
            SessionState state = recovering.state(lost).latest();
            assertThat(state.sessionId()).isNotEqualTo(lost);
            assertThat(told).singleElement().satisfies(r -> {
                assertThat(r.lostSessionId()).isEqualTo(lost);
                assertThat(r.newSessionId()).isEqualTo(state.sessionId());
            });

            String other = failing.sessions().create().sessionId();
            emulator.deleteSession(other);
            assertThatThrownBy(() -> failing.state(other).latest()).isInstanceOf(SessionNotFoundException.class);
        }
    }

    @Test
    void rateLimitsServerErrorsAndDroppedConnectionsOnReadsAreRetried() {
        try (NemoClient client = client().build()) {
            Session s = client.sessions().create();
            emulator.inject(Endpoint.CREDITS, Fault.rateLimited(Duration.ofSeconds(3)), 1);
            client.credits().balance();
            emulator.inject(Endpoint.STATE, Fault.serverError(502), 1);
            emulator.inject(Endpoint.STATE, Fault.dropConnection(), 1);
            client.state(s.sessionId()).latest();
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(emulator.requestCount(Endpoint.STATE)).isEqualTo(3);
    }

    @Test
    void aDroppedConnectionOnSessionCreationIsReportedNotRepeated() {
        try (NemoClient client = client().build()) {
            client.credits().balance();
            emulator.inject(Endpoint.CREATE_SESSION, Fault.dropConnection(), 1);
            assertThatThrownBy(() -> client.sessions().create()).isInstanceOf(NemoTransportException.class)
                    .hasMessageContaining("may have acted");
        }
        assertThat(emulator.requestCount(Endpoint.CREATE_SESSION)).isEqualTo(1);
    }

    @Test
    void theTokenLimitSurfacesAsRateLimitedWithTheServersDelay() {
        try (NemoEmulator strict = NemoEmulator.builder().tokenLimitPerClient(1).start();
                NemoClient client = NemoClient.builder().baseUrl(strict.baseUrl()).environment(Map.of())
                        .configDirectory(configDir).sleeper(sleeps::add).tokenCache(false).build()) {
            client.auth().anonymousToken();
            assertThatThrownBy(() -> client.auth().anonymousToken())
                    .isInstanceOfSatisfying(RateLimitedException.class, e ->
                            assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
            assertThat(strict.tokensIssued()).isEqualTo(1);
        }
    }
}
