package io.github.nemosdk.testkit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads the duration and the picture size of an ISO base media file (MP4, MOV, M4A) from its box
 * headers, without decoding anything: the duration from {@code moov/mvhd}, the size from the
 * {@code tkhd} of the first track whose {@code mdia/hdlr} says {@code vide} (swapped when the track
 * matrix rotates by 90 or 270 degrees, as phones record portrait video). Works whether
 * {@code moov} comes before or after {@code mdat}; reads only box headers and a few small boxes,
 * so large files cost nothing.
 */
final class Mp4Probe {

    /** What was found; {@code width}/{@code height} are 0 without a video track. */
    static final class Info {
        final long durationMs;
        final int width;
        final int height;

        Info(long durationMs, int width, int height) {
            this.durationMs = durationMs;
            this.width = width;
            this.height = height;
        }
    }

    private final FileChannel channel;
    private long durationMs = -1;
    private int width;
    private int height;

    private Mp4Probe(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Probes {@code file}.
     *
     * @return the info, or empty if the file has no readable {@code moov/mvhd} with a known duration
     */
    static Optional<Info> probe(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Mp4Probe probe = new Mp4Probe(channel);
            long moov = probe.find(0, channel.size(), "moov");
            if (moov < 0) {
                return Optional.empty();
            }
            probe.readMoov(moov);
            if (probe.durationMs < 0) {
                return Optional.empty();
            }
            return Optional.of(new Info(probe.durationMs, probe.width, probe.height));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // A box at position p: [size:4][type:4] ([largesize:8] when size == 1; size 0 = to the end).

    /** The position of the first box of {@code type} among the boxes in [start, end), or -1. */
    private long find(long start, long end, String type) throws IOException {
        long pos = start;
        while (pos + 8 <= end) {
            long[] header = header(pos, end);
            if (header == null) {
                return -1;
            }
            if (type(pos).equals(type)) {
                return pos;
            }
            pos += header[0];
        }
        return -1;
    }

    /** {size, header length} of the box at {@code pos}, or null if malformed. */
    private long[] header(long pos, long end) throws IOException {
        ByteBuffer b = read(pos, 8);
        long size = Integer.toUnsignedLong(b.getInt(0));
        long headerLength = 8;
        if (size == 1) {
            if (pos + 16 > end) {
                return null;
            }
            size = read(pos + 8, 8).getLong(0);
            headerLength = 16;
        } else if (size == 0) {
            size = end - pos;
        }
        if (size < headerLength || pos + size > end) {
            return null;
        }
        return new long[] {size, headerLength};
    }

    private String type(long pos) throws IOException {
        byte[] type = new byte[4];
        read(pos + 4, 4).get(type);
        return new String(type, StandardCharsets.ISO_8859_1);
    }

    private void readMoov(long moov) throws IOException {
        long[] h = header(moov, channel.size());
        long start = moov + h[1];
        long end = moov + h[0];
        long pos = start;
        while (pos + 8 <= end) {
            long[] box = header(pos, end);
            if (box == null) {
                return;
            }
            String type = type(pos);
            long payload = pos + box[1];
            if (type.equals("mvhd")) {
                readMvhd(payload, pos + box[0]);
            } else if (type.equals("trak") && width == 0) {
                readTrak(payload, pos + box[0]);
            }
            pos += box[0];
        }
    }

    private void readMvhd(long payload, long end) throws IOException {
        int version = read(payload, 1).get(0);
        long timescale;
        long duration;
        if (version == 1) {
            if (payload + 32 > end) {
                return;
            }
            ByteBuffer b = read(payload + 20, 12);
            timescale = Integer.toUnsignedLong(b.getInt(0));
            duration = b.getLong(4);
        } else {
            if (payload + 20 > end) {
                return;
            }
            ByteBuffer b = read(payload + 12, 8);
            timescale = Integer.toUnsignedLong(b.getInt(0));
            duration = Integer.toUnsignedLong(b.getInt(4));
            if (duration == 0xFFFFFFFFL) {
                return; // unknown duration
            }
        }
        if (timescale > 0 && duration > 0) {
            durationMs = Math.round(duration * 1000.0 / timescale);
        }
    }

    private void readTrak(long payload, long end) throws IOException {
        long tkhd = find(payload, end, "tkhd");
        long mdia = find(payload, end, "mdia");
        if (tkhd < 0 || mdia < 0) {
            return;
        }
        long[] mdiaHeader = header(mdia, end);
        long hdlr = find(mdia + mdiaHeader[1], mdia + mdiaHeader[0], "hdlr");
        if (hdlr < 0) {
            return;
        }
        long[] hdlrHeader = header(hdlr, end);
        if (hdlrHeader[0] < hdlrHeader[1] + 12 || !type(hdlr + hdlrHeader[1] + 4).equals("vide")) {
            return;
        }
        long[] tkhdHeader = header(tkhd, end);
        long p = tkhd + tkhdHeader[1];
        int version = read(p, 1).get(0);
        long matrix = p + (version == 1 ? 52 : 40);
        long size = matrix + 36;
        if (size + 8 > tkhd + tkhdHeader[0]) {
            return;
        }
        ByteBuffer m = read(matrix, 44);
        int a = m.getInt(0);
        int b = m.getInt(4);
        int c = m.getInt(12);
        int d = m.getInt(16);
        int w = m.getInt(36) >>> 16;
        int hgt = m.getInt(40) >>> 16;
        if (w <= 0 || hgt <= 0) {
            return;
        }
        boolean quarterTurn = a == 0 && d == 0 && b != 0 && c != 0;
        width = quarterTurn ? hgt : w;
        height = quarterTurn ? w : hgt;
    }

    private ByteBuffer read(long pos, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, pos + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        b.flip();
        return b;
    }
}
