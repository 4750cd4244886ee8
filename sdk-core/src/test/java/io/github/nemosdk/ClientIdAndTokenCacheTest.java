package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WireMockTest
class ClientIdAndTokenCacheTest {
    private static final String TOKEN = "/api/auth/anonymous-token";
    private static final String CREDITS = "/api/credits/balance/simple";

    @TempDir
    Path configDir;

    private NemoClient client(WireMockRuntimeInfo wm, Map<String, String> env) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).configDirectory(configDir)
                .environment(env).sleeper(d -> { }).build();
    }

    private static void stubToken(String token) {
        stubFor(post(TOKEN).willReturn(okJson("{\"code\":0,\"data\":{\"token\":\"" + token
                + "\",\"user_id\":\"u1\",\"expires_at\":\"2099-01-01T00:00:00Z\",\"credits\":100}}")));
    }

    private static List<String> sentClientIds() {
        return WireMock.findAll(postRequestedFor(urlEqualTo(TOKEN))).stream()
                .map(r -> r.getHeader("X-Client-Id")).collect(Collectors.toList());
    }

    @Test
    void aLoopbackClientWithoutAnExplicitDirectoryWritesNothingToTheUsersConfig(WireMockRuntimeInfo wm)
            throws Exception {
        stubToken("nmv_usr_loopback");
        stubFor(get(CREDITS).willReturn(okJson("{\"code\":0,\"data\":{\"available\":1,\"frozen\":0,\"total\":1}}")));
        Path home = configDir.resolve("xdg");
        try (NemoClient c = NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl()))
                .environment(Map.of("XDG_CONFIG_HOME", home.toString())).sleeper(d -> { }).build()) {
            assertThat(c.auth().clientId()).isNotBlank();
            c.credits().balance();
        }
        assertThat(home).as("the default config directory of a loopback client").doesNotExist();

        Path explicit = configDir.resolve("explicit");
        try (NemoClient c = NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl()))
                .environment(Map.of("XDG_CONFIG_HOME", home.toString(), "NEMO_CONFIG_DIR", explicit.toString()))
                .sleeper(d -> { }).build()) {
            c.credits().balance();
        }
        assertThat(explicit.resolve("client_id")).as("NEMO_CONFIG_DIR is used when set").exists();
        assertThat(explicit.resolve("tokens.json")).exists();
        assertThat(home).doesNotExist();
    }

    @Test
    void aGeneratedClientIdIsPersistedOwnerOnlyAndReusedByTheNextRun(WireMockRuntimeInfo wm) throws Exception {
        stubToken("nmv_usr_a");
        String first;
        try (NemoClient c = client(wm, Map.of())) {
            first = c.auth().clientId();
            c.auth().anonymousToken();
        }
        try (NemoClient c = client(wm, Map.of())) {
            assertThat(c.auth().clientId()).isEqualTo(first);
            c.auth().anonymousToken();
        }
        assertThat(sentClientIds()).containsExactly(first, first);
        assertThat(first).matches("[0-9a-f-]{36}");
        Path file = configDir.resolve("client_id");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim()).isEqualTo(first);
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void nemoClientIdFromTheEnvironmentWins(WireMockRuntimeInfo wm) {
        stubToken("nmv_usr_a");
        try (NemoClient c = client(wm, Map.of("NEMO_CLIENT_ID", "11111111-2222-3333-4444-555555555555"))) {
            c.auth().anonymousToken();
        }
        assertThat(sentClientIds()).containsExactly("11111111-2222-3333-4444-555555555555");
        assertThat(configDir.resolve("client_id")).doesNotExist();
    }

    @Test
    void theAnonymousTokenIsCachedOwnerOnlyAndReusedAcrossClients(WireMockRuntimeInfo wm) throws Exception {
        stubToken("nmv_usr_cached");
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_cached"))
                .willReturn(okJson("{\"code\":0,\"data\":{\"available\":1,\"frozen\":0,\"total\":1}}")));
        try (NemoClient c = client(wm, Map.of())) {
            c.credits().balance();
        }
        try (NemoClient c = client(wm, Map.of())) {
            c.credits().balance();
        }
        verify(1, postRequestedFor(urlEqualTo(TOKEN)));
        Path cache = configDir.resolve("tokens.json");
        assertThat(cache).exists();
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");
    }

    @Test
    void aTokenIssuedAfterTheClientIdWasRefusedIsCachedUnderTheNewIdAndFoundByTheNextRun(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN).inScenario("id").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withBody("{\"detail\":\"X-Client-Id header is required\"}"))
                .willSetStateTo("renewed"));
        stubFor(post(TOKEN).inScenario("id").whenScenarioStateIs("renewed").willReturn(okJson(
                "{\"code\":0,\"data\":{\"token\":\"nmv_usr_renewed\",\"user_id\":\"u1\",\"credits\":100}}")));
        stubFor(get(CREDITS).willReturn(okJson("{\"code\":0,\"data\":{\"available\":1,\"frozen\":0,\"total\":1}}")));
        String renewedId;
        try (NemoClient c = client(wm, Map.of())) {
            c.credits().balance();
            renewedId = c.auth().clientId();
        }
        try (NemoClient c = client(wm, Map.of())) {
            c.credits().balance();
            assertThat(c.auth().clientId()).isEqualTo(renewedId);
        }
        List<String> ids = sentClientIds();
        assertThat(ids).as("refused id, then the new one; the next run reuses the cached token").hasSize(2);
        assertThat(ids.get(1)).isEqualTo(renewedId).isNotEqualTo(ids.get(0));
    }

    @Test
    void aRejectedCachedTokenIsDroppedFromTheCache(WireMockRuntimeInfo wm) throws Exception {
        stubFor(post(TOKEN).inScenario("t").whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(
                "{\"code\":0,\"data\":{\"token\":\"nmv_usr_old\"}}")).willSetStateTo("new"));
        stubFor(post(TOKEN).inScenario("t").whenScenarioStateIs("new").willReturn(okJson(
                "{\"code\":0,\"data\":{\"token\":\"nmv_usr_new\"}}")));
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_old"))
                .willReturn(aResponse().withStatus(401).withBody("{\"code\":1001}")));
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_new"))
                .willReturn(okJson("{\"code\":0,\"data\":{\"available\":1,\"frozen\":0,\"total\":1}}")));
        try (NemoClient c = client(wm, Map.of())) {
            c.credits().balance();
        }
        String cache = new String(Files.readAllBytes(configDir.resolve("tokens.json")), StandardCharsets.UTF_8);
        assertThat(cache).contains("nmv_usr_new").doesNotContain("nmv_usr_old");
    }

    @Test
    void aFixedTokenFromTheEnvironmentIsUsedAndNothingIsWritten(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_env"))
                .willReturn(okJson("{\"code\":0,\"data\":{\"available\":5,\"frozen\":0,\"total\":5}}")));
        try (NemoClient c = client(wm, Map.of("NEMO_TOKEN", "nmv_usr_env"))) {
            assertThat(c.credits().balance().available()).isEqualTo(5);
        }
        verify(0, postRequestedFor(urlEqualTo(TOKEN)));
        assertThat(configDir.resolve("tokens.json")).doesNotExist();
        assertThat(configDir.resolve("client_id")).doesNotExist();
    }

    /** A clock an hour ahead of a token's expiry. */
    private NemoClient clientAnHourLate(WireMockRuntimeInfo wm) {
        java.time.Clock late = java.time.Clock.fixed(java.time.Instant.parse("2026-06-01T13:00:00Z"),
                java.time.ZoneOffset.UTC);
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).configDirectory(configDir)
                .environment(Map.of()).sleeper(d -> { }).clock(late).build();
    }

    @Test
    void aTokenIsKeptUntilTheServerRejectsItWhateverTheLocalClockSays(WireMockRuntimeInfo wm) {
        // issued with an expiry the local clock has already passed by an hour
        stubFor(post(TOKEN).willReturn(okJson("{\"code\":0,\"data\":{\"token\":\"nmv_usr_skewed\","
                + "\"user_id\":\"u1\",\"expires_at\":\"2026-06-01T12:00:00Z\",\"credits\":100}}")));
        stubFor(get(CREDITS).willReturn(okJson("{\"code\":0,\"data\":{\"available\":1,\"frozen\":0,\"total\":1}}")));
        for (int run = 0; run < 2; run++) {
            try (NemoClient c = clientAnHourLate(wm)) {
                for (int i = 0; i < 3; i++) {
                    c.credits().balance();
                }
            }
        }
        verify(1, postRequestedFor(urlEqualTo(TOKEN)));
        verify(6, WireMock.getRequestedFor(urlEqualTo(CREDITS))
                .withHeader("Authorization", equalTo("Bearer nmv_usr_skewed")));
    }

    @Test
    void aTokenWithoutUserIdOrExpiryIsUsedAndCached(WireMockRuntimeInfo wm) {
        stubFor(post(TOKEN).willReturn(okJson("{\"code\":0,\"data\":{\"token\":\"nmv_usr_bare\",\"credits\":100}}")));
        stubFor(get(CREDITS).withHeader("Authorization", equalTo("Bearer nmv_usr_bare"))
                .willReturn(okJson("{\"code\":0,\"data\":{\"available\":1,\"frozen\":0,\"total\":1}}")));
        try (NemoClient c = client(wm, Map.of())) {
            io.github.nemosdk.auth.AnonymousToken t = c.auth().anonymousToken();
            assertThat(t.userId()).isEmpty();
            assertThat(t.expiresAt()).isEmpty();
            c.credits().balance();
        }
        try (NemoClient c = client(wm, Map.of())) {
            c.credits().balance();
        }
        // one explicit acquisition plus the client's own first one; the second client reused the cache
        verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void theTokenCacheKeepsTheSixteenNewestEntriesWhateverTheirExpiry() {
        io.github.nemosdk.internal.auth.TokenCache cache = new io.github.nemosdk.internal.auth.TokenCache(
                configDir.resolve("tokens.json"));
        for (int i = 0; i < 20; i++) {
            cache.store("https://api.example", "client-" + i, io.github.nemosdk.auth.AnonymousToken.of(
                    "nmv_usr_" + i, null, java.time.Instant.EPOCH, null));
        }
        assertThat(cache.load("https://api.example", "client-19")).isNotNull();
        assertThat(cache.load("https://api.example", "client-3")).as("the oldest four went").isNull();
        assertThat(cache.load("https://api.example", "client-4").token()).isEqualTo("nmv_usr_4");
    }
}
