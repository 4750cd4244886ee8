package io.github.nemosdk.testkit;

/**
 * The payload shape of the emulated chat stream ({@code POST /run_sse}); see
 * {@link NemoEmulator.Builder#chatStyle(ChatStyle)}. Every shape is documented for the real service, so clients must
 * accept each.
 */
public enum ChatStyle {

    /**
     * Typed frames: {@code {"type":"heartbeat"}}, {@code {"type":"tool_call","name":…,"args":{…}}},
     * {@code {"type":"tool_result","name":…,"result":{…}}} and {@code {"type":"text","content":"…"}}.
     */
    TYPED,

    /**
     * Agent Development Kit events as a Java ADK server writes them (the recorded streams the SDK replays in its
     * tests): {@code data:} without a space; {@code id}, {@code invocationId}, {@code author}, {@code timestamp} in
     * epoch milliseconds, {@code content.parts} with thoughts, function calls (with {@code thoughtSignature}) and
     * responses (with {@code actions.stateDelta.draft}), empty {@code actions} maps, {@code finishReason},
     * {@code usageMetadata} and {@code modelVersion}; partial (token by token) events only when the request asks
     * for them with {@code "streaming": true}, each followed by the aggregated complete event; a silent edit ends with
     * a content-less event or with {@code errorCode: "STOP"} and no message (turns alternate). No keep-alives: the
     * stream is silent while the turn works ({@link NemoEmulator.Builder#turnDuration}), as a Java ADK server's is.
     */
    ADK,

    /**
     * The older ADK rendering of this emulator: {@code data: } with a space, timestamps in seconds, partial text
     * chunks in every turn whether asked for or not, a final content-less {@code turnComplete} event, and keep-alives
     * as SSE comment lines ({@code : ping}) alternating with empty {@code data:} lines.
     */
    ADK_LEGACY
}
