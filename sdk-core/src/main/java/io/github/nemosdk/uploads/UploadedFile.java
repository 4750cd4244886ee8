package io.github.nemosdk.uploads;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.immutables.value.Value;

/** A file the service accepted: where it is stored and what it found in it. Immutable. */
@Value.Immutable
public abstract class UploadedFile {
    UploadedFile() {
    }

    /**
     * The file name as stored.
     *
     * @return the name
     */
    public abstract String filename();

    /**
     * Video, image or audio.
     *
     * @return the kind
     */
    public abstract MediaKind kind();

    /**
     * Where the service keeps the file.
     *
     * @return the CDN URL, when the server sent one
     */
    public abstract Optional<URI> cdnUrl();

    /**
     * The length of a video or audio file.
     *
     * @return the duration, when known
     */
    public abstract Optional<Duration> duration();

    /**
     * Width in pixels of a video or image.
     *
     * @return the width, when known
     */
    public abstract OptionalInt width();

    /**
     * Height in pixels of a video or image.
     *
     * @return the height, when known
     */
    public abstract OptionalInt height();

    /**
     * Frames per second of a video.
     *
     * @return the frame rate, when known
     */
    public abstract OptionalDouble fps();

    /**
     * The content hash the service computed.
     *
     * @return the hash, when the server sent one
     */
    public abstract Optional<String> hash();

    /**
     * Creates a value, e.g. for tests. Null stands for unknown.
     *
     * @param filename the file name
     * @param kind     the kind
     * @param cdnUrl   the CDN URL, or null
     * @param duration the duration, or null
     * @param width    the width, or null
     * @param height   the height, or null
     * @param fps      the frame rate, or null
     * @param hash     the hash, or null
     * @return the value
     */
    public static UploadedFile of(String filename, MediaKind kind, URI cdnUrl, Duration duration, Integer width,
            Integer height, Double fps, String hash) {
        return ImmutableUploadedFile.of(filename, kind, Optional.ofNullable(cdnUrl), Optional.ofNullable(duration),
                width == null ? OptionalInt.empty() : OptionalInt.of(width),
                height == null ? OptionalInt.empty() : OptionalInt.of(height),
                fps == null ? OptionalDouble.empty() : OptionalDouble.of(fps), Optional.ofNullable(hash));
    }
}
