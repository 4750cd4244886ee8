package io.github.nemosdk;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The values of the three attribution headers sent with every request: {@code X-Skill-Source},
 * {@code X-Skill-Version} and {@code X-Skill-Platform}. The service refuses exports (HTTP 402) without them.
 * Immutable.
 */
public final class Attribution {
    /** Platform value for installs from ClawHub. */
    public static final String PLATFORM_CLAWHUB = "clawhub";
    /** Platform value for Cursor. */
    public static final String PLATFORM_CURSOR = "cursor";
    /** Platform value for GitHub. */
    public static final String PLATFORM_GITHUB = "github";
    /** Platform value when the platform is not known; the default. */
    public static final String PLATFORM_UNKNOWN = "unknown";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

    private final String source;
    private final String version;
    private final String platform;

    private Attribution(String source, String version, String platform) {
        this.source = check("source", source);
        this.version = check("version", version);
        this.platform = check("platform", platform);
    }

    private static String check(String what, String value) {
        Objects.requireNonNull(value, () -> "attribution " + what + " must not be null");
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException("Attribution " + what + " '" + value + "' is not valid: use 1 to 64"
                    + " letters, digits, '.', '_', '+' or '-', e.g. 'add-music', '1.0.0', 'github'.");
        }
        return value;
    }

    /**
     * Creates attribution values.
     *
     * @param source   the {@code X-Skill-Source}, e.g. {@code add-music}
     * @param version  the {@code X-Skill-Version}, e.g. {@code 1.0.0}
     * @param platform the {@code X-Skill-Platform}: {@code clawhub}, {@code cursor}, {@code github} or
     *                 {@code unknown}
     * @return the attribution
     * @throws IllegalArgumentException if a value is empty or contains characters not allowed in a header token
     */
    public static Attribution of(String source, String version, String platform) {
        return new Attribution(source, version, platform);
    }

    /**
     * The {@code X-Skill-Source} value.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * The {@code X-Skill-Version} value.
     *
     * @return the version
     */
    public String version() {
        return version;
    }

    /**
     * The {@code X-Skill-Platform} value.
     *
     * @return the platform
     */
    public String platform() {
        return platform;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Attribution)) {
            return false;
        }
        Attribution a = (Attribution) o;
        return source.equals(a.source) && version.equals(a.version) && platform.equals(a.platform);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, version, platform);
    }

    @Override
    public String toString() {
        return "Attribution{source=" + source + ", version=" + version + ", platform=" + platform + "}";
    }
}
