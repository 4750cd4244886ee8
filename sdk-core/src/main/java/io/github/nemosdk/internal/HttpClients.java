package io.github.nemosdk.internal;

import java.net.Authenticator;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** The HTTP client a {@code NemoClient} uses: one it builds, or one the user gave, checked. */
public final class HttpClients {
    private HttpClients() {
    }

    /**
     * Builds the SDK's own client: never follows redirects (a redirect would carry the bearer token elsewhere).
     *
     * @param connectTimeout the connect timeout
     * @param version        the HTTP version
     * @param proxy          the proxy selector, or null for none
     * @param authenticator  the authenticator, or null
     * @param sslContext     the TLS context, or null for the JVM's
     * @return the client
     */
    public static HttpClient create(Duration connectTimeout, HttpClient.Version version, ProxySelector proxy,
            Authenticator authenticator, SSLContext sslContext) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(version)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (proxy != null) {
            b.proxy(proxy);
        }
        if (authenticator != null) {
            b.authenticator(authenticator);
        }
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        return b.build();
    }

    /**
     * Checks a client the user gave.
     *
     * @param http        the client
     * @param alsoNetwork whether proxy, authenticator or TLS settings were set on the builder as well
     * @return the client
     * @throws IllegalArgumentException if it follows redirects, or if builder network settings would be ignored
     */
    public static HttpClient given(HttpClient http, boolean alsoNetwork) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("The HttpClient given to httpClient(...) follows redirects ("
                    + http.followRedirects() + "): a redirect would carry the bearer token to another host."
                    + " Build it with followRedirects(HttpClient.Redirect.NEVER).");
        }
        if (alsoNetwork) {
            throw new IllegalArgumentException("proxy(...), authenticator(...) and sslContext(...) configure the"
                    + " HTTP client the SDK builds, but httpClient(...) gives one of your own: set them on that"
                    + " HttpClient's builder instead, or drop httpClient(...).");
        }
        return http;
    }
}
