package io.github.nemosdk.internal;

import io.github.nemosdk.internal.http.DaemonThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads of a client's asynchronous calls that block (a token acquisition, a session replacement, the
 * composite calls): the user's executor when one was given, else a pool owned by the client, created on first use
 * and stopped by {@link #shutdown()}. The other asynchronous calls need no thread of their own.
 */
public final class AsyncExecutors {
    private final Executor user;
    private ExecutorService calls;
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
    }
}
