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
     * @param executor       the client's executor, or null for the SDK's bounded pool ({@link #ownPool()})
     * @return the client
     */
    public static HttpClient create(Duration connectTimeout, HttpClient.Version version, ProxySelector proxy,
            Authenticator authenticator, SSLContext sslContext, java.util.concurrent.Executor executor) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(version)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor != null ? executor : ownPool());
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

    /** How many threads the SDK's own HTTP executor has at most. */
    public static final int POOL_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /**
     * The executor of the HTTP client the SDK builds, instead of the JDK's unbounded cached pool: at most
     * {@link #POOL_THREADS} daemon threads, which end after 30 s idle. Its tasks are short (socket reads and writes,
     * handing body chunks to their subscribers), so thousands of open streams need no more.
     *
     * @return a new pool
     */
    static java.util.concurrent.ThreadPoolExecutor ownPool() {
        return new OwnPool();
    }

    /**
     * The SDK's own HTTP executor, told apart from a user's so that only it is shut down. Up to half of
     * {@link #POOL_THREADS} threads work as a cached pool does: a task goes straight to a thread waiting for one (which
     * spins briefly before it parks, so a call's reply is not delayed by a thread waking up), else to a new thread.
     * When all of those are busy, the task waits in the queue of a fixed pool of the other half. So only as many
     * threads exist as the work needs, never more than {@link #POOL_THREADS}, and a task is never refused while the
     * client is open. (A pool of threads that park at once costs a small call ~15 us of latency; the JDK's
     * {@code LinkedTransferQueue} parks at once too.)
     */
    private static final class OwnPool extends java.util.concurrent.ThreadPoolExecutor {
        private final java.util.concurrent.ThreadPoolExecutor overflow;

        OwnPool() {
            this(new java.util.concurrent.ThreadPoolExecutor(POOL_THREADS - POOL_THREADS / 2,
                    POOL_THREADS - POOL_THREADS / 2, 30, java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(),
                    io.github.nemosdk.internal.http.DaemonThreads.named("nemo-http-queued-")));
        }

        private OwnPool(java.util.concurrent.ThreadPoolExecutor overflow) {
            super(0, POOL_THREADS / 2, 30, java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.SynchronousQueue<>(),
                    io.github.nemosdk.internal.http.DaemonThreads.named("nemo-http-"),
                    (task, pool) -> overflow.execute(task)); // refused there only once the client has closed
            this.overflow = overflow;
            overflow.allowCoreThreadTimeOut(true);
        }

        @Override
        public void shutdown() {
            super.shutdown();
            overflow.shutdown();
        }

        @Override
        public java.util.List<Runnable> shutdownNow() {
            java.util.List<Runnable> left = new java.util.ArrayList<>(super.shutdownNow());
            left.addAll(overflow.shutdownNow());
            return left;
        }
    }

    /**
     * Lets the SDK's own HTTP executor go when the client that made it closes (queued work still runs; threads end
     * when idle). An executor of the user's is left alone.
     *
     * @param http the client the SDK built
     */
    public static void release(HttpClient http) {
        http.executor().ifPresent(e -> {
            if (e instanceof OwnPool) {
                ((OwnPool) e).shutdown();
            }
        });
    }

    /**
     * Checks a client the user gave.
     *
     * @param http        the client
     * @param alsoNetwork whether proxy, authenticator, TLS or executor settings were set on the builder as well
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
            throw new IllegalArgumentException("proxy(...), authenticator(...), sslContext(...) and httpExecutor(...)"
                    + " configure the HTTP client the SDK builds, but httpClient(...) gives one of your own: set them"
                    + " on that HttpClient's builder instead, or drop httpClient(...).");
        }
        return http;
    }
}
