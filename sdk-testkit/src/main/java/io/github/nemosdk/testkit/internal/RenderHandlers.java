package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.testkit.RenderStatusShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The export endpoints, all backed by {@link RenderJobs}:
 *
 * <ul>
 *   <li>{@link #start} {@code POST /api/render/proxy/lambda}: token (401/1001), the three
 *       {@code X-Skill-*} attribution headers (HTTP 402, code 402), whether anonymous users may export
 *       (else HTTP 402, "register at nemovideo.com to unlock export"), the body (render envelope 400:
 *       {@code id}, camelCase {@code sessionId}, a {@code draft} with at least one track with
 *       segments, an optional {@code output} with format {@code mp4}), the session (1002), then
 *       the id (409 if used before). Export is free.</li>
 *   <li>{@link #poll} {@code GET /api/render/proxy/lambda/{id}}: the status in the configured
 *       {@link RenderStatusShape} (by default at top level: {@code taskId}, {@code output.url},
 *       {@code output.duration}, {@code output.size}).</li>
 *   <li>{@link #cancel} {@code POST /api/render/proxy/lambda/{id}/cancel}.</li>
 *   <li>{@link #output} {@code GET /renders/{id}.mp4}: the MP4, no authentication.</li>
 *   <li>{@link #download} {@code GET /api/render/proxy/{id}/download}: the MP4, authenticated.</li>
 * </ul>
 *
 * <p>The MP4 is the vertical sample clip when the job's output is taller than wide, else the
 * horizontal one. The output size is {@code output.width}/{@code output.height} when both are
 * given, else that of the draft's first video segment ({@code m.width}/{@code m.height}), else
 * 1920x1080.
 */
final class RenderHandlers {

    static final List<String> ATTRIBUTION = List.of("X-Skill-Source", "X-Skill-Version", "X-Skill-Platform");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final String MP4 = "video/mp4";

    private final EmulatorState state;
    private final RenderJobs jobs;
    private final RenderStatusShape shape;
    private final boolean anonymousExport;
    private final Supplier<String> baseUrl;

    RenderHandlers(EmulatorState state, RenderJobs jobs, EmulatorConfig.Media media, Supplier<String> baseUrl) {
        this.state = state;
        this.jobs = jobs;
        this.shape = media.statusShape();
        this.anonymousExport = media.anonymousExport();
        this.baseUrl = baseUrl;
    }

    Response start(Request request) {
        String userId = state.authenticate(request.bearerToken());
        List<String> missing = new ArrayList<>();
        for (String header : ATTRIBUTION) {
            if (request.header(header).map(String::isBlank).orElse(true)) {
                missing.add(header);
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.of(402, 402, "export blocked: attribution headers missing ("
                    + String.join(", ", missing) + ")");
        }
        if (!anonymousExport) {
            // every user of the emulator is anonymous, and anonymous tokens have no render scope
            throw ApiException.of(402, 402, "register at nemovideo.com to unlock export");
        }
        JsonNode body;
        try {
            body = Json.parse(request.bodyText());
        } catch (IllegalArgumentException e) {
            throw ApiException.render(400, "request body is not valid JSON");
        }
        if (!body.isObject()) {
            throw ApiException.render(400, "request body must be a JSON object");
        }
        JsonNode idNode = body.get("id");
        String id = idNode != null && idNode.isTextual() ? idNode.asText() : "";
        if (!ID.matcher(id).matches()) {
            throw ApiException.render(400, "id is required: a unique render id such as render_<unique>"
                    + " (letters, digits, _ . -)");
        }
        JsonNode sid = body.get("sessionId");
        if (sid == null || !(sid.isTextual() || sid.isIntegralNumber()) || sid.asText().isBlank()) {
            throw ApiException.render(400, body.has("session_id") ? "sessionId is required (camelCase, not session_id)"
                    : "sessionId is required");
        }
        JsonNode draft = body.get("draft");
        if (draft == null || !draft.isObject() || !hasSegments(draft)) {
            throw ApiException.render(400, "draft has no track with segments: nothing to export");
        }
        JsonNode output = body.get("output");
        if (output != null && !output.isNull() && !output.isObject()) {
            throw ApiException.render(400, "output must be an object such as {\"format\":\"mp4\",\"quality\":\"high\"}");
        }
        output = output == null || output.isNull() ? Json.object() : output;
        JsonNode format = output.get("format");
        if (format != null && !format.isNull() && !format.asText().toLowerCase(Locale.ROOT).equals("mp4")) {
            throw ApiException.render(400, "unsupported output format: " + format.asText() + " (only mp4)");
        }
        boolean vertical = vertical(output, draft);
        state.checkSession(userId, sid.asText().trim());

        RenderJobs.Status status = jobs.start(userId, id, vertical);
        ObjectNode data = Json.object();
        data.put("id", status.id);
        data.put("status", status.status);
        data.put("progress", status.progress);
        return Response.json(200, Json.renderSuccess(data));
    }

    Response poll(Request request) {
        String userId = state.authenticate(request.bearerToken());
        RenderJobs.Status status = jobs.status(userId, request.pathParam("id"))
                .orElseThrow(() -> ApiException.render(404, "render not found"));
        if (shape == RenderStatusShape.TOP_LEVEL) {
            return Response.json(200, topLevel(status));
        }
        ObjectNode data = describe(status);
        ObjectNode envelope = Json.renderSuccess(data);
        if (status.status.equals(RenderJobs.COMPLETED)) {
            if (shape == RenderStatusShape.DATA_OUTPUT_URL) {
                data.put("outputUrl", outputUrl(status.id));
            } else {
                envelope.putObject("output").put("url", outputUrl(status.id));
            }
        }
        return Response.json(200, envelope);
    }

    Response cancel(Request request) {
        String userId = state.authenticate(request.bearerToken());
        RenderJobs.Status status = jobs.cancel(userId, request.pathParam("id"));
        return Response.json(200, Json.renderSuccess(describe(status)));
    }

    Response output(Request request) {
        return jobs.status(request.pathParam("id"))
                .filter(s -> s.status.equals(RenderJobs.COMPLETED))
                .map(s -> Response.of(200, MP4, mp4(s)))
                .orElseThrow(() -> ApiException.of(404, 404, "not found"));
    }

    Response download(Request request) {
        String userId = state.authenticate(request.bearerToken());
        RenderJobs.Status status = jobs.status(userId, request.pathParam("id"))
                .orElseThrow(() -> ApiException.render(404, "render not found"));
        if (!status.status.equals(RenderJobs.COMPLETED)) {
            throw ApiException.render(404, "render not completed (status: " + status.status + ")");
        }
        return Response.of(200, MP4, mp4(status))
                .withHeaders(Map.of("Content-Disposition", "attachment; filename=\"" + status.id + ".mp4\""));
    }

    private String outputUrl(String id) {
        return baseUrl.get() + "/renders/" + id + ".mp4";
    }

    private static byte[] mp4(RenderJobs.Status status) {
        return status.vertical ? Samples.verticalMp4() : Samples.horizontalMp4();
    }

    /** The newest documented status shape: everything at top level, the render id as {@code taskId}. */
    private ObjectNode topLevel(RenderJobs.Status status) {
        ObjectNode body = Json.object();
        body.put("taskId", status.id);
        body.put("status", status.status);
        body.put("progress", status.progress);
        if (status.status.equals(RenderJobs.COMPLETED)) {
            byte[] mp4 = mp4(status);
            ObjectNode output = body.putObject("output");
            output.put("url", outputUrl(status.id));
            output.put("duration", Samples.durationSeconds(status.vertical));
            output.put("size", mp4.length);
        }
        if (status.error != null) {
            body.put("error", status.error);
        }
        body.put("createdAt", status.createdAt);
        if (status.completedAt != null) {
            body.put("completedAt", status.completedAt);
        }
        return body;
    }

    private static ObjectNode describe(RenderJobs.Status status) {
        ObjectNode data = Json.object();
        data.put("id", status.id);
        data.put("status", status.status);
        data.put("progress", status.progress);
        data.put("createdAt", status.createdAt);
        if (status.completedAt != null) {
            data.put("completedAt", status.completedAt);
        }
        if (status.error != null) {
            data.put("error", status.error);
        }
        return data;
    }

    /** Whether some track of the draft has a non-empty {@code sg}. */
    private static boolean hasSegments(JsonNode draft) {
        for (JsonNode track : draft.path("t")) {
            JsonNode sg = track.get("sg");
            if (sg != null && sg.isArray() && !sg.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean vertical(JsonNode output, JsonNode draft) {
        JsonNode width = output.get("width");
        JsonNode height = output.get("height");
        if (width != null || height != null) {
            if (width == null || height == null || !width.canConvertToInt() || !height.canConvertToInt()
                    || !width.isIntegralNumber() || !height.isIntegralNumber()
                    || width.asInt() <= 0 || height.asInt() <= 0) {
                throw ApiException.render(400, "output.width and output.height must both be positive integers");
            }
            return height.asInt() > width.asInt();
        }
        for (JsonNode track : draft.path("t")) {
            JsonNode tt = track.get("tt");
            if (tt == null || tt.asInt(-1) != ChatPlan.VIDEO) {
                continue;
            }
            for (JsonNode segment : track.path("sg")) {
                JsonNode m = segment.path("m");
                if (m.path("width").isNumber() && m.path("height").isNumber()) {
                    return m.path("height").asDouble() > m.path("width").asDouble();
                }
            }
        }
        return false;
    }
}
