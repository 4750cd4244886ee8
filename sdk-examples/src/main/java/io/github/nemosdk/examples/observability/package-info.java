/**
 * Observability: the SDK's {@link io.github.nemosdk.ClientListener} bridged to Micrometer
 * ({@link io.github.nemosdk.examples.observability.MicrometerListener}). Micrometer is a provided dependency: bring
 * your own registry.
 */
package io.github.nemosdk.examples.observability;
