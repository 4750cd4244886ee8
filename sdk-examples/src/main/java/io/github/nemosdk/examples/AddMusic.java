package io.github.nemosdk.examples;

import io.github.nemosdk.Product;

/**
 * Add Music: background music that fades out at the end.
 *
 * <p>Usage: {@code AddMusic [input] [output.mp4]}; without an input a sample is used. Runs against the embedded
 * emulator unless {@code NEMO_API_URL} is set.
 */
public final class AddMusic {
    /** The product's typical instruction. */
    public static final String INSTRUCTION = "add background music to my video and fade it out at the end";

    private AddMusic() {
    }

    /**
     * Runs the example.
     *
     * @param args optional input file and output path
     */
    public static void main(String[] args) {
        ProductExample.main("AddMusic", Product.ADD_MUSIC, INSTRUCTION, args, "out/add-music.mp4");
    }
}
