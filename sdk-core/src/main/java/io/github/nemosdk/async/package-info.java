/**
 * The asynchronous API: {@code client.async()} mirrors the sub-clients with {@link
 * java.util.concurrent.CompletableFuture} results, run on the client's executor
 * ({@code NemoClient.builder().executor(...)}), and offers chat turns as a back-pressured
 * {@link java.util.concurrent.Flow.Publisher} of events.
 */
package io.github.nemosdk.async;
