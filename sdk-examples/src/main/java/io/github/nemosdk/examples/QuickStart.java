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
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * The first program: the products' quick edit end to end. It connects (an anonymous token unless
 * {@code NEMO_TOKEN} is set), creates a session, uploads a clip, asks for lo-fi music that fades out, confirms the
 * timeline changed, exports, and downloads the MP4; then prints the credits and writes a JSON report.
 *
 * <p>Usage: {@code QuickStart [clip] [output-dir]} (defaults: a sample clip, {@code out}). Writes
 * {@code quickstart.mp4} and {@code quickstart.json} in the output folder.
 */
public final class QuickStart {
    /** The instruction sent. */
    public static final String INSTRUCTION = "add lo-fi music at 35% and fade it out";

    private QuickStart() {
    }

    /**
     * Runs the example.
     *
     * @param args optional clip and output folder
     */
    public static void main(String[] args) {
        Path clip = args.length > 0 ? Paths.get(args[0]) : null;
        Path dir = Paths.get(args.length > 1 ? args[1] : "out");
        try {
            run(System.getenv(), clip, dir, System.out);
        } catch (NemoException e) {
            System.err.println("Failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the example with an explicit environment and output.
     *
     * @param env  the environment ({@code NEMO_API_URL}, {@code NEMO_TOKEN}, …)
     * @param clip the clip to edit, or null for the sample clip
     * @param dir  where the MP4 and the report go
     * @param out  where to print progress
     * @return the quick edit's result
     */
    public static QuickEditResult run(Map<String, String> env, Path clip, Path dir, PrintStream out) {
        try (Target target = Target.connect(env, Product.ADD_MUSIC, ProductExample.configDir(env,
                dir.toAbsolutePath()), out)) {
            NemoClient client = target.client();
            Files.createDirectories(dir);
            Path input = clip != null ? clip : SampleMedia.writeHorizontalMp4(dir.resolve("sample-clip.mp4"));
            out.println("Connecting...");
            QuickEditResult result = client.workflows().addMusic(input, INSTRUCTION, dir.resolve("quickstart.mp4"),
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
            Path report = dir.resolve("quickstart.json");
            write(report, mapper.writeValueAsBytes(json));
            out.println("Wrote " + result.output() + " and " + report);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + dir, e);
        }
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
