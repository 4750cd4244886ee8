package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@WireMockTest
class NemoClientBuilderTest {
    @TempDir
    Path configDir;

    @Test
    void theEnvironmentSuppliesBaseUrlTokenAndConfigDirectory(WireMockRuntimeInfo wm) {
        stubFor(get("/api/credits/balance/simple").willReturn(okJson(
                "{\"code\":0,\"data\":{\"available\":3,\"frozen\":0,\"total\":3}}")));
        try (NemoClient client = NemoClient.builder().environment(Map.of("NEMO_API_URL", wm.getHttpBaseUrl(),
                "NEMO_TOKEN", "nmv_usr_env", "NEMO_CONFIG_DIR", configDir.toString())).build()) {
            assertThat(client.baseUrl()).isEqualTo(URI.create(wm.getHttpBaseUrl()));
            assertThat(client.credits().balance().available()).isEqualTo(3);
        }
        verify(1, getRequestedFor(urlEqualTo("/api/credits/balance/simple")));
    }

    @Test
    void withNothingSetItTargetsProductionAsNemoVideo() {
        try (NemoClient client = NemoClient.builder().environment(Map.of()).configDirectory(configDir).build()) {
            assertThat(client.baseUrl()).isEqualTo(NemoClient.DEFAULT_BASE_URL);
            assertThat(client.attribution()).isEqualTo(Attribution.of("nemo-video", "1.0.0", "unknown"));
            assertThat(client.maxUploadBytes()).isEqualTo(500L * 1024 * 1024);
        }
    }

    @Test
    void theProductSetsAttributionAndUploadLimitAndExplicitAttributionWins() {
        try (NemoClient mm = NemoClient.builder().environment(Map.of()).product(Product.MUSIC_MAKER).build();
                NemoClient custom = NemoClient.builder().environment(Map.of()).product(Product.MUSIC_MAKER)
                        .attribution("my-app", "2.1.0", "github").build()) {
            assertThat(mm.attribution().source()).isEqualTo("music-maker");
            assertThat(mm.maxUploadBytes()).isEqualTo(200L * 1024 * 1024);
            assertThat(custom.attribution()).isEqualTo(Attribution.of("my-app", "2.1.0", "github"));
            assertThat(custom.maxUploadBytes()).isEqualTo(200L * 1024 * 1024);
        }
    }

    @Test
    void thePlatformComesFromSkillSourceUnlessAttributionIsSetExplicitly(WireMockRuntimeInfo wm) {
        stubFor(get("/api/credits/balance/simple").willReturn(okJson(
                "{\"code\":0,\"data\":{\"available\":3,\"frozen\":0,\"total\":3}}")));
        try (NemoClient fromEnv = NemoClient.builder().environment(Map.of("SKILL_SOURCE", "ClawHub"))
                .baseUrl(URI.create(wm.getHttpBaseUrl())).token("nmv_usr_p").configDirectory(configDir)
                .product(Product.ADD_MUSIC).build();
                NemoClient odd = NemoClient.builder().environment(Map.of("SKILL_SOURCE", "not a platform"))
                        .configDirectory(configDir).build();
                NemoClient explicit = NemoClient.builder().environment(Map.of("SKILL_SOURCE", "cursor"))
                        .configDirectory(configDir).attribution("my-app", "2.1.0", "github").build()) {
            assertThat(fromEnv.attribution()).isEqualTo(Attribution.of("add-music", "1.0.0", "clawhub"));
            fromEnv.credits().balance();
            assertThat(odd.attribution().platform()).isEqualTo("unknown");
            assertThat(explicit.attribution().platform()).isEqualTo("github");
        }
        verify(1, getRequestedFor(urlEqualTo("/api/credits/balance/simple"))
                .withHeader("X-Skill-Platform", com.github.tomakehurst.wiremock.client.WireMock.equalTo("clawhub")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.example.com", "http://10.0.0.5:8080"})
    void plainHttpToANonLoopbackHostIsRefusedUnlessAllowed(String url) {
        assertThatThrownBy(() -> NemoClient.builder().environment(Map.of()).baseUrl(URI.create(url)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowInsecureHttp");
        NemoClient.builder().environment(Map.of()).baseUrl(URI.create(url)).allowInsecureHttp(true).build().close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:1", "http://[::1]:9000"})
    void plainHttpToLoopbackIsAccepted(String url) {
        NemoClient.builder().environment(Map.of()).baseUrl(URI.create(url)).build().close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host", "mega-api-prod.nemovideo.ai", "https://host/?x=1", "https://u:p@host"})
    void malformedBaseUrlsAreRefusedWithAnExample(String url) {
        assertThatThrownBy(() -> NemoClient.builder().environment(Map.of()).baseUrl(URI.create(url)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base URL");
    }

    @Test
    void anInvalidNemoApiUrlNamesTheVariable() {
        assertThatThrownBy(() -> NemoClient.builder().environment(Map.of("NEMO_API_URL", "https://bad host")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NEMO_API_URL");
    }

    @Test
    void badSettingsFailAtOnceWithTheirName() {
        NemoClient.Builder b = NemoClient.builder();
        assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO)).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> b.language("english please")).hasMessageContaining("language");
        assertThatThrownBy(() -> b.token(" ")).hasMessageContaining("NEMO_TOKEN");
        assertThatThrownBy(() -> b.attribution("add music", "1", "x")).hasMessageContaining("source");
        assertThatThrownBy(() -> b.maxAttempts(0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> NemoClient.builder().environment(Map.of()).clientId("x y").build())
                .hasMessageContaining("client id");
    }

    @Test
    void aClosedClientRefusesCallsWithoutSendingThem(WireMockRuntimeInfo wm) {
        NemoClient client = NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).token("nmv_usr_t")
                .environment(Map.of()).build();
        client.close();
        client.close();
        assertThatThrownBy(() -> client.credits().balance())
                .isInstanceOf(io.github.nemosdk.errors.ClientClosedException.class).hasMessageContaining("closed");
        verify(0, getRequestedFor(urlEqualTo("/api/credits/balance/simple")));
    }

    @Test
    void productsAreFoundByTheirAttributionSource() {
        assertThat(Product.fromSource("Add-Music-AI")).isEqualTo(Product.ADD_MUSIC_AI);
        assertThatThrownBy(() -> Product.fromSource("nope")).hasMessageContaining("tiktok-add-music");
    }
}
