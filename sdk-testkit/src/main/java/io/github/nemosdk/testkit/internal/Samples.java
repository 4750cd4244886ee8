package io.github.nemosdk.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The sample MP4 clips shipped as resources next to {@code io.github.nemosdk.testkit.SampleMedia},
 * loaded once. The returned arrays are shared: callers must not modify them.
 */
public final class Samples {

    private static final String DIR = "/io/github/nemosdk/testkit/";

    private Samples() {
    }

    /**
     * The 192x108 clip.
     *
     * @return the shared bytes; do not modify
     */
    public static byte[] horizontalMp4() {
        return Holder.HORIZONTAL;
    }

    /**
     * The 108x192 clip.
     *
     * @return the shared bytes; do not modify
     */
    public static byte[] verticalMp4() {
        return Holder.VERTICAL;
    }

    /** Lazily loaded on first use, once. */
    private static final class Holder {
        static final byte[] HORIZONTAL = load("sample-horizontal.mp4");
        static final byte[] VERTICAL = load("sample-vertical.mp4");
    }

    private static byte[] load(String name) {
        try (InputStream in = Samples.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("testkit resource missing: " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read testkit resource " + DIR + name, e);
        }
    }
}
