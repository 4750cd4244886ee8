package io.github.nemosdk.internal.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The client's asynchronous waits (see {@link Pause#timer}): no thread waits out a delay. */
@FunctionalInterface
public interface Timer {
    /**
     * A future completed after a delay.
     *
     * @param d      the delay; zero or less completes at once
     * @param cancel the call's cancellation, which drops the wait
     * @return the future
     */
    CompletableFuture<Void> after(Duration d, Cancellation cancel);
}
