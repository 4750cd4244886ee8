package io.github.nemosdk.testkit;

/**
 * The payload shape of the emulated chat stream ({@code POST /run_sse}); see
 * {@link NemoEmulator.Builder#chatStyle(ChatStyle)}. Both shapes are documented for the real service.
 */
public enum ChatStyle {

    /**
     * Typed frames: {@code {"type":"heartbeat"}}, {@code {"type":"tool_call","name":…,"args":{…}}},
     * {@code {"type":"tool_result","name":…,"result":{…}}} and {@code {"type":"text","content":"…"}}.
     */
    TYPED,

    /**
     * Agent Development Kit events ({@code id}, {@code invocationId}, {@code author}, {@code timestamp},
     * {@code content.parts} with thoughts, function calls and responses, {@code partial} text chunks
     * followed by the complete text, and a final {@code turnComplete} event); keep-alives are SSE
     * comment lines ({@code : ping}) alternating with empty {@code data:} lines.
     */
    ADK
}
