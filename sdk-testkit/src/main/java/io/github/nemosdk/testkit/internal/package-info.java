/**
 * Implementation of {@link io.github.nemosdk.testkit.NemoEmulator}. <b>Not public API:</b> every type
 * here may change or disappear in any release; use only the types of {@code io.github.nemosdk.testkit}.
 *
 * <p>Layout: {@link io.github.nemosdk.testkit.internal.EmulatorServer} owns the HTTP server and its
 * threads; a {@code Dispatcher} records each request, matches it against the {@code Router}'s
 * routes (method + path template, one {@code Handler} per endpoint), applies injected faults and
 * otherwise calls the handler, which reads and changes the shared
 * {@link io.github.nemosdk.testkit.internal.EmulatorState}. A handler may answer with a stream
 * ({@code Response.eventStream}): the dispatcher sends chunked headers and lets the
 * {@code StreamBody} write events through an {@code EventSink}; the chat endpoint does so
 * ({@code ChatHandler} checks the request, {@code ChatPlan} reads the prompt, {@code ChatTurn}
 * streams the turn and applies the edit). Uploads are a streaming route: the dispatcher hands the
 * connection's body to {@code UploadHandler}, which reads it with {@code MultipartReader} into
 * files of the {@code MediaStore} (served by {@code CdnHandler}), probes MP4s with {@code Mp4Probe}
 * and edits the session through {@code EmulatorState}. Exports are {@code RenderHandlers} over
 * {@code RenderJobs}, whose status is computed from the clock when read; the result is one of the
 * {@code Samples} clips. Adding an endpoint means adding an
 * {@link io.github.nemosdk.testkit.Endpoint} constant, a handler class and one route line in
 * {@code EmulatorServer}.
 */
package io.github.nemosdk.testkit.internal;
