package io.github.nemosdk.examples;

import io.github.nemosdk.Product;

/**
 * TikTok Add Music: a trending track that fits the mood, exported vertical (1080x1920).
 *
 * <p>Usage: {@code TikTokAddMusic [input] [output.mp4]}; without an input a sample is used. Runs against the embedded
 * emulator unless {@code NEMO_API_URL} is set.
 */
public final class TikTokAddMusic {
    /** The product's typical instruction. */
    public static final String INSTRUCTION = "add a trending background track that fits the mood of my TikTok video";

    private TikTokAddMusic() {
    }

    /**
     * Runs the example.
     *
     * @param args optional input file and output path
     */
    public static void main(String[] args) {
        ProductExample.main("TikTokAddMusic", Product.TIKTOK_ADD_MUSIC, INSTRUCTION, args, "out/tiktok-add-music.mp4");
    }
}
