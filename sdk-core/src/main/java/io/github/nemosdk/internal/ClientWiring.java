package io.github.nemosdk.internal;

import io.github.nemosdk.auth.TokenProvider;
import io.github.nemosdk.internal.auth.AnonymousTokenProvider;
import io.github.nemosdk.internal.auth.AuthLayer;
import io.github.nemosdk.internal.auth.ClientIdLayer;
import io.github.nemosdk.internal.auth.ClientIdStore;
import io.github.nemosdk.internal.auth.DefaultAuthClient;
import io.github.nemosdk.internal.auth.TokenCache;
import io.github.nemosdk.internal.http.Handler;
import io.github.nemosdk.internal.http.HttpExchange;
import io.github.nemosdk.internal.http.HttpLayer;
import io.github.nemosdk.internal.http.LoggingLayer;
import io.github.nemosdk.internal.http.Pause;
import io.github.nemosdk.internal.http.ResponseDecoder;
import io.github.nemosdk.internal.http.RetryLayer;
import io.github.nemosdk.internal.http.Secrets;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.internal.render.DefaultRenderClient;
import io.github.nemosdk.internal.sessions.DefaultSessionsClient;
import io.github.nemosdk.internal.sessions.SessionLayer;
import io.github.nemosdk.internal.sessions.SessionReplacer;
import io.github.nemosdk.internal.uploads.SessionMedia;
import io.github.nemosdk.render.RenderSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Assembles one client's runtime, in one place and without cycles. The transport stacks, bottom first:
 * <pre>
 *   exchange + decoding (HttpLayer) -> logging
 *     -> client id -> retry                         : the anonymous token acquisition
 *     -> auth -> retry                              : every API request
 *     -> auth -> retry -> session recreation        : every request about a session
 * </pre>
 * The token source may call the API (anonymous tokens), so it is built on the first stack before the second; session
 * replacement creates sessions through the second stack, before the third exists.
 */
public final class ClientWiring {
    /** The transport every feature client uses (the full stack). */
    public final Transport transport;
    /** The auth client. */
    public final DefaultAuthClient auth;
    /** The sessions client. */
    public final DefaultSessionsClient sessions;
    /** The credits client. */
    public final DefaultCreditsClient credits;
    /** The render client. */
    public final DefaultRenderClient render;
    /** What was uploaded to which session, shared by uploads and render. */
    public final SessionMedia media;

    /**
     * Wires a client.
     *
     * @param cfg            the settings
     * @param http           the HTTP client
     * @param ownsHttp       whether closing the client shuts the HTTP client down
     * @param clientIds      the client id store
     * @param tokens         the token source, or null for anonymous tokens
     * @param tokenCache     the anonymous token cache, or null
     * @param renderSettings the render settings
     */
    public ClientWiring(ClientConfig cfg, HttpClient http, boolean ownsHttp, ClientIdStore clientIds,
            TokenProvider tokens, TokenCache tokenCache, RenderSettings renderSettings) {
        Secrets secrets = Secrets.create();
        HttpExchange exchange = new HttpExchange(cfg, http, ownsHttp, secrets);
        Pause pause = new Pause(cfg.sleeper);
        Handler wire = new LoggingLayer(new HttpLayer(exchange, new ResponseDecoder(cfg.clock, secrets), cfg.baseUrl,
                cfg.requestTimeout, cfg.attribution), cfg.ticker, cfg.verboseLogging);
        Supplier<URI> noLink = () -> null;
        Transport base = new Transport(cfg, exchange, secrets, pause, wire, UnaryOperator.identity(), noLink);

        this.auth = new DefaultAuthClient(base.over(retry(new ClientIdLayer(wire, clientIds, cfg.verboseLogging),
                cfg, pause), UnaryOperator.identity(), noLink), clientIds);
        TokenProvider source = tokens;
        Supplier<URI> link = noLink;
        if (source == null) {
            AnonymousTokenProvider anonymous = new AnonymousTokenProvider(auth::anonymousToken, tokenCache,
                    cfg.baseUrl.toString(), clientIds);
            source = anonymous;
            // an anonymous user registers, with the user id when the token response named it
            link = () -> ResponseDecoder.registrationLink(cfg.webUrl, anonymous.userId().orElse(null));
        }
        Handler api = retry(new AuthLayer(wire, source, secrets, link, cfg.verboseLogging), cfg, pause);
        DefaultSessionsClient creator = new DefaultSessionsClient(base.over(api, UnaryOperator.identity(), link));
        SessionReplacer replacer = new SessionReplacer(creator::create, cfg.sessionListener);
        this.transport = base.over(new SessionLayer(api, replacer, cfg.sessionRecovery), replacer::resolve, link);
        this.sessions = new DefaultSessionsClient(transport);
        this.credits = new DefaultCreditsClient(transport);
        this.media = new SessionMedia();
        this.render = new DefaultRenderClient(transport, renderSettings, media);
    }

    private static Handler retry(Handler next, ClientConfig cfg, Pause pause) {
        return new RetryLayer(next, cfg.retry, pause, cfg.clock, cfg.verboseLogging);
    }
}
