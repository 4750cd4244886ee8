package io.github.nemosdk.internal.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.uploads.SessionMedia;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.state.Draft;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of a render start: the id, the session, the draft with its sandbox-local media paths replaced by the CDN
 * URLs of the session's uploads, and the output options.
 */
final class RenderStartBody {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private RenderStartBody() {
    }

    /**
     * Builds the body.
     *
     * @param id      the render id
     * @param sid     the session in force
     * @param draft   the draft to render
     * @param options the output options
     * @param urls    sandbox path to CDN URL, for the session's uploads
     * @return UTF-8 JSON
     */
    static byte[] of(String id, String sid, Draft draft, RenderOptions options, Map<String, String> urls) {
        JsonNode json = draft.toJson();
        List<String> unmapped = new ArrayList<>();
        int replaced = SessionMedia.rewrite(json, urls, unmapped);
        if (replaced > 0) {
            LOG.log(System.Logger.Level.DEBUG, "Render " + id + ": replaced " + replaced + " sandbox media path(s)"
                    + " with the uploaded files' CDN URLs");
        }
        if (!unmapped.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Render " + id + ": the draft refers to " + unmapped.size()
                    + " sandbox file(s) the SDK cannot match to an upload of session " + sid + " (" + unmapped.get(0)
                    + (unmapped.size() > 1 ? ", ..." : "") + "); the render farm may not be able to read them");
        }
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("sessionId", sid);
        body.set("draft", json);
        ObjectNode output = body.putObject("output");
        output.put("format", options.format());
        output.put("quality", options.quality());
        options.width().ifPresent(w -> output.put("width", w));
        options.height().ifPresent(h -> output.put("height", h));
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }
}
