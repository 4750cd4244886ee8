package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.testkit.SampleMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nemo sample}: writes the testkit's small sample clip, for a first try of {@code add-music}. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a small sample clip (2 s of colour bars with a tone, 192x108; --vertical: 108x192)"
            + " to try the other commands with. Needs no network."})
final class SampleCommand extends BaseCommand {
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the MP4.")
    Path out;

    @Option(names = "--vertical", description = "A 9:16 clip instead of 16:9.")
    boolean vertical;

    @Option(names = {"-f", "--force"}, description = "Replace the file if it exists.")
    boolean force;

    SampleCommand(NemoCli root) {
        super(root);
    }

    @Override
    public Integer call() {
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException(out + " already exists; pass --force to replace it.");
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a directory; give the path of the MP4 file to write.");
        }
        Path written = vertical ? SampleMedia.writeVerticalMp4(out) : SampleMedia.writeHorizontalMp4(out);
        long bytes = size(written);
        ObjectNode json = Output.result("sample");
        json.put("output", written.toString());
        json.put("output_bytes", bytes);
        json.put("width", vertical ? 108 : 192);
        json.put("height", vertical ? 192 : 108);
        json.put("duration_seconds", 2);
        json.put("vertical", vertical);
        output().result(json, "Wrote " + written + " (" + bytes + " bytes, " + (vertical ? "108x192" : "192x108")
                + ", 2 s). Next: nemo add-music " + written + " --prompt \"add lo-fi music\" --out out.mp4");
        return ExitCodes.OK;
    }
}
