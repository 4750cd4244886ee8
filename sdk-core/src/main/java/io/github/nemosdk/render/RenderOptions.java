package io.github.nemosdk.render;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The output of a render: format, quality and, optionally, the frame size. Immutable.
 * {@link #vertical()} asks for 1080×1920, what TikTok wants.
 */
public final class RenderOptions {
    private static final Pattern WORD = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final RenderOptions DEFAULTS = new RenderOptions("mp4", "high", null, null);
    private static final RenderOptions VERTICAL = new RenderOptions("mp4", "high", 1080, 1920);

    private final String format;
    private final String quality;
    private final Integer width;
    private final Integer height;

    private RenderOptions(String format, String quality, Integer width, Integer height) {
        this.format = format;
        this.quality = quality;
        this.width = width;
        this.height = height;
    }

    /**
     * MP4, high quality, the session's own frame size.
     *
     * @return the defaults
     */
    public static RenderOptions defaults() {
        return DEFAULTS;
    }

    /**
     * MP4, high quality, vertical 1080×1920 (9:16).
     *
     * @return vertical options
     */
    public static RenderOptions vertical() {
        return VERTICAL;
    }

    /**
     * Custom options.
     *
     * @param format  e.g. {@code mp4}
     * @param quality e.g. {@code high}
     * @param width   the frame width in pixels, or null for the session's
     * @param height  the frame height in pixels, or null for the session's
     * @return the options
     * @throws IllegalArgumentException for empty or malformed values, or only one of width and height
     */
    public static RenderOptions of(String format, String quality, Integer width, Integer height) {
        check("format", format);
        check("quality", quality);
        if ((width == null) != (height == null)) {
            throw new IllegalArgumentException("Give both width and height, or neither");
        }
        if (width != null && (width < 16 || width > 7680 || height < 16 || height > 7680)) {
            throw new IllegalArgumentException("width and height must be between 16 and 7680 pixels");
        }
        return new RenderOptions(format, quality, width, height);
    }

    private static void check(String name, String v) {
        Objects.requireNonNull(v, () -> name + " must not be null");
        if (!WORD.matcher(v).matches()) {
            throw new IllegalArgumentException(name + " must be 1 to 32 lower-case letters, digits, '_' or '-', got '"
                    + v + "'");
        }
    }

    /**
     * The container format.
     *
     * @return e.g. {@code mp4}
     */
    public String format() {
        return format;
    }

    /**
     * The quality.
     *
     * @return e.g. {@code high}
     */
    public String quality() {
        return quality;
    }

    /**
     * The frame width.
     *
     * @return the width, when set
     */
    public OptionalInt width() {
        return width == null ? OptionalInt.empty() : OptionalInt.of(width);
    }

    /**
     * The frame height.
     *
     * @return the height, when set
     */
    public OptionalInt height() {
        return height == null ? OptionalInt.empty() : OptionalInt.of(height);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RenderOptions)) {
            return false;
        }
        RenderOptions r = (RenderOptions) o;
        return format.equals(r.format) && quality.equals(r.quality) && Objects.equals(width, r.width)
                && Objects.equals(height, r.height);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, quality, width, height);
    }

    @Override
    public String toString() {
        return "RenderOptions{" + format + ", " + quality + (width == null ? "" : ", " + width + "x" + height) + "}";
    }
}
