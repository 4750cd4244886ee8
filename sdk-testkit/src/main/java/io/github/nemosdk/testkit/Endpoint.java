package io.github.nemosdk.testkit;

/**
 * The API endpoints the emulator serves, for {@link NemoEmulator#inject fault injection},
 * {@link NemoEmulator#requestCount request counts} and {@link RecordedRequest#endpoint()}.
 */
public enum Endpoint {

    /** {@code POST /api/auth/anonymous-token}. */
    ANONYMOUS_TOKEN,

    /** {@code POST /api/tasks/me/with-session/nemo_agent}. */
    CREATE_SESSION,

    /** {@code GET /api/credits/balance/simple}. */
    CREDITS,

    /** {@code GET /api/state/nemo_agent/me/<session id>/latest}. */
    STATE,

    /** {@code POST /run_sse}: a chat turn answered as a Server-Sent Events stream. */
    CHAT
}
