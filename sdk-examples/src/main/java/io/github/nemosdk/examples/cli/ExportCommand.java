package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.render.ExportResult;
import io.github.nemosdk.render.RenderOptions;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nemo export}: renders a session's timeline and downloads the MP4, with a progress bar in percent. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render a session's timeline to MP4 (1080p; --vertical for 1080x1920) and download it.",
            "Exports are free. The file is written whole or not at all."})
final class ExportCommand extends BaseCommand {
    @Option(names = {"-s", "--session"}, required = true, paramLabel = "ID", description = "The session.")
    String sessionId;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the MP4.")
    Path out;

    @Option(names = "--vertical", description = "1080x1920 (9:16) instead of the timeline's own frame.")
    boolean vertical;

    @CommandLine.Mixin
    ProductOption productOption;

    ExportCommand(NemoCli root) {
        super(root);
    }

    @Override
    public Integer call() {
        Output o = output();
        try (Connection c = connect(productOption.product)) {
            NemoClient client = c.client();
            ExportResult r;
            RenderGuard.PROCESS.writing(out);
            try (Progress.Render bar = progress().render()) {
                r = client.render().export(sessionId, out, vertical ? RenderOptions.vertical()
                        : RenderOptions.defaults(), job -> {
                            RenderGuard.PROCESS.rendering(client, job);
                            bar.onProgress(job);
                        });
            }
            long bytes = size(r.file());
            ObjectNode json = Output.result("export");
            json.put("session_id", r.sessionId());
            json.put("render_id", r.job().id());
            json.put("renders", r.renders());
            json.put("vertical", vertical);
            json.put("output", r.file().toString());
            json.put("output_bytes", bytes);
            o.result(json, "Saved " + r.file() + " (" + bytes + " bytes, " + r.job().id() + ")");
            return ExitCodes.OK;
        }
    }
}
