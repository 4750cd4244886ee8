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

    /**
     * A sample's length in seconds, as its {@code mvhd} box gives it (10 if it cannot be read).
     *
     * @param vertical the vertical clip, else the horizontal one
     * @return the duration in seconds
     */
    public static java.math.BigDecimal durationSeconds(boolean vertical) {
        return vertical ? Durations.VERTICAL : Durations.HORIZONTAL;
    }

    /** The samples' lengths, probed once on first use. */
    private static final class Durations {
        static final java.math.BigDecimal HORIZONTAL = probe(Holder.HORIZONTAL);
        static final java.math.BigDecimal VERTICAL = probe(Holder.VERTICAL);

        private static java.math.BigDecimal probe(byte[] mp4) {
            java.nio.file.Path tmp = null;
            try {
                tmp = java.nio.file.Files.createTempFile("nemo-sample", ".mp4");
                java.nio.file.Files.write(tmp, mp4);
                long ms = Mp4Probe.probe(tmp).map(i -> i.durationMs).orElse(10_000L);
                return java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros();
            } catch (IOException e) {
                return java.math.BigDecimal.TEN;
            } finally {
                if (tmp != null) {
                    try {
                        java.nio.file.Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a temporary file
                    }
                }
            }
        }
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
