package io.github.nemosdk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Small files shaped like the media the service serves, for tests that download them. */
public final class TestMedia {
    private TestMedia() {
    }

    /**
     * A whole MP4 as far as its structure goes: {@code ftyp}, {@code moov} and an {@code mdat} of
     * {@code payload} bytes, the boxes tiling the file.
     *
     * @param payload the media bytes, 0 or more
     * @return the file's bytes
     */
    public static byte[] mp4(int payload) {
        ByteBuffer b = ByteBuffer.allocate(24 + 8 + 8 + payload);
        b.putInt(24).put(ascii("ftyp")).put(ascii("isom")).putInt(0x200).put(ascii("isom")).put(ascii("mp42"));
        b.putInt(8).put(ascii("moov"));
        b.putInt(8 + payload).put(ascii("mdat"));
        for (int i = 0; i < payload; i++) {
            b.put((byte) (i * 31));
        }
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
