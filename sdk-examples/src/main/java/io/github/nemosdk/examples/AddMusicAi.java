package io.github.nemosdk.examples;

import io.github.nemosdk.Product;

/**
 * Add Music AI: a track matched to the mood of the clip.
 *
 * <p>Usage: {@code AddMusicAi [input] [output.mp4]}; without an input a sample is used. Runs against the embedded
 * emulator unless {@code NEMO_API_URL} is set.
 */
public final class AddMusicAi {
    /** The product's typical instruction. */
    public static final String INSTRUCTION = "add background music that matches the mood of my video";

    private AddMusicAi() {
    }

    /**
     * Runs the example.
     *
     * @param args optional input file and output path
     */
    public static void main(String[] args) {
        ProductExample.main("AddMusicAi", Product.ADD_MUSIC_AI, INSTRUCTION, args, "out/add-music-ai.mp4");
    }
}
