package io.github.nemosdk.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.testkit.SampleMedia;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.QuickEditResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * The first program: the products' quick edit end to end. It connects (an anonymous token unless
 * {@code NEMO_TOKEN} is set), creates a session, uploads a clip, asks for lo-fi music that fades out, confirms the
 * timeline changed, exports, and downloads the MP4; then prints the credits and writes a JSON report.
 *
 * <p>Usage: {@code QuickStart [clip] [output.mp4]} (defaults: a sample clip, {@code out/quickstart.mp4}). Writes
 * the MP4 and, beside it, a report with the same name ending in {@code .json}.
 */
public final class QuickStart {
    /** The instruction sent. */
    public static final String INSTRUCTION = "add lo-fi music at 35% and fade it out";

    private QuickStart() {
    }

    /**
     * Runs the example.
     *
     * @param args optional clip and output file
     */
    public static void main(String[] args) {
        ExampleArgs parsed = ExampleArgs.orExit(() -> ExampleArgs.inputAndMp4("QuickStart", args,
                "out/quickstart.mp4"));
        try {
            run(System.getenv(), parsed.input(), parsed.output(), System.out);
        } catch (NemoException e) {
            System.err.println("Failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the example with an explicit environment and output.
     *
     * @param env  the environment ({@code NEMO_API_URL}, {@code NEMO_TOKEN}, …)
     * @param clip   the clip to edit, or null for the sample clip
     * @param output the MP4 to write; the report goes beside it ({@code quickstart.json} for {@code quickstart.mp4})
     * @param out    where to print progress
     * @return the quick edit's result
     */
    public static QuickEditResult run(Map<String, String> env, Path clip, Path output, PrintStream out) {
        Path dir = output.toAbsolutePath().getParent();
        try (Target target = Target.connect(env, Product.ADD_MUSIC, ProductExample.configDir(env,
                dir.toAbsolutePath()), out)) {
            NemoClient client = target.client();
            Files.createDirectories(dir);
            Path input = clip != null ? clip : SampleMedia.writeHorizontalMp4(dir.resolve("sample-clip.mp4"));
            out.println("Connecting...");
            QuickEditResult result = client.workflows().addMusic(input, INSTRUCTION, output,
                    QuickEditOptions.defaults().withListener((file, stage, message) -> out.println(
                            stage.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + message)));
            String summary = client.state(result.sessionId()).latest().draft().summary();
            out.println(summary);
            CreditBalance credits = client.credits().balance();
            out.println("Credits: " + credits.available() + " available, " + credits.frozen() + " reserved, "
                    + credits.total() + " total");

            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode json = mapper.createObjectNode();
            json.put("api", client.baseUrl().toString());
            json.put("session_id", result.sessionId());
            json.put("instruction", INSTRUCTION);
            json.put("reply", result.reply().display());
            json.put("change", result.change().description());
            json.put("timeline_summary", summary);
            json.put("render_id", result.export().job().id());
            json.put("output", result.output().toString());
            json.put("output_bytes", Files.size(result.output()));
            ObjectNode c = json.putObject("credits");
            c.put("available", credits.available());
            c.put("frozen", credits.frozen());
            c.put("total", credits.total());
            Path report = output.resolveSibling(reportName(output));
            write(report, mapper.writeValueAsBytes(json));
            out.println("Wrote " + result.output() + " and " + report);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + dir, e);
        }
    }

    private static String reportName(Path mp4) {
        String name = mp4.getFileName().toString();
        return name.substring(0, name.length() - ".mp4".length()) + ".json";
    }

    private static void write(Path report, byte[] bytes) throws IOException {
        Path parent = report.toAbsolutePath().getParent();
        Path tmp = Files.createFile(parent.resolve(".quickstart." + System.nanoTime() + ".tmp"));
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
