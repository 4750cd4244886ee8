/**
 * Chat: every edit ("add lo-fi music at 35% and fade it out") is a chat turn streamed from {@code /run_sse}.
 * {@link io.github.nemosdk.chat.ChatClient#stream(String)} gives the events as they arrive;
 * {@link io.github.nemosdk.chat.ChatClient#send(String)} waits for the whole turn and reports the text or, for a
 * silent edit, the {@link io.github.nemosdk.chat.TimelineChange}. A message is never re-sent by the SDK.
 */
package io.github.nemosdk.chat;
