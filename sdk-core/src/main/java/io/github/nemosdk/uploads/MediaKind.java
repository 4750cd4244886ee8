package io.github.nemosdk.uploads;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kinds of media the API accepts, with their file extensions. */
public enum MediaKind {
    /** Video: mp4, mov, avi, webm, mkv. */
    VIDEO(List.of("mp4", "mov", "avi", "webm", "mkv")),
    /** Image: jpg, png, gif, webp. */
    IMAGE(List.of("jpg", "png", "gif", "webp")),
    /** Audio: mp3, wav, m4a, aac. */
    AUDIO(List.of("mp3", "wav", "m4a", "aac"));

    private final List<String> extensions;

    MediaKind(List<String> extensions) {
        this.extensions = extensions;
    }

    /**
     * The file extensions of this kind, lower case.
     *
     * @return the extensions
     */
    public List<String> extensions() {
        return extensions;
    }

    /**
     * The kind of a file name, by extension (case-insensitive).
     *
     * @param filename e.g. {@code clip.MP4}
     * @return the kind, empty when the extension is not accepted
     */
    public static Optional<MediaKind> ofFilename(String filename) {
        String ext = extension(filename);
        for (MediaKind k : values()) {
            if (k.extensions.contains(ext)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The kind as the API names it in {@code file_type}.
     *
     * @param fileType {@code video}, {@code image} or {@code audio}
     * @return the kind, empty for other values
     */
    public static Optional<MediaKind> ofFileType(String fileType) {
        if (fileType == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(fileType.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String extension(String filename) {
        if (filename == null) {
            return "";
        }
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
