package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.nemosdk.errors.ClientClosedException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.ServerErrorException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Derived clients: per-call options that share the parent's pool, token and threads. */
@WireMockTest
class RequestOptionsTest {
    private static final String CREDITS = "/api/credits/balance/simple";
    private static final String OK_CREDITS = "{\"code\":0,\"data\":{\"available\":90}}";

    @TempDir
    Path dir;

    private NemoClient.Builder builder(WireMockRuntimeInfo wm) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).configDirectory(dir)
                .environment(Map.of()).sleeper(d -> { });
    }

    @Test
    void extraHeadersGoWithTheDerivedClientsCallsOnly(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(okJson(OK_CREDITS)));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            NemoClient traced = client.withOptions(RequestOptions.builder().header("X-Trace-Id", "trace-42")
                    .header("X-Tenant", "acme").build());
            traced.credits().balance();
            client.credits().balance();
        }
        verify(1, getRequestedFor(urlEqualTo(CREDITS)).withHeader("X-Trace-Id", equalTo("trace-42"))
                .withHeader("X-Tenant", equalTo("acme")).withHeader("Authorization", equalTo("Bearer nmv_usr_t")));
        verify(1, getRequestedFor(urlEqualTo(CREDITS)).withHeader("X-Trace-Id", absent()));
    }

    @Test
    void headersTheSdkSetsCannotBeReplaced() {
        for (String name : new String[] {"Authorization", "authorization", "X-Skill-Source", "X-Skill-Version",
            "X-Skill-Platform", "X-Client-Id", "User-Agent", "Content-Type"}) {
            assertThatThrownBy(() -> RequestOptions.builder().header(name, "x"))
                    .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
        }
        assertThatThrownBy(() -> RequestOptions.builder().header("X-Ok", "line\r\nInjected: yes"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.builder().header("Bad Name", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestOptions.builder().header("X-Api-Key", "gateway-secret").build().toString())
                .doesNotContain("gateway-secret");
    }

    @Test
    void theDerivedTimeoutAndRetrySettingsReplaceTheClients(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(okJson(OK_CREDITS).withFixedDelay(1500)));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            NemoClient impatient = client.withOptions(RequestOptions.builder().timeout(Duration.ofMillis(200))
                    .retry(RetrySettings.disabled()).build());
            assertThatThrownBy(() -> impatient.credits().balance()).isInstanceOf(NemoTimeoutException.class);
            assertThat(client.credits().balance().available()).isEqualTo(90);
        }
        stubFor(get(CREDITS).willReturn(aResponse().withStatus(503)));
        try (NemoClient client = builder(wm).token("nmv_usr_t").build()) {
            assertThatThrownBy(() -> client.withOptions(RequestOptions.builder().retry(RetrySettings.disabled())
                    .build()).credits().balance()).isInstanceOf(ServerErrorException.class);
        }
        // timed out once, answered once, then one 503 without retry
        verify(3, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @Test
    void theDerivedTimeoutAlsoBoundsTheBodyAndIsTheOneTheMessageNames(WireMockRuntimeInfo wm) {
        stubFor(get(CREDITS).willReturn(okJson(OK_CREDITS).withChunkedDribbleDelay(5, 5000)));
        try (NemoClient client = builder(wm).token("nmv_usr_t").retry(RetrySettings.disabled()).build()) {
            NemoClient quick = client.withOptions(RequestOptions.builder().timeout(Duration.ofMillis(300)).build());
            assertThatThrownBy(() -> quick.credits().balance()).isInstanceOf(NemoTimeoutException.class)
                    .hasMessageContaining("300 ms");
        }
    }

    @Test
    void derivedClientsShareTheTokenAndClosingOneLeavesTheOthers(WireMockRuntimeInfo wm) {
        stubFor(post("/api/auth/anonymous-token").willReturn(okJson(
                "{\"code\":0,\"data\":{\"token\":\"nmv_usr_anon\",\"user_id\":\"usr_1\",\"credits\":100}}")));
        stubFor(get(CREDITS).willReturn(okJson(OK_CREDITS)));
        NemoClient client = builder(wm).build();
        NemoClient derived = client.withOptions(RequestOptions.builder().header("X-Tenant", "a").build());
        derived.credits().balance();
        client.credits().balance();
        verify(1, postRequestedFor(urlEqualTo("/api/auth/anonymous-token")));

        derived.close();
        assertThatThrownBy(() -> derived.credits().balance()).isInstanceOf(ClientClosedException.class);
        assertThat(client.credits().balance().available()).isEqualTo(90);

        NemoClient other = client.withOptions(RequestOptions.builder().build());
        client.close();
        assertThatThrownBy(() -> other.credits().balance()).isInstanceOf(ClientClosedException.class);
        verify(3, getRequestedFor(urlEqualTo(CREDITS)));
    }

    @Test
    void toBuilderCarriesEverySettingAndSharesTheHttpClient(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get(CREDITS).willReturn(okJson(OK_CREDITS)));
        ClientListener listener = new ClientListener() { };
        NemoClient.Builder original = builder(wm).token("nmv_usr_t").listener(listener).language("de")
                .requestTimeout(Duration.ofSeconds(7)).sessionRecovery(SessionRecovery.RECREATE)
                .product(Product.ADD_MUSIC).tokenCache(false).requestLogging(false).allowInsecureHttp(true);
        try (NemoClient client = original.build()) {
            NemoClient.Builder copy = client.toBuilder();
            for (Field f : NemoClient.Builder.class.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("httpClient")) {
                    continue;
                }
                f.setAccessible(true);
                assertThat(f.get(copy)).as("toBuilder() carries %s", f.getName()).isEqualTo(f.get(original));
            }
            Field http = NemoClient.Builder.class.getDeclaredField("httpClient");
            http.setAccessible(true);
            assertThat(http.get(copy)).as("the built client's HTTP client is shared").isNotNull();
            try (NemoClient sibling = copy.requestTimeout(Duration.ofSeconds(3)).build()) {
                assertThat(sibling.credits().balance().available()).isEqualTo(90);
            }
            assertThat(client.credits().balance().available()).as("closing the sibling left the pool open")
                    .isEqualTo(90);
            assertThatThrownBy(() -> client.withOptions(RequestOptions.builder().build()).toBuilder())
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
