package io.github.nemosdk.internal;

import io.github.nemosdk.Attribution;
import io.github.nemosdk.Product;
import io.github.nemosdk.RetrySettings;
import io.github.nemosdk.SessionRecovery;
import io.github.nemosdk.SessionRecoveryListener;
import io.github.nemosdk.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** The resolved, immutable settings of one client, shared by its transport and sub-clients. */
public final class ClientConfig {
    /** The API base URL, without a trailing slash. */
    public final URI baseUrl;
    /** The web app base URL (project and registration links). */
    public final URI webUrl;
    /** The product, or null when attribution was set directly. */
    public final Product product;
    /** The attribution headers' values. */
    public final Attribution attribution;
    /** The default language of new sessions. */
    public final String language;
    /** The time allowed to connect. */
    public final Duration connectTimeout;
    /** The time allowed for response headers, and again for reading a response body. */
    public final Duration requestTimeout;
    /** Retry settings. */
    public final RetrySettings retry;
    /** What to do on code 1002. */
    public final SessionRecovery sessionRecovery;
    /** Told about session replacements; never null. */
    public final SessionRecoveryListener sessionListener;
    /** The clock. */
    public final Clock clock;
    /** The sleeper used between retries; null for the client's own wait, which its {@code close()} ends. */
    public final Sleeper sleeper;
    /** The monotonic time source of the SDK's own deadlines. */
    public final io.github.nemosdk.Ticker ticker;
    /** Whether request logs go out at INFO (NEMO_LOG=debug) rather than DEBUG. */
    public final boolean verboseLogging;
    /** The largest successful response body read into memory. */
    public final long maxResponseBytes;
    /** Chat deadlines, limits and recovery. */
    public final io.github.nemosdk.chat.ChatSettings chat;
    /** The user's observer (a no-op by default); call it through {@code Listeners.tell}. */
    public final io.github.nemosdk.ClientListener listener;

    /**
     * Creates the settings; the builder in {@code NemoClient} validates the values.
     *
     * @param baseUrl          API base URL
     * @param webUrl           web app base URL
     * @param product          the product, or null
     * @param attribution      attribution values
     * @param language         default session language
     * @param connectTimeout   connect timeout
     * @param requestTimeout   request timeout
     * @param retry            retry settings
     * @param sessionRecovery  1002 behaviour
     * @param sessionListener  replacement listener
     * @param clock            clock
     * @param sleeper          sleeper
     * @param ticker           time source of deadlines
     * @param verboseLogging   request logs at INFO
     * @param maxResponseBytes response size cap
     * @param chat             chat settings
     * @param listener         the user's observer
     */
    public ClientConfig(URI baseUrl, URI webUrl, Product product, Attribution attribution, String language,
            Duration connectTimeout, Duration requestTimeout, RetrySettings retry, SessionRecovery sessionRecovery,
            SessionRecoveryListener sessionListener, Clock clock, Sleeper sleeper, io.github.nemosdk.Ticker ticker,
            boolean verboseLogging,
            long maxResponseBytes, io.github.nemosdk.chat.ChatSettings chat,
            io.github.nemosdk.ClientListener listener) {
        this.baseUrl = baseUrl;
        this.webUrl = webUrl;
        this.product = product;
        this.attribution = attribution;
        this.language = language;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.sessionRecovery = sessionRecovery;
        this.sessionListener = sessionListener;
        this.clock = clock;
        this.sleeper = sleeper;
        this.ticker = ticker;
        this.verboseLogging = verboseLogging;
        this.maxResponseBytes = maxResponseBytes;
        this.chat = chat;
        this.listener = listener;
    }

    /**
     * These settings with another retry policy and request timeout, for a derived client.
     *
     * @param retry          the retry settings
     * @param requestTimeout the request timeout
     * @return the copy
     */
    public ClientConfig with(RetrySettings retry, Duration requestTimeout) {
        return new ClientConfig(baseUrl, webUrl, product, attribution, language, connectTimeout, requestTimeout, retry,
                sessionRecovery, sessionListener, clock, sleeper, ticker, verboseLogging, maxResponseBytes, chat,
                listener);
    }
}
