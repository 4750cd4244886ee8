package io.github.nemosdk.internal.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells whether a downloaded video is whole, before it replaces the user's file: a body that ended early (no
 * {@code Content-Length} to compare with, a connection closed mid-file) must not be saved as the video. An MP4 (any
 * ISO base media file: {@code ftyp} first) is whole when its top-level boxes tile the file exactly and include
 * {@code moov}; the media data is not decoded. A file of another container is accepted as it is, unless the server
 * said it was MP4.
 */
final class MediaFileCheck {
    private MediaFileCheck() {
    }

    /**
     * What is wrong with a downloaded file.
     *
     * @param file        the file
     * @param contentType the response's {@code Content-Type}, lower case, possibly empty
     * @return a description of the problem, or null when the file is whole
     * @throws IOException if the file cannot be read
     */
    static String problem(Path file, String contentType) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(16);
            boolean saidMp4 = contentType.startsWith("video/mp4") || contentType.startsWith("video/quicktime");
            if (!startsWith(ch, "ftyp")) {
                return saidMp4 ? "it does not start with an MP4 'ftyp' box" : null;
            }
            boolean moov = false;
            boolean mdat = false;
            long pos = 0;
            while (pos < size) {
                if (size - pos < 8) {
                    return "it ends inside a box header at byte " + pos;
                }
                header.clear().limit(8);
                read(ch, header, pos);
                long boxSize = header.getInt(0) & 0xFFFFFFFFL;
                String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
                long headerSize = 8;
                if (boxSize == 1) {
                    if (size - pos < 16) {
                        return "it ends inside the header of '" + printable(type) + "'";
                    }
                    header.clear().limit(16);
                    read(ch, header, pos);
                    boxSize = header.getLong(8);
                    headerSize = 16;
                } else if (boxSize == 0) {
                    boxSize = size - pos; // the last box runs to the end of the file
                }
                if (boxSize < headerSize || boxSize > size - pos) {
                    return "the box '" + printable(type) + "' at byte " + pos + " claims " + boxSize
                            + " bytes but only " + (size - pos) + " are left: the file was cut off";
                }
                moov |= type.equals("moov");
                mdat |= type.equals("mdat");
                pos += boxSize;
            }
            if (!moov) {
                return "it has no 'moov' box (the index of its tracks)";
            }
            return mdat ? null : "it has no 'mdat' box (its media data): the file was cut off";
        }
    }

    private static boolean startsWith(FileChannel ch, String type) throws IOException {
        if (ch.size() < 8) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(8);
        read(ch, b, 0);
        return new String(b.array(), 4, 4, StandardCharsets.ISO_8859_1).equals(type);
    }

    private static void read(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long at = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, at);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            at += n;
        }
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? type : "?";
    }
}
