package io.github.nemosdk.workflows;

import java.nio.file.Path;
import java.util.List;

/**
 * The products' workflows in one call. Obtain it from {@code client.workflows()}. Thread-safe.
 */
public interface WorkflowsClient {
    /**
     * The quick edit: checks the clip, creates a session, uploads the clip, sends the instruction, confirms the
     * timeline changed, exports and downloads the MP4.
     *
     * @param video       the clip (or audio file, for Music Maker)
     * @param instruction e.g. "add lo-fi music at 35% and fade it out"
     * @param out         where to write the MP4
     * @return what was done
     * @throws io.github.nemosdk.errors.InvalidUploadException if the clip is refused (before a session is made)
     * @throws io.github.nemosdk.errors.EditNotAppliedException if the timeline did not change
     */
    QuickEditResult addMusic(Path video, String instruction, Path out);

    /**
     * The quick edit with options.
     *
     * @param video       the clip
     * @param instruction the instruction
     * @param out         where to write the MP4
     * @param options     render output and stage listener
     * @return what was done
     */
    QuickEditResult addMusic(Path video, String instruction, Path out, QuickEditOptions options);

    /**
     * The quick edit over many files, a few at a time: one session and one render per file. A failing file never
     * stops the others. Outputs are named {@code <name>-music.mp4} in {@code outputDirectory}.
     *
     * @param videos          the clips
     * @param instruction     the instruction for each
     * @param outputDirectory where the MP4s go (created if missing)
     * @return one item per input, in input order
     */
    BatchResult addMusicToEach(List<Path> videos, String instruction, Path outputDirectory);

    /**
     * The batch with options.
     *
     * @param videos          the clips
     * @param instruction     the instruction for each
     * @param outputDirectory where the MP4s go
     * @param options         concurrency, render output, stage listener
     * @return one item per input, in input order
     */
    BatchResult addMusicToEach(List<Path> videos, String instruction, Path outputDirectory, QuickEditOptions options);
}
