package io.github.nemosdk.testkit;

import io.github.nemosdk.testkit.internal.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Small, valid, playable MP4 clips shipped with the testkit, for tests and examples that need a
 * real file to upload. Each is 2 seconds of H.264 video (a colour-bar test pattern at 30 fps) with
 * an AAC sine tone, written with the {@code moov} box first ("fast start"), under 20 KB. The
 * emulator also serves these clips as the result of an export.
 *
 * <p>All methods are thread-safe; every call returns a fresh copy the caller may modify.
 *
 * <p>The clips are resources of this package ({@code sample-horizontal.mp4},
 * {@code sample-vertical.mp4}); nothing at build or run time needs ffmpeg. They were made with
 * ffmpeg 5.1: {@code ffmpeg -f lavfi -i testsrc=size=192x108:rate=30:duration=2 -f lavfi -i
 * sine=frequency=440:sample_rate=44100:duration=2 -c:v libx264 -preset veryslow -profile:v baseline
 * -pix_fmt yuv420p -crf 30 -c:a aac -b:a 32k -ac 1 -shortest -map_metadata -1 -fflags +bitexact
 * -movflags +faststart sample-horizontal.mp4} (and {@code size=108x192} for the vertical one).
 */
public final class SampleMedia {

    private SampleMedia() {
    }

    /**
     * A horizontal clip: 192x108 pixels (16:9), 2 s.
     *
     * @return the MP4 file's bytes, a new array on every call
     */
    public static byte[] horizontalMp4() {
        return Samples.horizontalMp4().clone();
    }

    /**
     * A vertical clip: 108x192 pixels (9:16), 2 s.
     *
     * @return the MP4 file's bytes, a new array on every call
     */
    public static byte[] verticalMp4() {
        return Samples.verticalMp4().clone();
    }

    /**
     * Writes the {@link #horizontalMp4() horizontal clip} to {@code file}, replacing any existing
     * file and creating missing parent directories.
     *
     * @param file where to write, for example {@code tempDir.resolve("clip.mp4")}
     * @return {@code file}
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path writeHorizontalMp4(Path file) {
        return write(file, Samples.horizontalMp4());
    }

    /**
     * Writes the {@link #verticalMp4() vertical clip} to {@code file}, replacing any existing file
     * and creating missing parent directories.
     *
     * @param file where to write, for example {@code tempDir.resolve("clip.mp4")}
     * @return {@code file}
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path writeVerticalMp4(Path file) {
        return write(file, Samples.verticalMp4());
    }

    private static Path write(Path file, byte[] bytes) {
        Objects.requireNonNull(file, "file");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample MP4 to " + file, e);
        }
    }
}
