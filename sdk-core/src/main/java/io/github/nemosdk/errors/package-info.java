/**
 * The SDK's exceptions. Every failure surfaces as an unchecked {@link io.github.nemosdk.errors.NemoException}:
 * API errors as {@link io.github.nemosdk.errors.NemoApiException} and one subclass per documented error code,
 * network failures as {@link io.github.nemosdk.errors.NemoTransportException} and
 * {@link io.github.nemosdk.errors.NemoTimeoutException}.
 */
package io.github.nemosdk.errors;
