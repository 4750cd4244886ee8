package io.github.nemosdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's version and the User-Agent built from it. */
public final class SdkInfo {
    private static final String VERSION = loadVersion();

    private SdkInfo() {
    }

    private static String loadVersion() {
        try (InputStream in = SdkInfo.class.getResourceAsStream("/io/github/nemosdk/nemo-sdk.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through to the unknown version
        }
        return "unknown";
    }

    /**
     * The SDK version.
     *
     * @return e.g. {@code 0.1.0}
     */
    public static String version() {
        return VERSION;
    }

    /**
     * The User-Agent sent with every request.
     *
     * @return e.g. {@code nemo-sdk-java/0.1.0 Java/17.0.15 (Linux; amd64)}
     */
    public static String userAgent() {
        return "nemo-sdk-java/" + VERSION + " Java/" + System.getProperty("java.version", "unknown").replace(' ', '_')
                + " (" + System.getProperty("os.name", "unknown") + "; " + System.getProperty("os.arch", "unknown")
                + ")";
    }
}
