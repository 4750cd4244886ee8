package io.github.nemosdk.testkit;

/**
 * The shape of the emulated export status ({@code GET /api/render/proxy/lambda/<id>}); see
 * {@link NemoEmulator.Builder#renderStatusShape(RenderStatusShape)}. Every shape is documented for the real service,
 * so clients must accept each.
 */
public enum RenderStatusShape {

    /**
     * The newest documented shape (the default), at top level:
     * {@code {"taskId":…,"status":"completed","progress":100,"output":{"url":"http://…/renders/<id>.mp4",
     * "duration":<seconds>,"size":<bytes>},"createdAt":…,"completedAt":…}}, with {@code error} when failed.
     */
    TOP_LEVEL,

    /**
     * {@code {"success":true,"data":{"id":…,"status":"completed",…,"outputUrl":"http://…/renders/<id>.mp4"}}}.
     */
    DATA_OUTPUT_URL,

    /**
     * {@code {"success":true,"data":{"id":…,"status":"completed",…},"output":{"url":"http://…/renders/<id>.mp4"}}}:
     * the URL at top level, none in {@code data}.
     */
    TOP_LEVEL_OUTPUT
}
