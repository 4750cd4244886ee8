package io.github.nemosdk.testkit.internal;

import io.github.nemosdk.testkit.Endpoint;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pending faults per endpoint, consumed one request at a time in the order they were injected.
 * Thread-safe.
 */
public final class FaultInjector {

    private final Map<Endpoint, Deque<Pending>> pending = new EnumMap<>(Endpoint.class);

    /**
     * Queues {@code fault} for the next {@code times} requests to {@code endpoint}, after any faults
     * already queued for it.
     *
     * @param endpoint the endpoint
     * @param fault    the answer to give
     * @param times    how many requests get it
     * @throws IllegalArgumentException if {@code times} is less than 1, or {@code fault} is a chat
     *                                  stream fault and {@code endpoint} is not {@link Endpoint#CHAT}
     */
    public synchronized void inject(Endpoint endpoint, FaultSpec fault, int times) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        if (fault.chatOnly() && endpoint != Endpoint.CHAT) {
            throw new IllegalArgumentException(fault + " applies only to Endpoint.CHAT, not " + endpoint);
        }
        pending.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).addLast(new Pending(fault, times));
    }

    /** Removes every pending fault. */
    public synchronized void clear() {
        pending.clear();
    }

    /** Takes the fault due for this request to {@code endpoint}, if any. */
    synchronized Optional<FaultSpec> next(Endpoint endpoint) {
        Deque<Pending> queue = pending.get(endpoint);
        if (queue == null || queue.isEmpty()) {
            return Optional.empty();
        }
        Pending head = queue.peekFirst();
        if (--head.remaining == 0) {
            queue.removeFirst();
        }
        return Optional.of(head.fault);
    }

    private static final class Pending {
        final FaultSpec fault;
        int remaining;

        Pending(FaultSpec fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
