package io.github.nemosdk;

/**
 * The products built on the Nemo video API. A product decides the attribution headers the SDK sends
 * ({@code X-Skill-Source}, {@code X-Skill-Version}) and the upload size limit.
 */
public enum Product {
    /** TikTok Add Music: clips up to 500 MB, vertical 9:16 output works best. */
    TIKTOK_ADD_MUSIC("tiktok-add-music", "TikTok Add Music", 500L * 1024 * 1024),
    /** Add Music: clips up to 500 MB, background music with fades. */
    ADD_MUSIC("add-music", "Add Music", 500L * 1024 * 1024),
    /** Add Music AI: clips up to 500 MB, mood-matched music. */
    ADD_MUSIC_AI("add-music-ai", "Add Music AI", 500L * 1024 * 1024),
    /** Music Maker: audio or video up to 200 MB. */
    MUSIC_MAKER("music-maker", "Music Maker", 200L * 1024 * 1024),
    /** The general-purpose Nemo Video skill; the default. */
    NEMO_VIDEO("nemo-video", "Nemo Video", 500L * 1024 * 1024);

    /** The product version sent in {@code X-Skill-Version} unless overridden. */
    public static final String DEFAULT_VERSION = "1.0.0";

    private final String source;
    private final String displayName;
    private final long maxUploadBytes;

    Product(String source, String displayName, long maxUploadBytes) {
        this.source = source;
        this.displayName = displayName;
        this.maxUploadBytes = maxUploadBytes;
    }

    /**
     * The {@code X-Skill-Source} value, e.g. {@code tiktok-add-music}.
     *
     * @return the attribution source
     */
    public String source() {
        return source;
    }

    /**
     * The name users know the product by.
     *
     * @return e.g. "TikTok Add Music"
     */
    public String displayName() {
        return displayName;
    }

    /**
     * The largest file this product accepts for upload.
     *
     * @return the limit in bytes (500 MB, or 200 MB for Music Maker)
     */
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /**
     * The attribution this product sends by default: its source, {@link #DEFAULT_VERSION}, platform
     * {@code unknown}.
     *
     * @return the attribution headers' values
     */
    public Attribution attribution() {
        return Attribution.of(source, DEFAULT_VERSION, Attribution.PLATFORM_UNKNOWN);
    }

    /**
     * Finds a product by its {@code X-Skill-Source} value.
     *
     * @param source e.g. {@code add-music}; case-insensitive
     * @return the product
     * @throws IllegalArgumentException if no product has that source
     */
    public static Product fromSource(String source) {
        for (Product p : values()) {
            if (p.source.equalsIgnoreCase(source == null ? "" : source.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown product source '" + source + "'. Known sources: "
                + "tiktok-add-music, add-music, add-music-ai, music-maker, nemo-video.");
    }
}
