package io.github.nemosdk.internal.http;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for the SDK's own pools: daemon threads (they never keep a JVM alive) with telling names. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /**
     * A factory of daemon threads named {@code <prefix>1}, {@code <prefix>2}, ….
     *
     * @param prefix e.g. {@code nemo-async-}
     * @return the factory
     */
    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
