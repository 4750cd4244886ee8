/**
 * The SDK's implementation: transport, envelope decoding, retry policies, token and client-id storage. Nothing
 * here is API: it may change in any release without notice.
 */
package io.github.nemosdk.internal;
