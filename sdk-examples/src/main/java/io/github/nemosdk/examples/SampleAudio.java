package io.github.nemosdk.examples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a short WAV tone, so the Music Maker example has an audio file to start from. */
final class SampleAudio {
    private SampleAudio() {
    }

    /**
     * Writes a 16-bit mono 22.05 kHz WAV of a 440 Hz tone.
     *
     * @param file    the file
     * @param seconds its length
     * @return the file
     * @throws IOException if it cannot be written
     */
    static Path writeWav(Path file, int seconds) throws IOException {
        int rate = 22_050;
        int samples = rate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (Math.sin(2 * Math.PI * 440 * i / rate) * 8000));
        }
        return Files.write(file, b.array());
    }
}
