package io.github.nemosdk.state;

import java.util.Objects;
import java.util.Optional;

/**
 * The output frame of a session ({@code state.canvas_config}): width, height and aspect ratio. Immutable.
 */
public final class Canvas {
    private final int width;
    private final int height;
    private final String aspectRatio;

    private Canvas(int width, int height, String aspectRatio) {
        this.width = width;
        this.height = height;
        this.aspectRatio = aspectRatio;
    }

    /**
     * Creates a canvas value.
     *
     * @param width       width in pixels
     * @param height      height in pixels
     * @param aspectRatio e.g. {@code 9:16}, or null
     * @return the canvas
     */
    public static Canvas of(int width, int height, String aspectRatio) {
        return new Canvas(width, height, aspectRatio);
    }

    /**
     * Width in pixels.
     *
     * @return the width
     */
    public int width() {
        return width;
    }

    /**
     * Height in pixels.
     *
     * @return the height
     */
    public int height() {
        return height;
    }

    /**
     * The aspect ratio as the server wrote it, e.g. {@code 16:9}.
     *
     * @return the ratio, when the server sent one
     */
    public Optional<String> aspectRatio() {
        return Optional.ofNullable(aspectRatio);
    }

    /**
     * Whether the frame is taller than wide (e.g. 1080×1920 for TikTok).
     *
     * @return true for portrait frames
     */
    public boolean isVertical() {
        return height > width;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Canvas)) {
            return false;
        }
        Canvas c = (Canvas) o;
        return width == c.width && height == c.height && Objects.equals(aspectRatio, c.aspectRatio);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, aspectRatio);
    }

    @Override
    public String toString() {
        return "Canvas{" + width + "x" + height + (aspectRatio == null ? "" : ", " + aspectRatio) + "}";
    }
}
