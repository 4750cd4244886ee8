package io.github.nemosdk.internal;

import io.github.nemosdk.internal.http.DaemonThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a client's asynchronous calls: the user's executor when one was given, else pools owned by the
 * client, created on first use and stopped by {@link #shutdown()}. Opening a chat stream holds a thread until the
 * response headers, so without an executor of the user's, opens share a small bounded pool: thousands of concurrent
 * streams need few threads.
 */
public final class AsyncExecutors {
    private final Executor user;
    private ExecutorService calls;
    private ExecutorService opens;
    private boolean shut;

    /**
     * Creates the executors.
     *
     * @param user the user's executor, or null for the client's own pools
     */
    public AsyncExecutors(Executor user) {
        this.user = user;
    }

    /**
     * Runs the asynchronous calls.
     *
     * @return the executor
     */
    public synchronized Executor calls() {
        if (user != null) {
            return user;
        }
        if (calls == null) {
            calls = checked(Executors.newCachedThreadPool(DaemonThreads.named("nemo-async-")));
        }
        return calls;
    }

    /**
     * Opens chat streams (sends the message and waits for the response headers).
     *
     * @return the executor
     */
    public synchronized Executor opens() {
        if (user != null) {
            return user;
        }
        if (opens == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    DaemonThreads.named("nemo-chat-open-"));
            pool.allowCoreThreadTimeOut(true);
            opens = checked(pool);
        }
        return opens;
    }

    private ExecutorService checked(ExecutorService pool) {
        if (shut) {
            pool.shutdownNow(); // the client is closed: what is submitted is refused, no thread is left behind
        }
        return pool;
    }

    /** Stops the client's own pools (the user's executor is the user's). Idempotent. */
    public synchronized void shutdown() {
        shut = true;
        if (calls != null) {
            calls.shutdownNow();
        }
        if (opens != null) {
            opens.shutdownNow();
        }
    }
}
