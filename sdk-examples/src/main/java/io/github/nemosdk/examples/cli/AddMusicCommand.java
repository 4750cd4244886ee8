package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.QuickEditResult;
import io.github.nemosdk.workflows.WorkflowListener;
import io.github.nemosdk.workflows.WorkflowStage;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nemo add-music}: the products' quick edit, {@code client.workflows().addMusic(…)} with a stage listener. */
@Command(name = "add-music", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The quick edit: upload a clip, ask for music in plain words, check the timeline changed,"
            + " export and download the MP4.",
            "Try it with a sample clip: nemo sample --out clip.mp4"})
final class AddMusicCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "VIDEO", description = "The clip (or audio file, for music-maker).")
    Path video;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT",
            description = "What to do, e.g. \"add lo-fi music at 35%% and fade it out\".")
    String prompt;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the MP4.")
    Path out;

    @CommandLine.Mixin
    ProductOption productOption;

    @Option(names = "--vertical", description = "Export 1080x1920 (9:16); tiktok-add-music does by default.")
    boolean vertical;

    AddMusicCommand(NemoCli root) {
        super(root);
    }

    @Override
    public Integer call() {
        Output o = output();
        try (Connection c = connect(productOption.product)) {
            NemoClient client = c.client();
            QuickEditResult r;
            RenderGuard.PROCESS.writing(out);
            try (Progress.Stages stages = progress().stages("add-music", 1)) {
                QuickEditOptions options = QuickEditOptions.defaults().withListener(new WorkflowListener() {
                    @Override
                    public void onStage(Path input, WorkflowStage stage, String message) {
                        stages.onStage(input, stage, message);
                    }

                    @Override
                    public void onRender(Path input, RenderJob job) {
                        RenderGuard.PROCESS.rendering(client, job);
                    }
                });
                if (vertical) {
                    options = options.withRender(RenderOptions.vertical());
                }
                r = client.workflows().addMusic(video, prompt, out, options);
            }
            String summary = client.state(r.sessionId()).latest().draft().summary();
            long bytes = size(r.output());
            ObjectNode json = Output.result("add-music");
            json.put("api_url", client.baseUrl().toString());
            json.put("emulated", c.emulated());
            json.put("product", productOption.product.source());
            json.put("input", video.toString());
            json.put("instruction", prompt);
            json.put("session_id", r.sessionId());
            json.put("reply", r.reply().display());
            json.put("change", r.change().description());
            json.put("timeline_summary", summary);
            json.put("render_id", r.export().job().id());
            json.put("vertical", vertical || productOption.product == Product.TIKTOK_ADD_MUSIC);
            json.put("output", r.output().toString());
            json.put("output_bytes", bytes);
            o.result(json,
                    "Session " + r.sessionId() + ": " + r.change().description(),
                    summary,
                    "Saved " + r.output() + " (" + bytes + " bytes)");
            return ExitCodes.OK;
        }
    }
}
