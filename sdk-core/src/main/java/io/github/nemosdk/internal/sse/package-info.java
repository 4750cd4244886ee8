/**
 * The chat stream's wire format: an incremental Server-Sent Events parser ({@link
 * io.github.nemosdk.internal.sse.SseParser}) and the decoder of its frames into chat events ({@link
 * io.github.nemosdk.internal.sse.FrameDecoder}). Not API.
 */
package io.github.nemosdk.internal.sse;
