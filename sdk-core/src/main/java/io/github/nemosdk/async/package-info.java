/**
 * The asynchronous API: {@code client.async()} mirrors the sub-clients, with the same method names, returning
 * {@link java.util.concurrent.CompletableFuture}s that no thread waits for, and offers chat turns as a
 * back-pressured {@link java.util.concurrent.Flow.Publisher} of events. Cancelling a future stops its work.
 */
package io.github.nemosdk.async;
