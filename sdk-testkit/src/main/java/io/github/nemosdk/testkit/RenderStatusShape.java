package io.github.nemosdk.testkit;

/**
 * Where the emulated export status ({@code GET /api/render/proxy/lambda/<id>}) puts the download
 * URL of a completed render; see {@link NemoEmulator.Builder#renderStatusShape(RenderStatusShape)}.
 * Both shapes are documented for the real service, so clients must accept either.
 */
public enum RenderStatusShape {

    /**
     * {@code {"success":true,"data":{"id":…,"status":"completed",…,"outputUrl":"http://…/renders/<id>.mp4"}}}
     * (the default).
     */
    DATA_OUTPUT_URL,

    /**
     * {@code {"success":true,"data":{"id":…,"status":"completed",…},"output":{"url":"http://…/renders/<id>.mp4"}}}:
     * the URL at top level, none in {@code data}.
     */
    TOP_LEVEL_OUTPUT
}
