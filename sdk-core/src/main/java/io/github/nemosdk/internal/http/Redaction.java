package io.github.nemosdk.internal.http;

import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Keeps secrets out of logs, exception messages and {@code toString()}. */
public final class Redaction {
    private static final Pattern TOKEN_LIKE = Pattern.compile(
            "(?i)(nmv_[A-Za-z0-9_\\-.]{4,}|clm_[A-Za-z0-9_\\-.]{4,}|bearer\\s+[^\\s\"',;]+"
                    + "|((?:token|\\bct)[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"'&,;]+)");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie");

    private Redaction() {
    }

    /**
     * Removes anything that looks like a token from text that came from outside (server messages, URLs).
     *
     * @param text the text, may be null
     * @return the text with secrets replaced by {@code ****}, or null
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = TOKEN_LIKE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String prefix = m.group(2) != null ? m.group(2) : "";
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(prefix + "****"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * Formats headers for a log line, with credentials masked.
     *
     * @param headers the headers
     * @return e.g. {@code {Authorization=****, X-Skill-Source=add-music}}
     */
    public static String headers(HttpHeaders headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.map().forEach((k, v) -> out.put(k, SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)) ? "****"
                : scrub(String.join(",", v))));
        return out.toString();
    }

    /**
     * Formats name/value pairs for a log line, with credentials masked.
     *
     * @param pairs {@code [name0, value0, name1, value1, ...]}
     * @return e.g. {@code {Authorization=****, X-Client-Id=abc}}
     */
    public static String headers(String[] pairs) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            boolean secret = SECRET_HEADERS.contains(pairs[i].toLowerCase(Locale.ROOT));
            out.put(pairs[i], secret ? "****" : scrub(pairs[i + 1]));
        }
        return out.toString();
    }

    /**
     * Shortens and cleans a server message for an exception: control characters removed, secrets masked, at most
     * 300 characters.
     *
     * @param message the server's text, may be null
     * @return the cleaned text, or null when nothing is left
     */
    public static String serverMessage(String message) {
        if (message == null) {
            return null;
        }
        String s = WHITE_SPACE.matcher(CONTROL.matcher(message).replaceAll("")).replaceAll(" ").trim();
        s = scrub(s);
        if (s.length() > 300) {
            s = s.substring(0, 297) + "...";
        }
        return s.isEmpty() ? null : s;
    }
}
