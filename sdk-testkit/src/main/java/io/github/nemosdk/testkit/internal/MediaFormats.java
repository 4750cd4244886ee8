package io.github.nemosdk.testkit.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The accepted upload formats ("Media accepted" in the API reference), recognised by file name
 * extension, case-insensitively, with their kind and the {@code Content-Type} the CDN serves.
 */
final class MediaFormats {

    static final String VIDEO = "video";
    static final String IMAGE = "image";
    static final String AUDIO = "audio";

    /** The accepted formats as the 4001 message lists them. */
    static final String ACCEPTED = "video mp4, mov, avi, webm, mkv; image jpg, png, gif, webp; audio mp3, wav, m4a, aac";

    /** Extension to {kind, content type}. */
    private static final Map<String, String[]> FORMATS = Map.ofEntries(
            Map.entry("mp4", new String[] {VIDEO, "video/mp4"}),
            Map.entry("mov", new String[] {VIDEO, "video/quicktime"}),
            Map.entry("avi", new String[] {VIDEO, "video/x-msvideo"}),
            Map.entry("webm", new String[] {VIDEO, "video/webm"}),
            Map.entry("mkv", new String[] {VIDEO, "video/x-matroska"}),
            Map.entry("jpg", new String[] {IMAGE, "image/jpeg"}),
            Map.entry("png", new String[] {IMAGE, "image/png"}),
            Map.entry("gif", new String[] {IMAGE, "image/gif"}),
            Map.entry("webp", new String[] {IMAGE, "image/webp"}),
            Map.entry("mp3", new String[] {AUDIO, "audio/mpeg"}),
            Map.entry("wav", new String[] {AUDIO, "audio/wav"}),
            Map.entry("m4a", new String[] {AUDIO, "audio/mp4"}),
            Map.entry("aac", new String[] {AUDIO, "audio/aac"}));

    private MediaFormats() {
    }

    /** The lower-case extension of {@code fileName} (after the last dot), or "" if it has none. */
    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file name without its extension. */
    static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }

    /** {@code video}, {@code image} or {@code audio} for an accepted file name; empty otherwise. */
    static Optional<String> kind(String fileName) {
        String[] format = FORMATS.get(extension(fileName));
        return format == null ? Optional.empty() : Optional.of(format[0]);
    }

    /** The MIME type for an accepted file name, {@code application/octet-stream} otherwise. */
    static String contentType(String fileName) {
        String[] format = FORMATS.get(extension(fileName));
        return format == null ? "application/octet-stream" : format[1];
    }

    /** Whether the file is an ISO base media file (MP4 family) whose boxes can be read. */
    static boolean isIsoMedia(String fileName) {
        String ext = extension(fileName);
        return ext.equals("mp4") || ext.equals("mov") || ext.equals("m4a");
    }

    /** The 4001 error for {@code fileName}. */
    static ApiException unsupported(String fileName) {
        return ApiException.of(200, 4001, "unsupported file type: " + fileName + " (accepted formats: " + ACCEPTED
                + ")");
    }
}
