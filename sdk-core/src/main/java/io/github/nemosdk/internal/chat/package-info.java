/**
 * Chat turns: the chat client (send, recovery from the state, silent turns), the blocking stream and the
 * back-pressured publisher of a turn, and the turn's deadlines ({@code TurnWatch}). The wire format is
 * {@code internal.sse}. Not API.
 */
package io.github.nemosdk.internal.chat;
