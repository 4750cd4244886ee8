package io.github.nemosdk;

import io.github.nemosdk.async.AsyncNemoClient;
import io.github.nemosdk.auth.AuthClient;
import io.github.nemosdk.auth.TokenProvider;
import io.github.nemosdk.chat.ChatClient;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.credits.CreditsClient;
import io.github.nemosdk.internal.AsyncExecutors;
import io.github.nemosdk.internal.ClientConfig;
import io.github.nemosdk.internal.ClientWiring;
import io.github.nemosdk.internal.DefaultAsyncClient;
import io.github.nemosdk.internal.render.DefaultAsyncRenderClient;
import io.github.nemosdk.internal.DefaultStateClient;
import io.github.nemosdk.internal.workflows.DefaultWorkflowsClient;
import io.github.nemosdk.internal.Environment;
import io.github.nemosdk.internal.FailsafeVersion;
import io.github.nemosdk.internal.HttpClients;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.internal.auth.ClientIdStore;
import io.github.nemosdk.internal.auth.TokenCache;
import io.github.nemosdk.internal.chat.DefaultChatClient;
import io.github.nemosdk.internal.http.ResponseCapture;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.internal.sessions.DefaultSessionsClient;
import io.github.nemosdk.internal.uploads.DefaultUploadsClient;
import io.github.nemosdk.internal.uploads.SessionMedia;
import io.github.nemosdk.render.RenderClient;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.sessions.SessionsClient;
import io.github.nemosdk.state.StateClient;
import io.github.nemosdk.uploads.UploadsClient;
import io.github.nemosdk.workflows.WorkflowsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The entry point to the Nemo video API. One client holds one HTTP client, the token, and the retry and recovery
 * policies; it is thread-safe and meant to be shared. Close it when done.
 *
 * <pre>{@code
 * try (NemoClient client = NemoClient.fromEnv()) {
 *     Session session = client.sessions().create();
 *     System.out.println(client.credits().balance().available());
 *     System.out.println(client.state(session.sessionId()).latest().draft().summary());
 * }
 * }</pre>
 *
 * <p>Every request carries {@code Authorization: Bearer …}, the attribution headers {@code X-Skill-Source},
 * {@code X-Skill-Version} and {@code X-Skill-Platform}, and a {@code User-Agent} naming the SDK and Java versions.
 */
public final class NemoClient implements AutoCloseable {
    /** The production API, used when neither {@link Builder#baseUrl(URI)} nor {@code NEMO_API_URL} is set. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://mega-api-prod.nemovideo.ai");
    /** The web app, used when neither {@link Builder#webUrl(URI)} nor {@code NEMO_WEB_URL} is set. */
    public static final URI DEFAULT_WEB_URL = URI.create("https://nemovideo.com");

    private final ClientConfig config;
    private final Transport transport;
    private final AuthClient auth;
    private final SessionsClient sessions;
    private final CreditsClient credits;
    private final RenderClient render;
    private final SessionMedia media;
    private final long maxUploadBytes;
    private final AsyncExecutors executors;
    private final ClientWiring wiring;
    /** The settings this client was built from; null for a derived client. */
    private final Builder origin;
    private final Object asyncLock = new Object();
    private AsyncNemoClient async;

    private NemoClient(ClientConfig config, ClientWiring wiring, long maxUploadBytes, AsyncExecutors executors,
            Builder origin) {
        this.wiring = wiring;
        this.origin = origin;
        this.media = wiring.media;
        this.maxUploadBytes = maxUploadBytes;
        this.executors = executors;
        this.config = config;
        this.transport = wiring.transport;
        this.auth = wiring.auth;
        this.sessions = wiring.sessions;
        this.credits = wiring.credits;
        this.render = wiring.render;
    }

    /**
     * A builder whose unset options fall back to the environment ({@code NEMO_API_URL}, {@code NEMO_TOKEN},
     * {@code NEMO_CLIENT_ID}, {@code NEMO_WEB_URL}, {@code NEMO_CONFIG_DIR}, {@code NEMO_LOG}, and
     * {@code SKILL_SOURCE} for the {@code X-Skill-Platform} header) and then to the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment alone; same as {@code builder().build()}.
     *
     * @return a new client
     * @throws IllegalArgumentException if an environment variable holds an invalid value
     */
    public static NemoClient fromEnv() {
        return builder().build();
    }

    /**
     * Authentication: anonymous tokens and the client id.
     *
     * @return the auth client
     */
    public AuthClient auth() {
        return auth;
    }

    /**
     * Session creation.
     *
     * @return the sessions client
     */
    public SessionsClient sessions() {
        return sessions;
    }

    /**
     * The credit balance.
     *
     * @return the credits client
     */
    public CreditsClient credits() {
        return credits;
    }

    /**
     * The state (timeline and media) of one session.
     *
     * @param sessionId a session id from {@link SessionsClient#create()}
     * @return a state client for that session
     * @throws IllegalArgumentException if the id is not a valid session id (letters, digits, '_', '-')
     */
    public StateClient state(String sessionId) {
        return new DefaultStateClient(transport, sessionId);
    }

    /**
     * Chat turns on one session: {@code stream(prompt)} for events as they arrive, {@code send(prompt)} for the
     * whole reply.
     *
     * @param sessionId a session id from {@link SessionsClient#create()}
     * @return a chat client for that session
     * @throws IllegalArgumentException if the id is not a valid session id
     */
    public ChatClient chat(String sessionId) {
        return new DefaultChatClient(transport, sessionId, config.chat);
    }

    /**
     * Uploads to one session. Files are checked (format, content, size within {@link #maxUploadBytes()}) before
     * anything is sent, and streamed from disk.
     *
     * @param sessionId a session id from {@link SessionsClient#create()}
     * @return an uploads client for that session
     * @throws IllegalArgumentException if the id is not a valid session id
     */
    public UploadsClient uploads(String sessionId) {
        return new DefaultUploadsClient(transport, sessionId, maxUploadBytes(), null, media);
    }

    /**
     * Rendering: export a session to MP4, or start, poll, cancel and download renders yourself.
     *
     * @return the render client
     */
    public RenderClient render() {
        return render;
    }

    /**
     * The products' workflows in one call: the quick edit (clip in, MP4 with music out) and batches of them.
     *
     * @return the workflows client
     */
    public WorkflowsClient workflows() {
        return new DefaultWorkflowsClient(this, config.product, transport::sleep, config.clock,
                config.retry.defaultRateLimitDelay());
    }

    /**
     * The asynchronous API: the same sub-clients and method names, returning {@code CompletableFuture}s that no
     * thread waits for (requests go out with the HTTP client's non-blocking exchange, retries and polls are
     * scheduled), and chat turns as back-pressured {@code Flow.Publisher}s. Cancelling a future stops its work.
     * The executor given to {@link Builder#executor(java.util.concurrent.Executor)} (by default a cached pool of
     * daemon threads owned by this client) runs only token acquisitions, session replacements and the composite
     * calls (chat {@code send}, the workflows).
     *
     * @return the asynchronous client, shared by all callers
     */
    public AsyncNemoClient async() {
        synchronized (asyncLock) {
            if (async == null) {
                async = new DefaultAsyncClient(this, transport, executors.calls(),
                        new DefaultAsyncRenderClient(wiring.render, transport, wiring.renderSettings(),
                                executors.calls()));
            }
            return async;
        }
    }

    /**
     * The API base URL this client talks to.
     *
     * @return the base URL
     */
    public URI baseUrl() {
        return config.baseUrl;
    }

    /**
     * The attribution headers this client sends.
     *
     * @return the attribution
     */
    public Attribution attribution() {
        return config.attribution;
    }

    /**
     * The largest file this client's product accepts for upload.
     *
     * @return the limit in bytes
     */
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /**
     * Ends everything the client started and releases its resources: open chat streams (blocking and async),
     * pending requests, waits between calls, render waits and downloads end promptly with
     * {@link io.github.nemosdk.errors.ClientClosedException} for whoever is reading or waiting, their connections
     * are let go, and the client's threads stop. Calls made afterwards fail with the same exception without sending
     * anything. An HTTP client passed to {@link Builder#httpClient(HttpClient)} is left open. Idempotent.
     */
    @Override
    public void close() {
        transport.close();
        if (origin != null) {
            executors.shutdown(); // a derived client's pools are its parent's
        }
    }

    /**
     * A client for calls with other options (timeout, extra headers, retry settings), sharing this client's
     * connection pool, token, session replacements, uploads and threads: cheap to make per call, as in
     * {@code client.withOptions(opts).credits().balance()}. Closing it ends only its own new calls; closing this
     * client ends both.
     *
     * @param options the options; unset ones keep this client's
     * @return the derived client
     */
    public NemoClient withOptions(RequestOptions options) {
        Objects.requireNonNull(options, "options");
        ClientConfig cfg = config.with(options.retry().orElse(config.retry),
                options.timeout().orElse(config.requestTimeout));
        return new NemoClient(cfg, wiring.derive(cfg, options.headers()), maxUploadBytes, executors, null);
    }

    /**
     * Runs a call and returns its result with the HTTP exchanges behind it: status and request id of a success, and
     * every attempt made (retries included), as in
     * {@code client.withRawResponse(c -> c.credits().balance()).requestId()}. Only requests made on the calling
     * thread count, so pass blocking calls (not {@code async()} ones).
     *
     * @param <T>  the result type
     * @param call the call, given this client
     * @return the result and its exchanges
     * @throws io.github.nemosdk.errors.NemoException as the call does
     */
    public <T> ApiResponse<T> withRawResponse(java.util.function.Function<? super NemoClient, ? extends T> call) {
        Objects.requireNonNull(call, "call");
        java.util.List<RequestEvent> exchanges = new java.util.ArrayList<>();
        T value = ResponseCapture.capture(() -> call.apply(this), exchanges);
        return ApiResponse.of(value, exchanges);
    }

    /**
     * A builder holding the settings this client was built with, and its HTTP client, so that what it builds shares
     * this client's connection pool. The HTTP client stays this client's: closing the built one leaves it open, and
     * closing this one shuts it down (JDK 21 and later), so close this client last. Change what differs and build.
     *
     * @return a new builder
     * @throws IllegalStateException for a client made by {@link #withOptions}: call it on the client it came from
     */
    public Builder toBuilder() {
        if (origin == null) {
            throw new IllegalStateException("This client was made by withOptions(...); call toBuilder() on the client"
                    + " it came from, or withOptions(...) again.");
        }
        Builder b = origin.copy();
        b.httpClient = wiring.http;
        b.proxy = null; // already part of the shared HTTP client
        b.authenticator = null;
        b.sslContext = null;
        return b;
    }

    @Override
    public String toString() {
        return "NemoClient{baseUrl=" + config.baseUrl + ", attribution=" + config.attribution + "}";
    }

    /**
     * Builds a {@link NemoClient}. Every option is optional. Not thread-safe; the client it builds is.
     */
    public static final class Builder {
        private URI baseUrl;
        private URI webUrl;
        private TokenProvider tokenProvider;
        private String clientId;
        private Product product;
        private Attribution attribution;
        private String language;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetrySettings retry = RetrySettings.defaults();
        private ChatSettings chatSettings = ChatSettings.defaults();
        private RenderSettings renderSettings = RenderSettings.defaults();
        private Long maxUploadBytes;
        private java.util.concurrent.Executor executor;
        private HttpClient httpClient;
        private HttpClient.Version httpVersion = HttpClient.Version.HTTP_1_1;
        private java.util.concurrent.Executor httpExecutor;
        private java.net.ProxySelector proxy;
        private java.net.Authenticator authenticator;
        private javax.net.ssl.SSLContext sslContext;
        private Clock clock = Clock.systemUTC();
        /** Null: the client's own wait, which {@code close()} ends. */
        private Sleeper sleeper;
        private Ticker ticker = Ticker.system();
        private SessionRecovery sessionRecovery = SessionRecovery.FAIL;
        private SessionRecoveryListener sessionListener = r -> { };
        private ClientListener listener = Listeners.NONE;
        private Path configDirectory;
        private boolean tokenCache = true;
        private Boolean requestLogging;
        private boolean allowInsecureHttp;
        private Map<String, String> environment;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.baseUrl = baseUrl;
            b.webUrl = webUrl;
            b.tokenProvider = tokenProvider;
            b.clientId = clientId;
            b.product = product;
            b.attribution = attribution;
            b.language = language;
            b.connectTimeout = connectTimeout;
            b.requestTimeout = requestTimeout;
            b.retry = retry;
            b.chatSettings = chatSettings;
            b.renderSettings = renderSettings;
            b.maxUploadBytes = maxUploadBytes;
            b.executor = executor;
            b.httpClient = httpClient;
            b.httpVersion = httpVersion;
            b.httpExecutor = httpExecutor;
            b.proxy = proxy;
            b.authenticator = authenticator;
            b.sslContext = sslContext;
            b.clock = clock;
            b.sleeper = sleeper;
            b.ticker = ticker;
            b.sessionRecovery = sessionRecovery;
            b.sessionListener = sessionListener;
            b.listener = listener;
            b.configDirectory = configDirectory;
            b.tokenCache = tokenCache;
            b.requestLogging = requestLogging;
            b.allowInsecureHttp = allowInsecureHttp;
            b.environment = environment;
            return b;
        }

        /**
         * The API base URL. Default: {@code NEMO_API_URL}, else {@link #DEFAULT_BASE_URL}. Plain {@code http} is
         * accepted only for loopback addresses (such as the emulator) unless {@link #allowInsecureHttp(boolean)}.
         *
         * @param baseUrl e.g. {@code https://mega-api-prod.nemovideo.ai}
         * @return this builder
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * The web app URL used in registration and project links. Default: {@code NEMO_WEB_URL}, else
         * {@link #DEFAULT_WEB_URL}.
         *
         * @param webUrl e.g. {@code https://nemovideo.com}
         * @return this builder
         */
        public Builder webUrl(URI webUrl) {
            this.webUrl = Objects.requireNonNull(webUrl, "webUrl");
            return this;
        }

        /**
         * A fixed bearer token. It cannot be refreshed: when it expires, calls fail with
         * {@link io.github.nemosdk.errors.TokenExpiredException}. Default: {@code NEMO_TOKEN}, else an anonymous
         * token acquired on first use, cached, and renewed when rejected.
         *
         * @param token e.g. {@code nmv_usr_…}
         * @return this builder
         * @throws IllegalArgumentException if the token is blank or has spaces or control characters
         */
        public Builder token(String token) {
            this.tokenProvider = TokenProvider.fixed(token);
            return this;
        }

        /**
         * A token source of your own, asked before every request.
         *
         * @param tokenProvider the provider
         * @return this builder
         */
        public Builder tokenProvider(TokenProvider tokenProvider) {
            this.tokenProvider = Objects.requireNonNull(tokenProvider, "tokenProvider");
            return this;
        }

        /**
         * The client id sent when acquiring anonymous tokens. Default: {@code NEMO_CLIENT_ID}, else a UUID
         * generated once and persisted in the config directory ({@code client_id}).
         *
         * @param clientId e.g. a UUID
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /**
         * The product this client speaks for: sets the attribution headers and the upload size limit. Default:
         * {@link Product#NEMO_VIDEO}.
         *
         * @param product the product
         * @return this builder
         */
        public Builder product(Product product) {
            this.product = Objects.requireNonNull(product, "product");
            return this;
        }

        /**
         * The executor of {@link NemoClient#async()}: it completes the futures, and runs the few steps that block
         * (acquiring a token, replacing a lost session, an injected {@code Sleeper}'s waits) and the composite calls
         * (chat {@code send}, the workflows); no thread of it waits on the network otherwise. Default: a cached pool
         * of daemon threads owned by the client and shut down by {@link NemoClient#close()}; an executor given here
         * is not shut down.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(java.util.concurrent.Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The largest file uploads accept, instead of the product's limit (500 MB; Music Maker 200 MB). For plans
         * that allow larger files; the service still enforces its own limit.
         *
         * @param bytes more than zero
         * @return this builder
         */
        public Builder maxUploadBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxUploadBytes must be more than zero, got " + bytes);
            }
            this.maxUploadBytes = bytes;
            return this;
        }

        /**
         * Attribution header values of your own; they take precedence over the product's.
         *
         * @param source   {@code X-Skill-Source}
         * @param version  {@code X-Skill-Version}
         * @param platform {@code X-Skill-Platform}: {@code clawhub}, {@code cursor}, {@code github} or
         *                 {@code unknown}
         * @return this builder
         * @throws IllegalArgumentException if a value is not a valid header token
         */
        public Builder attribution(String source, String version, String platform) {
            this.attribution = Attribution.of(source, version, platform);
            return this;
        }

        /**
         * The language of new sessions ({@link SessionsClient#create()}). Default {@code en}.
         *
         * @param language an ISO code such as {@code en}, {@code zh-CN} or {@code ja}
         * @return this builder
         * @throws IllegalArgumentException if it is not a language code
         */
        public Builder language(String language) {
            this.language = DefaultSessionsClient.checkLanguage(Objects.requireNonNull(language, "language"));
            return this;
        }

        /**
         * The time allowed to open a connection. Default 10 s. Ignored with {@link #httpClient(HttpClient)}.
         *
         * @param timeout more than zero
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * The time allowed for a response's headers, and again for reading its body. Default 30 s.
         *
         * @param timeout more than zero
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /**
         * Retry settings. Default {@link RetrySettings#defaults()}.
         *
         * @param retry the settings
         * @return this builder
         */
        public Builder retry(RetrySettings retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * Shortcut for {@code retry(retry.toBuilder().maxAttempts(n).build())}.
         *
         * @param maxAttempts attempts per call, the first included (1 to 20)
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.retry = retry.toBuilder().maxAttempts(maxAttempts).build();
            return this;
        }

        /**
         * Shortcut for {@code retry(retry.toBuilder().maxRetryAfter(d).build())}.
         *
         * @param maxRetryAfter the longest {@code Retry-After} honoured
         * @return this builder
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.retry = retry.toBuilder().maxRetryAfter(maxRetryAfter).build();
            return this;
        }

        /**
         * Chat deadlines, limits and recovery. Default {@link ChatSettings#defaults()}.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder chatSettings(ChatSettings settings) {
            this.chatSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * How exports wait for renders. Default {@link RenderSettings#defaults()}: poll every 10 s, give up after
         * 10 minutes.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder renderSettings(RenderSettings settings) {
            this.renderSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * What to do when a session is lost (code 1002). Default {@link SessionRecovery#FAIL}.
         *
         * @param recovery the behaviour
         * @return this builder
         */
        public Builder sessionRecovery(SessionRecovery recovery) {
            this.sessionRecovery = Objects.requireNonNull(recovery, "recovery");
            return this;
        }

        /**
         * Told whenever a lost session is replaced under {@link SessionRecovery#RECREATE}.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onSessionReplaced(SessionRecoveryListener listener) {
            this.sessionListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Observes the client: every HTTP attempt, retry, token renewal, session replacement, chat event and render
         * poll ({@link ClientListener}), for metrics and traces. Nothing it is given holds a token; it is called on
         * the working thread and one that throws is logged and ignored. Default: none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ClientListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * An HTTP client of your own (proxy, SSL or executor settings). It is not closed by
         * {@link NemoClient#close()}, and {@link #connectTimeout(Duration)} does not apply to it. It must not follow
         * redirects ({@code Redirect.NEVER}, the JDK default): a redirect would carry the bearer token to whatever
         * host it names, so {@link #build()} refuses a client that follows them.
         *
         * @param httpClient the client
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Sends every request through a proxy, as the JDK client does: {@code ProxySelector.of(address)} for one
         * HTTP proxy (HTTPS requests tunnel through it with {@code CONNECT}), or {@code ProxySelector.getDefault()}
         * for the JVM's {@code http(s).proxyHost} settings. Default: no proxy. Not with {@link #httpClient}: set it
         * on that client instead.
         *
         * @param proxy the proxy selector
         * @return this builder
         */
        public Builder proxy(java.net.ProxySelector proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * Answers a proxy's (or server's) request for credentials ({@code 407}/{@code 401} with a Basic challenge),
         * for a proxy that wants a user name and password. Not with {@link #httpClient}.
         *
         * @param authenticator the authenticator
         * @return this builder
         */
        public Builder authenticator(java.net.Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /**
         * The TLS context of HTTPS connections: for a corporate root certificate, a client certificate, or a
         * loopback test server. Default: the JVM's. Not with {@link #httpClient}.
         *
         * @param sslContext the context
         * @return this builder
         */
        public Builder sslContext(javax.net.ssl.SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * The executor of the HTTP client the SDK builds: it runs the client's socket reads and writes and hands body
         * chunks to their readers (an asynchronous chat turn's subscriber is called on it). Default: a pool of at
         * most {@code max(4, 2 x CPUs)} daemon threads owned by the client (the JDK's own default grows a thread
         * per concurrent exchange). Keep what runs on it short: a chat subscriber that blocks in {@code onNext}
         * holds one of its threads. An executor given here is not shut down. Not with {@link #httpClient}.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder httpExecutor(java.util.concurrent.Executor executor) {
            this.httpExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The HTTP version of the client the SDK builds. Default HTTP/1.1.
         *
         * @param version the version
         * @return this builder
         */
        public Builder httpVersion(HttpClient.Version version) {
            this.httpVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * The clock used for token expiry and retry budgets. For tests.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How the SDK waits between retries, render polls and recovery reads. By default the client's own wait,
         * which {@link NemoClient#close()} ends at once; for tests, a sleeper that records delays and returns at once
         * (a call waiting in a sleeper of yours notices a {@code close()} only when the sleeper returns).
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The monotonic time source of the SDK's own deadlines (chat turn timeouts and "still working" events, body
         * and download deadlines). Default {@link Ticker#system()}; in tests, a ticker you advance makes a deadline
         * pass exactly when you say, without waiting for it.
         *
         * @param ticker the ticker
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Where the client id and the token cache are kept. Default: {@code NEMO_CONFIG_DIR}, else
         * {@code $XDG_CONFIG_HOME/nemovideo}, else {@code ~/.config/nemovideo} ({@code %APPDATA%\nemovideo} on
         * Windows). Files there are readable by their owner only. A client of a loopback base URL (the emulator, a
         * test server) uses no directory unless one is set here or in {@code NEMO_CONFIG_DIR}: its client id and
         * tokens stay in memory, so tests never write into the user's own configuration.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder configDirectory(Path directory) {
            this.configDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Whether anonymous tokens are cached on disk ({@code tokens.json} in the config directory, owner-only) so
         * later runs reuse them. Default true.
         *
         * @param enabled false to keep tokens in memory only
         * @return this builder
         */
        public Builder tokenCache(boolean enabled) {
            this.tokenCache = enabled;
            return this;
        }

        /**
         * Logs every request and response (method, path, status, time, redacted headers) at INFO through
         * {@link System.Logger} "io.github.nemosdk" instead of DEBUG. Default: on when {@code NEMO_LOG=debug}.
         * Tokens are never logged.
         *
         * @param enabled whether request logs are emitted at INFO
         * @return this builder
         */
        public Builder requestLogging(boolean enabled) {
            this.requestLogging = enabled;
            return this;
        }

        /**
         * Allows a plain {@code http} base URL on a non-loopback host. Off by default: the token would cross the
         * network unencrypted.
         *
         * @param allow true to allow
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /**
         * The environment variables used for defaults, instead of {@link System#getenv()}. For tests and for
         * programs that keep settings elsewhere.
         *
         * @param environment variable names to values
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * Builds the client. No request is sent until a sub-client is used.
         *
         * @return the client
         * @throws IllegalArgumentException if a setting or an environment variable is invalid
         */
        public NemoClient build() {
            FailsafeVersion.check(NemoClient.class.getClassLoader());
            Environment env = new Environment(environment != null ? environment : System.getenv());
            URI base = Environment.checkBaseUrl(baseUrl != null ? baseUrl : env.uri("NEMO_API_URL", DEFAULT_BASE_URL),
                    allowInsecureHttp, DEFAULT_BASE_URL);
            URI web = webUrl != null ? webUrl : env.uri("NEMO_WEB_URL", DEFAULT_WEB_URL);
            Attribution attr = attribution != null ? attribution
                    : env.withPlatform((product != null ? product : Product.NEMO_VIDEO).attribution());
            boolean verbose = requestLogging != null ? requestLogging : env.debugLogging();
            Path dir = configDirectory != null ? configDirectory : env.configDirectory(base);
            ClientConfig cfg = new ClientConfig(base, web, product, attr, language != null ? language : "en",
                    connectTimeout, requestTimeout, retry, sessionRecovery, sessionListener, clock, sleeper, ticker,
                    verbose, 64L * 1024 * 1024, chatSettings, listener);

            String id = clientId != null ? clientId : env.get("NEMO_CLIENT_ID");
            ClientIdStore clientIds = new ClientIdStore(id, dir == null ? null : dir.resolve("client_id"));

            TokenProvider tokens = tokenProvider;
            if (tokens == null && env.get("NEMO_TOKEN") != null) {
                tokens = TokenProvider.fixed(env.get("NEMO_TOKEN"));
            }
            HttpClient http = httpClient != null
                    ? HttpClients.given(httpClient, proxy != null || authenticator != null || sslContext != null
                            || httpExecutor != null)
                    : HttpClients.create(connectTimeout, httpVersion, proxy, authenticator, sslContext, httpExecutor);
            AsyncExecutors executors = new AsyncExecutors(executor);
            ClientWiring wiring = new ClientWiring(cfg, http, httpClient == null, clientIds, tokens,
                    tokenCache && dir != null ? new TokenCache(dir.resolve("tokens.json")) : null, renderSettings,
                    task -> executors.calls().execute(task));
            return new NemoClient(cfg, wiring, maxUploadBytes != null ? maxUploadBytes
                            : (product != null ? product : Product.NEMO_VIDEO).maxUploadBytes(), executors, copy());
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, () -> name + " must not be null");
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be more than zero, got " + d);
            }
            return d;
        }
    }
}
