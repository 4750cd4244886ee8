package io.github.nemosdk.testkit.internal;

import com.sun.net.httpserver.HttpServer;
import io.github.nemosdk.testkit.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running emulator: the JDK HTTP server (on 127.0.0.1 unless configured otherwise), its threads,
 * and the state it serves.
 *
 * <p>Threads: requests run on a cached pool of daemon threads named
 * {@code nemo-emulator-<port>-worker-<n>}. The JDK server's own threads (its dispatcher and idle
 * timer) are created from a daemon thread of this class's thread group, so they are daemon threads
 * too, and are then renamed {@code nemo-emulator-<port>-<original name>}. {@link #close()} stops all
 * of them and waits briefly for them to end.
 */
public final class EmulatorServer implements AutoCloseable {

    /** Prefix of every thread the emulator starts. */
    public static final String THREAD_PREFIX = "nemo-emulator-";

    private static final ThreadGroup THREAD_GROUP = new ThreadGroup("nemo-emulator");
    /** Serializes starts so that new threads in the group can be told apart per server. */
    private static final Object START_LOCK = new Object();
    private static final int BACKLOG = 256;
    /** The JDK HTTP server's switch for {@code TCP_NODELAY}, see {@link #enableNoDelay()}. */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Thread> serverThreads;
    private final EmulatorState state;
    private final FaultInjector faults;
    private final RequestLog log;
    private final MediaStore media;
    private final RenderJobs renders;
    private final ChatHandler chat;
    private final String baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmulatorServer(HttpServer server, ExecutorService executor, List<Thread> serverThreads,
            EmulatorState state, FaultInjector faults, RequestLog log, MediaStore media, RenderJobs renders,
            ChatHandler chat, String baseUrl) {
        this.server = server;
        this.executor = executor;
        this.serverThreads = serverThreads;
        this.state = state;
        this.faults = faults;
        this.log = log;
        this.media = media;
        this.renders = renders;
        this.chat = chat;
        this.baseUrl = baseUrl;
    }

    /**
     * Binds the configured address and port and starts serving.
     *
     * @param config the settings
     * @return the running server
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static EmulatorServer start(EmulatorConfig config) {
        EmulatorState state = new EmulatorState(config);
        FaultInjector faults = new FaultInjector();
        RequestLog log = new RequestLog();
        MediaStore media = new MediaStore();
        RenderJobs renders = new RenderJobs(config.clock(), config.media());
        AtomicReference<String> baseUrl = new AtomicReference<>();
        ChatHandler chat = new ChatHandler(state, config);
        RenderHandlers render = new RenderHandlers(state, renders, config.media(), baseUrl::get);
        Router router = Router.builder()
                .route("POST", "/api/auth/anonymous-token", Endpoint.ANONYMOUS_TOKEN, new AnonymousTokenHandler(state))
                .route("POST", "/api/auth/claim-token", Endpoint.CLAIM_TOKEN, new ClaimTokenHandler(state))
                .route("POST", "/api/tasks/me/with-session/nemo_agent", Endpoint.CREATE_SESSION,
                        new CreateSessionHandler(state))
                .route("GET", "/api/credits/balance/simple", Endpoint.CREDITS, new CreditsHandler(state))
                .route("GET", "/api/state/nemo_agent/me/{sid}/latest", Endpoint.STATE, new StateHandler(state))
                .route("POST", "/run_sse", Endpoint.CHAT, chat)
                .streamingRoute("POST", "/api/upload-video/nemo_agent/me/{sid}", Endpoint.UPLOAD,
                        new UploadHandler(state, media, config.media(), baseUrl::get))
                .route("GET", "/cdn/{id}/{name}", Endpoint.CDN, new CdnHandler(media))
                .route("POST", "/api/render/proxy/lambda", Endpoint.RENDER_START, render::start)
                .route("GET", "/api/render/proxy/lambda/{id}", Endpoint.RENDER_POLL, render::poll)
                .route("POST", "/api/render/proxy/lambda/{id}/cancel", Endpoint.RENDER_CANCEL, render::cancel)
                .route("GET", "/renders/{id}.mp4", Endpoint.OUTPUT, render::output)
                .route("GET", "/api/render/proxy/{id}/download", Endpoint.DOWNLOAD, render::download)
                .build();
        Dispatcher dispatcher = new Dispatcher(router, faults, log);

        synchronized (START_LOCK) {
            enableNoDelay();
            Set<Thread> before = groupThreads();
            AtomicReference<HttpServer> started = new AtomicReference<>();
            AtomicReference<ExecutorService> pool = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread starter = new Thread(THREAD_GROUP, () -> {
                try {
                    HttpServer http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()),
                            BACKLOG);
                    int port = http.getAddress().getPort();
                    baseUrl.set("http://" + config.urlHost() + ":" + port);
                    ExecutorService workers = workerPool(THREAD_PREFIX + port + "-worker-");
                    pool.set(workers);
                    http.setExecutor(workers);
                    http.createContext("/", dispatcher);
                    http.start();
                    started.set(http);
                } catch (IOException | RuntimeException | Error e) {
                    failure.set(e);
                }
            }, THREAD_PREFIX + "starter");
            starter.setDaemon(true);
            starter.start();
            joinUninterruptibly(starter);

            if (started.get() == null) {
                if (pool.get() != null) {
                    pool.get().shutdownNow();
                }
                media.close();
                Throwable e = failure.get();
                if (e instanceof IOException) {
                    throw new UncheckedIOException("cannot start the Nemo emulator on "
                            + config.bindAddress().getHostAddress() + " port " + config.port() + ": "
                            + e.getMessage(), (IOException) e);
                }
                if (e instanceof Error) {
                    throw (Error) e;
                }
                throw new IllegalStateException("cannot start the Nemo emulator", e);
            }
            HttpServer http = started.get();
            List<Thread> serverThreads = new ArrayList<>();
            for (Thread t : groupThreads()) {
                if (!before.contains(t) && t != starter && !t.getName().startsWith(THREAD_PREFIX)) {
                    t.setName(THREAD_PREFIX + http.getAddress().getPort() + "-" + t.getName());
                    serverThreads.add(t);
                }
            }
            return new EmulatorServer(http, pool.get(), List.copyOf(serverThreads), state, faults, log, media,
                    renders, chat, baseUrl.get());
        }
    }

    /**
     * The bound port.
     *
     * @return the bound port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The base URL clients use, {@code http://<host>:<port>} without a trailing slash.
     *
     * @return the base URL
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Returns the emulator to the state it had when started, keeping its port, settings and clock:
     * drops every pending fault, recorded request, user, token, session, uploaded file and render job,
     * restores the configured count of failing renders and restarts the chat turn counter (so silent
     * turns repeat the same pattern). Ids of sessions from before stay unknown. Meant for moments
     * when no request is in flight.
     */
    public void reset() {
        faults.clear();
        state.reset();
        renders.reset();
        chat.reset();
        media.reset();
        log.clear();
    }

    /**
     * The data served.
     *
     * @return the data served
     */
    public EmulatorState state() {
        return state;
    }

    /**
     * The pending faults.
     *
     * @return the pending faults
     */
    public FaultInjector faults() {
        return faults;
    }

    /**
     * The requests received.
     *
     * @return the requests received
     */
    public RequestLog log() {
        return log;
    }

    /**
     * Makes the next {@code n} started renders fail, replacing any count still pending.
     *
     * @param n not negative
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void failNextRenders(int n) {
        renders.failNext(n);
    }

    /**
     * Stops the server, cutting open connections, waits up to two seconds for its threads to end,
     * and deletes the uploaded files. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try {
            executor.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            for (Thread t : serverThreads) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                t.join(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            media.close();
        }
    }

    /**
     * Turns on {@code TCP_NODELAY} for the JDK HTTP server (system property
     * {@value #NODELAY_PROPERTY}) unless the property is already set. Without it the server's
     * separate writes of headers and body meet the client's delayed acknowledgement, holding back
     * every answer by about 40 ms. The JDK reads the property once, when its first HTTP server
     * starts, so it only takes effect if no JDK HTTP server ran earlier in the JVM; either way it
     * changes only latency, never what is sent.
     */
    private static void enableNoDelay() {
        try {
            if (System.getProperty(NODELAY_PROPERTY) == null) {
                System.setProperty(NODELAY_PROPERTY, "true");
            }
        } catch (SecurityException e) {
            // not allowed: keep the JDK default
        }
    }

    private static ExecutorService workerPool(String namePrefix) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread t = new Thread(THREAD_GROUP, runnable, namePrefix + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    private static Set<Thread> groupThreads() {
        Thread[] threads = new Thread[THREAD_GROUP.activeCount() + 16];
        int n;
        while ((n = THREAD_GROUP.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return new HashSet<>(Arrays.asList(threads).subList(0, n));
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
