package io.github.nemosdk.state;

/**
 * The type of a timeline track, from the draft's {@code tt} key: 0 video, 1 audio (background music), 7 text
 * (titles), anything else {@link #other(int)}. Immutable; compare with {@code equals}.
 */
public final class TrackType {
    /** A video track ({@code tt} 0). */
    public static final TrackType VIDEO = new TrackType(0, "VIDEO");
    /** An audio track, e.g. background music ({@code tt} 1). */
    public static final TrackType AUDIO = new TrackType(1, "AUDIO");
    /** A text track, e.g. a title ({@code tt} 7). */
    public static final TrackType TEXT = new TrackType(7, "TEXT");

    private final int code;
    private final String name;

    private TrackType(int code, String name) {
        this.code = code;
        this.name = name;
    }

    /**
     * The type for a {@code tt} code.
     *
     * @param code the code from the draft
     * @return {@link #VIDEO}, {@link #AUDIO}, {@link #TEXT}, or an OTHER type carrying the code
     */
    public static TrackType of(int code) {
        switch (code) {
            case 0:
                return VIDEO;
            case 1:
                return AUDIO;
            case 7:
                return TEXT;
            default:
                return other(code);
        }
    }

    /**
     * A type the SDK has no name for.
     *
     * @param code the {@code tt} code
     * @return an OTHER type
     */
    public static TrackType other(int code) {
        return new TrackType(code, "OTHER");
    }

    /**
     * The {@code tt} code.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * The type's name: {@code VIDEO}, {@code AUDIO}, {@code TEXT} or {@code OTHER}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether the SDK has no name for this type.
     *
     * @return true for OTHER types
     */
    public boolean isOther() {
        return "OTHER".equals(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackType && ((TrackType) o).code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return isOther() ? "OTHER(" + code + ")" : name;
    }
}
