package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.sessions.ProjectLink;
import io.github.nemosdk.sessions.Session;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Limits and boundaries that keep hostile or broken responses from hurting the caller. */
@WireMockTest
class HardeningTest {
    private static final String TOKEN = "nmv_usr_hardening_secret";

    @TempDir
    Path dir;

    private NemoClient client(WireMockRuntimeInfo wm) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).token(TOKEN).environment(Map.of())
                .configDirectory(dir).sleeper(d -> { }).maxAttempts(1).build();
    }

    @Test
    void deeplyNestedJsonIsRefusedWithATypedErrorNotAStackOverflow(WireMockRuntimeInfo wm) {
        String deep = "{\"code\":0,\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        stubFor(get("/api/credits/balance/simple").willReturn(okJson(deep)));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.credits().balance()).isInstanceOf(NemoProtocolException.class);
        }
    }

    @Test
    void absurdNumbersFromTheServiceAreTypedErrorsOrLeftOutNeverUncheckedExceptions(WireMockRuntimeInfo wm) {
        // a decimal out of BigDecimal's range (Jackson throws NumberFormatException), a time before the first
        // Instant (DateTimeException), a lifetime past the last one (ArithmeticException), a duration whose
        // nanoseconds wrap, a progress past int
        stubFor(get("/api/credits/balance/simple").willReturn(okJson(
                "{\"code\":0,\"data\":{\"available\":1.5e-2147483649}}")));
        stubFor(get("/api/render/proxy/lambda/render_1").willReturn(okJson("{\"success\":true,\"data\":{"
                + "\"id\":\"render_1\",\"status\":\"completed\",\"progress\":1e300,\"output\":{\"url\":"
                + "\"https://cdn.example/o.mp4\",\"duration\":1e20},"
                + "\"createdAt\":-9223372036854775808,\"completedAt\":-1e300}}")));
        stubFor(post("/api/auth/claim-token").willReturn(okJson("{\"code\":0,\"data\":{"
                + "\"claim_token\":\"clm_1\",\"expires_in\":1e300}}")));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.credits().balance()).isInstanceOf(NemoProtocolException.class)
                    .hasMessageContaining("out of the range");
            RenderJob job = client.render().get("render_1");
            assertThat(job.createdAt()).isEmpty();
            assertThat(job.completedAt()).isEmpty();
            assertThat(job.outputDuration()).isEmpty();
            assertThat(job.progress()).isBetween(0, 100);
            ProjectLink link = client.sessions().projectLink(Session.of("7000000000000000009", "task_1", null));
            assertThat(link.expiresAt()).isEmpty();
        }
    }

    @Test
    void aHugeErrorPageIsReadOnlyInPartAndReportedBriefly(WireMockRuntimeInfo wm) {
        String page = "<html><h1>Bad Gateway</h1>" + "x".repeat(5_000_000) + "</html>";
        stubFor(get("/api/credits/balance/simple").willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody(page)));
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.credits().balance()).isInstanceOfSatisfying(ServerErrorException.class,
                    e -> {
                        assertThat(e.serverMessage()).contains("Bad Gateway");
                        assertThat(e.getMessage()).hasSizeLessThan(1_000);
                    });
        }
    }

    @Test
    void aRedirectIsNeverFollowedSoCredentialsCannotLeaveTheHost(WireMockRuntimeInfo wm) {
        WireMockServer other = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        other.start();
        try {
            other.stubFor(WireMock.any(anyUrl()).willReturn(okJson("{\"code\":0,\"data\":{\"available\":1}}")));
            stubFor(get("/api/credits/balance/simple").willReturn(aResponse().withStatus(302)
                    .withHeader("Location", other.baseUrl() + "/steal")));
            try (NemoClient client = client(wm)) {
                assertThatThrownBy(() -> client.credits().balance()).isInstanceOf(NemoApiException.class);
            }
            assertThat(other.getAllServeEvents()).as("the other host was never contacted").isEmpty();
        } finally {
            other.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../credits", "a?b", "%2e%2e", "a\nb", "a/b", "a#b", "..", "a b"})
    void idsThatCouldEscapeTheirPathAreRefusedBeforeAnyRequest(String id, WireMockRuntimeInfo wm) {
        try (NemoClient client = client(wm)) {
            assertThatThrownBy(() -> client.state(id)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.chat(id)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.uploads(id)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.render().get(id)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.render().cancel(id)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(WireMock.getAllServeEvents()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = java.net.http.HttpClient.Redirect.class, names = {"NORMAL",
        "ALWAYS"})
    void anHttpClientThatFollowsRedirectsIsRefusedAtBuildTime(java.net.http.HttpClient.Redirect redirect) {
        java.net.http.HttpClient following = java.net.http.HttpClient.newBuilder().followRedirects(redirect).build();
        assertThatThrownBy(() -> NemoClient.builder().httpClient(following).environment(java.util.Map.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("follows redirects").hasMessageContaining("Redirect.NEVER");
        java.net.http.HttpClient never = java.net.http.HttpClient.newBuilder().build();
        NemoClient.builder().httpClient(never).environment(java.util.Map.of()).build().close();
    }
}
