package io.github.nemosdk.internal;

import io.github.nemosdk.Attribution;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

/**
 * Where the options a builder leaves unset come from: the environment variables ({@code NEMO_API_URL},
 * {@code NEMO_WEB_URL}, {@code NEMO_TOKEN}, {@code NEMO_CLIENT_ID}, {@code NEMO_CONFIG_DIR}, {@code NEMO_LOG},
 * {@code SKILL_SOURCE}, {@code XDG_CONFIG_HOME}, {@code APPDATA}), read leniently (blank means unset), and the rules
 * that check a base URL.
 */
public final class Environment {
    private final Map<String, String> env;

    /**
     * Reads from a map of variables.
     *
     * @param env the variables, usually {@code System.getenv()}
     */
    public Environment(Map<String, String> env) {
        this.env = env;
    }

    /**
     * A variable, trimmed; null when unset or blank.
     *
     * @param name the variable
     * @return the value, or null
     */
    public String get(String name) {
        String s = env.get(name);
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * A URL variable.
     *
     * @param name     the variable
     * @param fallback the value when unset
     * @return the URL
     * @throws IllegalArgumentException if the variable is not a valid URL
     */
    public URI uri(String name, URI fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL: " + e.getReason() + ". Example: "
                    + fallback + ".", e);
        }
    }

    /**
     * The product's attribution with the platform taken from {@code SKILL_SOURCE}, as the products' own skill does,
     * when that variable holds a usable value.
     *
     * @param attr the product's attribution
     * @return the attribution to send
     */
    public Attribution withPlatform(Attribution attr) {
        String platform = get("SKILL_SOURCE");
        if (platform == null) {
            return attr;
        }
        try {
            return Attribution.of(attr.source(), attr.version(), platform.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notAHeaderToken) {
            return attr; // a variable shared with other tools: an odd value is not this client's error
        }
    }

    /**
     * Whether {@code NEMO_LOG=debug} asks for request logs at INFO.
     *
     * @return true for {@code debug}
     */
    public boolean debugLogging() {
        return "debug".equalsIgnoreCase(get("NEMO_LOG"));
    }

    /**
     * Where the client id and the token cache are kept when the builder names no directory: {@code NEMO_CONFIG_DIR},
     * else nothing for a loopback API (the emulator, a test server: they stay in memory), else
     * {@code $XDG_CONFIG_HOME/nemovideo}, {@code %APPDATA%\nemovideo} on Windows, {@code ~/.config/nemovideo}.
     *
     * @param base the API's base URL
     * @return the directory, or null to keep them in memory
     */
    public Path configDirectory(URI base) {
        String explicit = get("NEMO_CONFIG_DIR");
        if (explicit != null) {
            return Paths.get(explicit);
        }
        if (isLoopback(base.getHost())) {
            return null;
        }
        String xdg = get("XDG_CONFIG_HOME");
        if (xdg != null) {
            return Paths.get(xdg, "nemovideo");
        }
        String appData = get("APPDATA");
        if (appData != null && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
            return Paths.get(appData, "nemovideo");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isEmpty() ? null : Paths.get(home, ".config", "nemovideo");
    }

    /**
     * Checks a base URL: absolute http(s), no query, fragment or user info, and plain http only for a loopback host
     * unless allowed.
     *
     * @param uri           the URL
     * @param allowInsecure whether plain http to another host is allowed
     * @param example       a valid URL for the message
     * @return the URL
     * @throws IllegalArgumentException naming what is wrong
     */
    public static URI checkBaseUrl(URI uri, boolean allowInsecure, URI example) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("The base URL must be an absolute http(s) URL such as "
                    + example + ", got '" + uri + "'.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The base URL must not contain a query, fragment or user info: "
                    + "use the scheme, host, port and optional path only.");
        }
        if (scheme.equals("http") && !allowInsecure && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("Refusing plain http for " + uri.getHost() + ": the token would"
                    + " travel unencrypted. Use https, or allowInsecureHttp(true) if you really mean it.");
        }
        return uri;
    }

    /**
     * Whether a host is this machine: {@code localhost} or a loopback address literal (names are not resolved).
     *
     * @param host the host
     * @return true for loopback
     */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
