package io.github.nemosdk.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one client has under way that {@code close()} must end: open chat streams, pending requests, downloads. Each
 * registers how to end it and deregisters when it is over. Thread-safe.
 */
public final class LiveExchanges {
    /** Ends one exchange because its client closed; must not block. */
    public interface Ending {
        /** Ends the exchange; its reader gets a {@code ClientClosedException}. */
        void clientClosed();
    }

    /** Removes a registration; idempotent. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final Set<Ending> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Registers an exchange. When the client is already closed, it is ended at once.
     *
     * @param ending how to end it
     * @return the registration to close when the exchange is over
     */
    public Registration add(Ending ending) {
        live.add(ending);
        if (closed && live.remove(ending)) {
            ending.clientClosed();
        }
        return () -> live.remove(ending);
    }

    /** Ends every registered exchange, and any registered later; once. */
    void closeAll() {
        closed = true;
        for (Ending e : live) {
            if (live.remove(e)) {
                try {
                    e.clientClosed();
                } catch (RuntimeException ignored) {
                    // ending is best effort: the others must end too
                }
            }
        }
    }

    /**
     * How many exchanges are under way; for tests and diagnostics.
     *
     * @return the count
     */
    public int size() {
        return live.size();
    }
}
