/**
 * Sessions: the sessions client, the replacement of lost sessions under {@code SessionRecovery.RECREATE} and the
 * layer that applies it. Not API.
 */
package io.github.nemosdk.internal.sessions;
