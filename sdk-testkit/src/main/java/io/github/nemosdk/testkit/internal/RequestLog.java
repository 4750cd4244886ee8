package io.github.nemosdk.testkit.internal;

import io.github.nemosdk.testkit.Endpoint;
import io.github.nemosdk.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every request received, in arrival order, and counts per endpoint. Thread-safe. */
public final class RequestLog {

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);

    synchronized void record(RecordedRequest request) {
        requests.add(request);
        if (request.endpoint().isPresent()) {
            counts.merge(request.endpoint().get(), 1, Integer::sum);
        }
    }

    /** Forgets every request and count. */
    public synchronized void clear() {
        requests.clear();
        counts.clear();
    }

    /**
     * A snapshot of all requests so far, oldest first.
     *
     * @return an unmodifiable list
     */
    public synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(requests);
    }

    /**
     * Requests routed to {@code endpoint} so far.
     *
     * @param endpoint the endpoint
     * @return the count
     */
    public synchronized int count(Endpoint endpoint) {
        return counts.getOrDefault(endpoint, 0);
    }
}
