package io.github.nemosdk.internal.uploads;

import io.github.nemosdk.errors.InvalidUploadException.Reason;
import io.github.nemosdk.errors.InvalidUploadException;
import io.github.nemosdk.errors.UnsupportedFileTypeException;
import io.github.nemosdk.uploads.MediaKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Checks media before upload: accepted extension, matching first bytes, size within the limit. */
public final class MediaCheck {
    /** How many leading bytes the content check needs. */
    public static final int HEADER_BYTES = 16;

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"), Map.entry("avi", "video/x-msvideo"),
            Map.entry("webm", "video/webm"), Map.entry("mkv", "video/x-matroska"), Map.entry("jpg", "image/jpeg"),
            Map.entry("png", "image/png"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"), Map.entry("m4a", "audio/mp4"),
            Map.entry("aac", "audio/aac"));

    private MediaCheck() {
    }

    /**
     * The lower-case extension of a file name.
     *
     * @param name the file name
     * @return the extension, empty when there is none
     */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * The MIME type sent for a file.
     *
     * @param name the file name (with an accepted extension)
     * @return the content type
     */
    public static String contentType(String name) {
        return CONTENT_TYPES.getOrDefault(extension(name), "application/octet-stream");
    }

    /**
     * Checks a name's extension.
     *
     * @param name the file name
     * @return the kind
     * @throws InvalidUploadException if the extension is not accepted
     */
    public static MediaKind kind(String name) {
        return MediaKind.ofFilename(name).orElseThrow(() -> new InvalidUploadException(Reason.UNSUPPORTED_FORMAT,
                name, "Cannot upload " + name + ": the format '" + extension(name) + "' is not accepted. Accepted"
                        + " formats: " + String.join(", ", UnsupportedFileTypeException.ACCEPTED_FORMATS) + "."));
    }

    /**
     * Checks a file: exists, readable, accepted, non-empty, within the limit, content matching its extension.
     *
     * @param file     the file
     * @param maxBytes the product's limit
     * @return the file's size
     * @throws InvalidUploadException if a check fails
     */
    public static long checkFile(Path file, long maxBytes) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new InvalidUploadException(Reason.NOT_FOUND, name, "Cannot upload " + file + ": the file does not"
                    + " exist.");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidUploadException(Reason.NOT_READABLE, name, "Cannot upload " + file + ": it is not a"
                    + " readable file.");
        }
        kind(name);
        long size;
        byte[] head = new byte[HEADER_BYTES];
        int n;
        try {
            size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            }
        } catch (IOException e) {
            throw new InvalidUploadException(Reason.NOT_READABLE, name, "Cannot upload " + file + ": reading it"
                    + " failed (" + e.getClass().getSimpleName() + ").");
        }
        checkSize(name, size, maxBytes);
        checkContent(name, Arrays.copyOf(head, n));
        return size;
    }

    /**
     * Checks a size against the limit.
     *
     * @param name     the file name
     * @param size     its size
     * @param maxBytes the limit
     * @throws InvalidUploadException if empty or too large
     */
    public static void checkSize(String name, long size, long maxBytes) {
        if (size <= 0) {
            throw new InvalidUploadException(Reason.EMPTY, name, "Cannot upload " + name + ": it is empty.");
        }
        if (size > maxBytes) {
            throw new InvalidUploadException(Reason.TOO_LARGE, name, "Cannot upload " + name + ": it is "
                    + megabytes(size) + " and the limit is " + megabytes(maxBytes) + " per file. Compress or trim"
                    + " it first.");
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0)).replace(".0 MB", " MB");
    }

    /**
     * Checks that the first bytes match the format the extension claims.
     *
     * @param name the file name
     * @param head the first bytes (up to {@link #HEADER_BYTES})
     * @throws InvalidUploadException if they do not
     */
    public static void checkContent(String name, byte[] head) {
        String ext = extension(name);
        if (!matches(ext, head)) {
            throw new InvalidUploadException(Reason.CONTENT_MISMATCH, name, "Cannot upload " + name + ": its"
                    + " content is not " + ext.toUpperCase(Locale.ROOT) + " data (the first bytes do not match the"
                    + " format). Check that the file is the media you meant and that its extension is right.");
        }
    }

    static boolean matches(String ext, byte[] h) {
        switch (ext) {
            case "mp4":
            case "m4a":
                return at(h, 4, "ftyp");
            case "mov":
                return at(h, 4, "ftyp") || at(h, 4, "moov") || at(h, 4, "mdat") || at(h, 4, "wide")
                        || at(h, 4, "free") || at(h, 4, "skip") || at(h, 4, "pnot");
            case "avi":
                return at(h, 0, "RIFF") && at(h, 8, "AVI ");
            case "wav":
                return at(h, 0, "RIFF") && at(h, 8, "WAVE");
            case "webp":
                return at(h, 0, "RIFF") && at(h, 8, "WEBP");
            case "webm":
            case "mkv":
                return bytes(h, 0, 0x1A, 0x45, 0xDF, 0xA3);
            case "jpg":
                return bytes(h, 0, 0xFF, 0xD8, 0xFF);
            case "png":
                return bytes(h, 0, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
            case "gif":
                return at(h, 0, "GIF87a") || at(h, 0, "GIF89a");
            case "mp3":
                return at(h, 0, "ID3") || (h.length >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xE0) == 0xE0);
            case "aac":
                return at(h, 0, "ADIF") || at(h, 0, "ID3")
                        || (h.length >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xF6) == 0xF0);
            default:
                return false;
        }
    }

    private static boolean at(byte[] h, int offset, String ascii) {
        byte[] a = ascii.getBytes(StandardCharsets.US_ASCII);
        if (h.length < offset + a.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (h[offset + i] != a[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean bytes(byte[] h, int offset, int... expected) {
        if (h.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((h[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
