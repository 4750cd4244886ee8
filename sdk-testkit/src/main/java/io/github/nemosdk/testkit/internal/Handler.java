package io.github.nemosdk.testkit.internal;

/**
 * Serves one endpoint. Implementations are stateless apart from the shared
 * {@link EmulatorState} and must be thread-safe. To answer with a gateway error, throw
 * {@link ApiException}.
 */
@FunctionalInterface
interface Handler {

    /** Produces the answer to {@code request}; never returns {@code null}. */
    Response handle(Request request);
}
