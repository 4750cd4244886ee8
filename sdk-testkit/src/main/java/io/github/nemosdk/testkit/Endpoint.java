package io.github.nemosdk.testkit;

/**
 * The API endpoints the emulator serves, for {@link NemoEmulator#inject fault injection},
 * {@link NemoEmulator#requestCount request counts} and {@link RecordedRequest#endpoint()}.
 */
public enum Endpoint {

    /** {@code POST /api/auth/anonymous-token}. */
    ANONYMOUS_TOKEN,

    /** {@code POST /api/auth/claim-token}: a claim token that opens a session's project in the web app. */
    CLAIM_TOKEN,

    /** {@code POST /api/tasks/me/with-session/nemo_agent}. */
    CREATE_SESSION,

    /** {@code GET /api/credits/balance/simple}. */
    CREDITS,

    /** {@code GET /api/state/nemo_agent/me/<session id>/latest}. */
    STATE,

    /** {@code POST /run_sse}: a chat turn answered as a Server-Sent Events stream. */
    CHAT,

    /**
     * {@code POST /api/upload-video/nemo_agent/me/<session id>}: files as {@code multipart/form-data}, or
     * URLs as JSON.
     */
    UPLOAD,

    /**
     * {@code GET /cdn/<media id>/<file name>}: an uploaded file as the emulated CDN serves it (no
     * authentication); the {@code cdn_url} of an upload.
     */
    CDN,

    /** {@code POST /api/render/proxy/lambda}: starts an export. */
    RENDER_START,

    /** {@code GET /api/render/proxy/lambda/<render id>}: an export's status. */
    RENDER_POLL,

    /** {@code POST /api/render/proxy/lambda/<render id>/cancel}: cancels an export. */
    RENDER_CANCEL,

    /**
     * {@code GET /renders/<render id>.mp4}: a completed export's MP4, at the download URL the status
     * gives (no authentication, like a CDN).
     */
    OUTPUT,

    /** {@code GET /api/render/proxy/<render id>/download}: the authenticated download fallback. */
    DOWNLOAD
}
