package io.github.nemosdk;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.nemosdk.errors.NemoException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corporate networks: a proxy (with credentials) and a TLS context set on the builder, no hand-built HttpClient. */
@WireMockTest(httpsEnabled = true)
class ProxyAndTlsTest {
    private static final String CREDITS = "/api/credits/balance/simple";

    @TempDir
    Path dir;

    private NemoClient.Builder builder(String baseUrl) {
        return NemoClient.builder().baseUrl(URI.create(baseUrl)).token("nmv_usr_proxytest").configDirectory(dir)
                .environment(Map.of()).sleeper(d -> { });
    }

    @Test
    void everyRequestGoesThroughTheProxy(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get(CREDITS).willReturn(okJson("{\"code\":0,\"data\":{\"available\":12}}")));
        try (LoopbackProxy proxy = new LoopbackProxy(null);
                NemoClient client = builder(wm.getHttpBaseUrl()).proxy(ProxySelector.of(proxy.address())).build()) {
            assertThat(client.credits().balance().available()).isEqualTo(12);
            assertThat(client.credits().balance().available()).isEqualTo(12);
            assertThat(proxy.forwarded()).containsExactly("GET " + wm.getHttpBaseUrl() + CREDITS + " HTTP/1.1",
                    "GET " + wm.getHttpBaseUrl() + CREDITS + " HTTP/1.1");
        }
    }

    @Test
    void aProxyThatWantsCredentialsGetsThemFromTheAuthenticator(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get(CREDITS).willReturn(okJson("{\"code\":0,\"data\":{\"available\":7}}")));
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        AtomicInteger asked = new AtomicInteger();
        Authenticator authenticator = new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                asked.incrementAndGet();
                return getRequestorType() == RequestorType.PROXY
                        ? new PasswordAuthentication("alice", "s3cret".toCharArray()) : null;
            }
        };
        try (LoopbackProxy proxy = new LoopbackProxy(basic);
                NemoClient client = builder(wm.getHttpBaseUrl()).proxy(ProxySelector.of(proxy.address()))
                        .authenticator(authenticator).build()) {
            assertThat(client.credits().balance().available()).isEqualTo(7);
            assertThat(asked).hasPositiveValue();
            assertThat(proxy.proxyAuthorizations()).contains(basic);
            assertThat(proxy.forwarded()).hasSize(1);
        }
    }

    @Test
    void httpsConnectionsUseTheGivenTlsContext(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get(CREDITS).willReturn(okJson("{\"code\":0,\"data\":{\"available\":3}}")));
        AtomicInteger consulted = new AtomicInteger();
        X509TrustManager trustingRecorder = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                consulted.incrementAndGet(); // a test server's certificate, trusted on purpose
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trustingRecorder}, null);
        String base = "https://localhost:" + wm.getHttpsPort();
        try (NemoClient client = builder(base).sslContext(tls).build()) {
            try {
                client.credits().balance();
            } catch (NemoException e) {
                // the test certificate may not name this host; what matters is whose trust decided
            }
        }
        assertThat(consulted).as("the TLS context given to the builder judged the server").hasPositiveValue();
    }

    @Test
    void networkSettingsBesideAnHttpClientOfYourOwnAreRefusedBeforeAnythingIsSent(WireMockRuntimeInfo wm) {
        HttpClient own = HttpClient.newHttpClient();
        assertThatThrownBy(() -> builder(wm.getHttpBaseUrl()).httpClient(own)
                .proxy(ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1", 9))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set them on that HttpClient");
    }
}
