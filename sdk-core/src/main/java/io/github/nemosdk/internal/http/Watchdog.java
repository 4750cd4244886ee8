package io.github.nemosdk.internal.http;

import io.github.nemosdk.errors.ClientClosedException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The watchdog executor, created on first use and refused once the client is closed. Its own object, so that
 * what the HTTP client keeps of a request (its body handler and the deadlines the handler watches) never reaches
 * the transport: a transport reachable from its own HTTP client would keep a dropped client and its threads
 * alive for good on JDKs before 21.
 */
final class Watchdog {
    private final AtomicBoolean closed;
    private ScheduledThreadPoolExecutor executor;

    Watchdog(AtomicBoolean closed) {
        this.closed = closed;
    }

    synchronized ScheduledThreadPoolExecutor get() {
        if (executor == null) {
            if (closed.get()) {
                throw new ClientClosedException(null);
            }
            // a task handed over after close() (a race with a call in progress) is refused as a closed client
            ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1,
                    DaemonThreads.named("nemo-watchdog-"), (task, executor) -> {
                        throw new ClientClosedException(null);
                    });
            w.setRemoveOnCancelPolicy(true);
            w.setKeepAliveTime(30, TimeUnit.SECONDS);
            w.allowCoreThreadTimeOut(true);
            executor = w;
        }
        return executor;
    }

    synchronized void shutdown() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
