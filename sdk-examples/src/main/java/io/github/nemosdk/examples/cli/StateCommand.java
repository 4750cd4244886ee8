package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.Product;
import io.github.nemosdk.state.Canvas;
import io.github.nemosdk.state.Draft;
import io.github.nemosdk.state.SessionState;
import io.github.nemosdk.state.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nemo state}: a session's timeline, track by track. */
@Command(name = "state", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show a session's timeline (tracks, segments, volume) and whether it can be exported.")
final class StateCommand extends BaseCommand {
    @Option(names = {"-s", "--session"}, required = true, paramLabel = "ID", description = "The session.")
    String sessionId;

    @Option(names = "--draft", description = "With --json, also include the draft exactly as the service sent it.")
    boolean draft;

    StateCommand(NemoCli root) {
        super(root);
    }

    @Override
    public Integer call() {
        try (Connection c = connect(Product.ADD_MUSIC)) {
            SessionState state = c.client().state(sessionId).latest();
            Draft d = state.draft();
            ObjectNode json = Output.result("state");
            json.put("session_id", state.sessionId());
            json.put("timeline_summary", d.summary());
            json.put("ready_for_export", d.isReadyForExport());
            ArrayNode tracks = json.putArray("tracks");
            List<String> lines = new ArrayList<>();
            lines.add(d.summary());
            for (Track t : d.tracks()) {
                ObjectNode n = tracks.addObject();
                n.put("type", t.type().name().toLowerCase(java.util.Locale.ROOT));
                n.put("type_code", t.type().code());
                n.put("label", t.label().orElse(null));
                n.put("description", Draft.describe(t));
                n.put("segments", t.segments().size());
                n.put("start_ms", t.start().toMillis());
                n.put("end_ms", t.end().toMillis());
                if (t.volumePercent().isPresent()) {
                    n.put("volume_percent", t.volumePercent().getAsInt());
                } else {
                    n.putNull("volume_percent");
                }
            }
            Optional<Canvas> canvas = state.canvas();
            if (canvas.isPresent()) {
                ObjectNode cn = json.putObject("canvas");
                cn.put("width", canvas.get().width());
                cn.put("height", canvas.get().height());
                cn.put("aspect_ratio", canvas.get().aspectRatio().orElse(null));
                lines.add("Canvas: " + canvas.get().width() + "x" + canvas.get().height());
            } else {
                json.putNull("canvas");
            }
            json.put("videos", state.videoInfos().size());
            if (draft) {
                json.set("draft", d.toJson());
            }
            lines.add("Ready for export: " + (d.isReadyForExport() ? "yes" : "no (the timeline is empty)"));
            output().result(json, lines.toArray(new String[0]));
            return ExitCodes.OK;
        }
    }
}
