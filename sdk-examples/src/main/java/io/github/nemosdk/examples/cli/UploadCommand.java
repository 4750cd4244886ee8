package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.uploads.UploadResult;
import io.github.nemosdk.uploads.UploadedFile;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nemo upload}: sends files (checked first, streamed, with a progress bar in bytes) and URLs (fetched by the
 * service) to a session.
 */
@Command(name = "upload", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upload clips, images or audio to a session. Files are checked before anything is sent"
            + " (format, content, size); http(s) URLs are fetched by the service."})
final class UploadCommand extends BaseCommand {
    @Option(names = {"-s", "--session"}, required = true, paramLabel = "ID", description = "The session.")
    String sessionId;

    @Parameters(arity = "1..*", paramLabel = "FILE_OR_URL", description = "Files and http(s) URLs.")
    List<String> sources;

    @CommandLine.Mixin
    ProductOption productOption;

    UploadCommand(NemoCli root) {
        super(root);
    }

    @Override
    public Integer call() {
        List<Path> files = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        for (String s : sources) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                urls.add(URI.create(s));
            } else {
                files.add(Paths.get(s));
            }
        }
        Output o = output();
        try (Connection c = connect(productOption.product)) {
            NemoClient client = c.client();
            List<UploadedFile> uploaded = new ArrayList<>();
            boolean applied = true;
            if (!files.isEmpty()) {
                UploadResult r;
                try (Progress.Upload bar = progress().upload()) {
                    r = client.uploads(sessionId).onProgress(bar).files(files);
                }
                uploaded.addAll(r.files());
                applied = r.stateApplied();
            }
            if (!urls.isEmpty()) {
                UploadResult r = client.uploads(sessionId).urls(urls);
                uploaded.addAll(r.files());
                applied &= r.stateApplied();
            }
            ObjectNode json = Output.result("upload");
            json.put("session_id", sessionId);
            json.put("state_applied", applied);
            ArrayNode list = json.putArray("files");
            List<String> lines = new ArrayList<>();
            for (UploadedFile f : uploaded) {
                list.add(describe(f));
                lines.add("Uploaded " + f.filename() + " (" + f.kind().name().toLowerCase(Locale.ROOT)
                        + f.duration().map(d -> String.format(Locale.ROOT, ", %.1f s", d.toMillis() / 1000.0)).orElse("")
                        + (f.width().isPresent() && f.height().isPresent()
                            ? ", " + f.width().getAsInt() + "x" + f.height().getAsInt() : "")
                        + ")" + f.cdnUrl().map(u -> " " + u).orElse(""));
            }
            lines.add(applied ? "Added to the timeline of session " + sessionId
                    : "Stored; the session's timeline was not updated");
            o.result(json, lines.toArray(new String[0]));
            return ExitCodes.OK;
        }
    }

    static ObjectNode describe(UploadedFile f) {
        ObjectNode n = Output.MAPPER.createObjectNode();
        n.put("filename", f.filename());
        n.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
        n.put("cdn_url", f.cdnUrl().map(URI::toString).orElse(null));
        if (f.duration().isPresent()) {
            n.put("duration_seconds", f.duration().get().toMillis() / 1000.0);
        } else {
            n.putNull("duration_seconds");
        }
        if (f.width().isPresent()) {
            n.put("width", f.width().getAsInt());
        } else {
            n.putNull("width");
        }
        if (f.height().isPresent()) {
            n.put("height", f.height().getAsInt());
        } else {
            n.putNull("height");
        }
        if (f.fps().isPresent()) {
            n.put("fps", f.fps().getAsDouble());
        } else {
            n.putNull("fps");
        }
        n.put("hash", f.hash().orElse(null));
        return n;
    }
}
