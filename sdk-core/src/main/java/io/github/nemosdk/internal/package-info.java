/**
 * The SDK's implementation. Not API: it may change in any release without notice. The root package holds the
 * client's assembly ({@code ClientWiring}, {@code Environment}, {@code ClientConfig}) and the small clients and
 * helpers every feature shares; each concern has its own sub-package: {@code http} (the transport's layers),
 * {@code auth}, {@code sessions}, {@code chat} with {@code sse}, {@code uploads} and {@code render}.
 */
package io.github.nemosdk.internal;
