package io.github.nemosdk.internal;

import io.github.nemosdk.auth.TokenProvider;
import io.github.nemosdk.internal.auth.AnonymousTokenProvider;
import io.github.nemosdk.internal.auth.AuthLayer;
import io.github.nemosdk.internal.auth.ClientIdLayer;
import io.github.nemosdk.internal.auth.ClientIdStore;
import io.github.nemosdk.internal.auth.DefaultAuthClient;
import io.github.nemosdk.internal.auth.TokenCache;
import io.github.nemosdk.internal.http.Handler;
import io.github.nemosdk.internal.http.HeadersLayer;
import io.github.nemosdk.internal.http.HttpExchange;
import io.github.nemosdk.internal.http.HttpLayer;
import io.github.nemosdk.internal.http.LoggingLayer;
import io.github.nemosdk.internal.http.ObservingLayer;
import io.github.nemosdk.internal.http.Pause;
import io.github.nemosdk.internal.http.ResponseDecoder;
import io.github.nemosdk.internal.http.RetryLayer;
import io.github.nemosdk.internal.http.Secrets;
import io.github.nemosdk.internal.http.Timer;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.internal.render.DefaultRenderClient;
import io.github.nemosdk.internal.sessions.DefaultSessionsClient;
import io.github.nemosdk.internal.sessions.SessionLayer;
import io.github.nemosdk.internal.sessions.SessionReplacer;
import io.github.nemosdk.internal.uploads.SessionMedia;
import io.github.nemosdk.render.RenderSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Assembles one client's runtime, in one place and without cycles. The transport stacks, bottom first:
 * <pre>
 *   exchange + decoding (HttpLayer) -> logging -> the user's listener
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
    /** The HTTP client, shared by derived clients. */
    public final HttpClient http;

    private final HttpExchange exchange;
    private final Secrets secrets;
    private final TokenProvider source;
    private final Supplier<URI> link;
    private final SessionReplacer replacer;
    private final RenderSettings renderSettings;
    private final Executor blocking;
    private final Timer timer;

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
     * @param blocking       runs the blocking steps of asynchronous calls (a token acquisition, a session
     *                       replacement, an injected Sleeper's waits)
     */
    public ClientWiring(ClientConfig cfg, HttpClient http, boolean ownsHttp, ClientIdStore clientIds,
            TokenProvider tokens, TokenCache tokenCache, RenderSettings renderSettings, Executor blocking) {
        this.blocking = blocking;
        this.http = http;
        this.renderSettings = renderSettings;
        this.secrets = Secrets.create();
        this.exchange = new HttpExchange(cfg, http, ownsHttp, secrets);
        Pause pause = new Pause(cfg.sleeper);
        this.timer = pause.timer(exchange::scheduler, blocking, exchange.live());
        Handler wire = wire(cfg, Map.of());
        Supplier<URI> noLink = () -> null;
        Transport base = new Transport(cfg, exchange, secrets, pause, timer, wire, UnaryOperator.identity(),
                noLink);

        this.auth = new DefaultAuthClient(base.over(retry(new ClientIdLayer(wire, clientIds, cfg.verboseLogging, blocking),
                cfg, pause, timer), UnaryOperator.identity(), noLink), clientIds);
        if (tokens == null) {
            AnonymousTokenProvider anonymous = new AnonymousTokenProvider(auth::anonymousToken, tokenCache,
                    cfg.baseUrl.toString(), clientIds);
            this.source = anonymous;
            // an anonymous user registers, with the user id when the token response named it
            this.link = () -> ResponseDecoder.registrationLink(cfg.webUrl, anonymous.userId().orElse(null));
        } else {
            this.source = tokens;
            this.link = noLink;
        }
        Handler api = retry(new AuthLayer(wire, source, secrets, link, cfg.verboseLogging, cfg.listener, blocking),
                cfg, pause, timer);
        DefaultSessionsClient creator = new DefaultSessionsClient(base.over(api, UnaryOperator.identity(), link));
        this.replacer = new SessionReplacer(creator::create, r -> {
            Listeners.tell("session recovery", () -> cfg.sessionListener.onSessionReplaced(r));
            Listeners.tell("session recovery", () -> cfg.listener.onSessionReplaced(r));
        });
        this.transport = base.over(new SessionLayer(api, replacer, cfg.sessionRecovery, blocking), replacer::resolve,
                link);
        this.sessions = new DefaultSessionsClient(transport);
        this.credits = new DefaultCreditsClient(transport);
        this.media = new SessionMedia();
        this.render = new DefaultRenderClient(transport, renderSettings, media);
    }

    /** A derived client's wiring: the same runtime, tokens, sessions and uploads, other settings and headers. */
    private ClientWiring(ClientWiring parent, ClientConfig cfg, Map<String, String> headers) {
        this.http = parent.http;
        this.renderSettings = parent.renderSettings;
        this.exchange = parent.exchange;
        this.secrets = parent.secrets;
        this.source = parent.source;
        this.link = parent.link;
        this.replacer = parent.replacer;
        this.auth = parent.auth;
        this.media = parent.media;
        this.blocking = parent.blocking;
        this.timer = parent.timer;
        Pause pause = parent.transport.pause();
        Handler api = retry(new AuthLayer(wire(cfg, headers), source, secrets, link, cfg.verboseLogging,
                cfg.listener, blocking), cfg, pause, timer);
        this.transport = parent.transport.view(cfg, new SessionLayer(api, replacer, cfg.sessionRecovery, blocking),
                replacer::resolve);
        this.sessions = new DefaultSessionsClient(transport);
        this.credits = new DefaultCreditsClient(transport);
        this.render = new DefaultRenderClient(transport, renderSettings, media);
    }

    /**
     * The render settings.
     *
     * @return the settings
     */
    public RenderSettings renderSettings() {
        return renderSettings;
    }

    /**
     * The wiring of a derived client that shares this one's connection pool, token source, session replacements and
     * uploads.
     *
     * @param cfg     the derived client's settings (retry, request timeout)
     * @param headers extra headers for every request
     * @return the wiring
     */
    public ClientWiring derive(ClientConfig cfg, Map<String, String> headers) {
        return new ClientWiring(this, cfg, headers);
    }

    /** The bottom of every stack: exchange and decoding, extra headers, logging, the user's listener. */
    private Handler wire(ClientConfig cfg, Map<String, String> headers) {
        Handler http = new HttpLayer(exchange, new ResponseDecoder(cfg.clock, secrets), cfg.baseUrl,
                cfg.requestTimeout, cfg.attribution);
        if (!headers.isEmpty()) {
            http = new HeadersLayer(http, headers);
        }
        return new ObservingLayer(new LoggingLayer(http, cfg.ticker, cfg.verboseLogging), cfg.listener, cfg.ticker);
    }

    private static Handler retry(Handler next, ClientConfig cfg, Pause pause, Timer timer) {
        return new RetryLayer(next, cfg.retry, pause, timer, cfg.clock, cfg.verboseLogging, cfg.listener);
    }
}
