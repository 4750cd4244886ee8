package io.github.nemosdk.examples;

import io.github.nemosdk.Product;

/**
 * Music Maker: an upbeat track made for an audio file (a WAV voice-over).
 *
 * <p>Usage: {@code MusicMaker [input] [output.mp4]}; without an input a sample is used. Runs against the embedded
 * emulator unless {@code NEMO_API_URL} is set.
 */
public final class MusicMaker {
    /** The product's typical instruction. */
    public static final String INSTRUCTION = "create an upbeat background track for my travel video";

    private MusicMaker() {
    }

    /**
     * Runs the example.
     *
     * @param args optional input file and output path
     */
    public static void main(String[] args) {
        ProductExample.main("MusicMaker", Product.MUSIC_MAKER, INSTRUCTION, args, "out/music-maker.mp4");
    }
}
