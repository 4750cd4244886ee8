package io.github.nemosdk.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.sessions.Session;
import io.github.nemosdk.state.SessionState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The first program: connects (acquiring an anonymous token unless {@code NEMO_TOKEN} is set), creates a session,
 * prints the credits and the timeline summary, and writes them to a JSON report.
 *
 * <p>Usage: {@code QuickStart [report.json]} (default {@code out/quickstart.json}).
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Runs the example.
     *
     * @param args optional path of the report file
     */
    public static void main(String[] args) {
        Path report = Paths.get(args.length > 0 ? args[0] : "out/quickstart.json");
        try {
            run(System.getenv(), report, System.out);
        } catch (NemoException e) {
            System.err.println("Failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the example with an explicit environment and output.
     *
     * @param env    the environment ({@code NEMO_API_URL}, {@code NEMO_TOKEN}, …)
     * @param report where to write the JSON report
     * @param out    where to print progress
     * @return the report that was written
     */
    public static ObjectNode run(Map<String, String> env, Path report, PrintStream out) {
        Path dir = report.toAbsolutePath().getParent();
        try (Target target = Target.connect(env, Product.ADD_MUSIC, dir.resolve(".nemo"), out)) {
            NemoClient client = target.client();
            out.println("Connecting...");
            Session session = client.sessions().create();
            out.println("Ready: session " + session.sessionId() + " (task " + session.taskId() + ")");
            CreditBalance credits = client.credits().balance();
            out.println("Credits: " + credits.available() + " available, " + credits.frozen() + " reserved, "
                    + credits.total() + " total");
            SessionState state = client.state(session.sessionId()).latest();
            String summary = state.draft().summary();
            out.println(summary);

            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode json = mapper.createObjectNode();
            json.put("api", client.baseUrl().toString());
            json.put("session_id", session.sessionId());
            json.put("task_id", session.taskId());
            ObjectNode c = json.putObject("credits");
            c.put("available", credits.available());
            c.put("frozen", credits.frozen());
            c.put("total", credits.total());
            json.put("timeline_summary", summary);
            json.put("ready_for_export", state.draft().isReadyForExport());
            json.set("draft", state.draft().toJson());
            write(report, mapper.writeValueAsBytes(json));
            out.println("Wrote " + report);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + report, e);
        }
    }

    private static void write(Path report, byte[] bytes) throws IOException {
        Path dir = report.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".quickstart", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
