package io.github.nemosdk.assistant.internal;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the files and URLs an utterance names, for the assistant's upload action. Pure: it neither reads the file
 * system nor the network (a leading {@code ~} is expanded from the {@code user.home} property). Thread-safe.
 *
 * <p>Recognised: {@code http://} and {@code https://} URLs; {@code file:} URLs (as files); absolute paths
 * ({@code /…}, {@code C:\…}, {@code \\server\…}), home and relative paths ({@code ~/…}, {@code ./…},
 * {@code ../…}); a bare file name with a media extension ({@code clip.mp4}) standing as its own word; and any of
 * these in quotes, which may then contain spaces. A path must not follow a letter, digit or one of
 * {@code _ . / \ ~ : -}, so "and/or", "24/7" and "1/2" are not paths. Trailing sentence punctuation is not part of a
 * target.
 */
public final class UploadTargets {
    private static final String MEDIA = "mp4|mov|avi|webm|mkv|jpg|jpeg|png|gif|webp|mp3|wav|m4a|aac";
    /** Characters that end an unquoted target. */
    private static final String STOP = "\\s\"'<>\u201c\u201d\u2018\u2019\uff0c\u3002\uff1b\uff01\uff1f\u3001"
            + "\uff08\uff09\u3010\u3011\u300c\u300d";
    private static final Pattern QUOTED = Pattern.compile(
            "\"([^\"\\n]+)\"|'([^'\\n]+)'|\u201c([^\u201d\\n]+)\u201d|\u2018([^\u2019\\n]+)\u2019"
                    + "|\u300c([^\u300d\\n]+)\u300d");
    private static final Pattern URL = Pattern.compile("(?<![A-Za-z0-9_/])(?:https?|file)://[^" + STOP + "]+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PATH = Pattern.compile("(?<![A-Za-z0-9_./\\\\~:-])"
            + "(?:~[/\\\\]|\\.{1,2}[/\\\\]|[A-Za-z]:[/\\\\]|\\\\\\\\|/)[^" + STOP + "]+");
    private static final Pattern BARE_FILE = Pattern.compile("(?<![^\\s\"'\u201c\u2018\u300c:\uff1a,\uff0c])"
            + "[^" + STOP + "/\\\\:\uff1a]+\\.(?:" + MEDIA + ")(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHOLE_URL = Pattern.compile("(?:https?|file)://\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHOLE_PATH = Pattern.compile(
            "(?:~[/\\\\]|\\.{1,2}[/\\\\]|[A-Za-z]:[/\\\\]|\\\\\\\\|/).+|.+\\.(?:" + MEDIA + ")",
            Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?)]}>'\"";

    /** One file or URL found, and where. */
    public static final class Target {
        /** Start offset in the utterance, inclusive (the opening quote for a quoted target). */
        public final int start;
        /** End offset, exclusive (after the closing quote for a quoted target). */
        public final int end;
        /** The file, or null for a URL. */
        public final Path file;
        /** The http(s) URL, or null for a file. */
        public final URI url;

        Target(int start, int end, Path file, URI url) {
            this.start = start;
            this.end = end;
            this.file = file;
            this.url = url;
        }

        @Override
        public String toString() {
            return file != null ? file.toString() : url.toString();
        }
    }

    private UploadTargets() {
    }

    /**
     * The files and URLs an utterance names, in order.
     *
     * @param utterance the text as typed (case matters for paths)
     * @return the targets; empty when there are none
     */
    public static List<Target> find(String utterance) {
        List<Target> found = new ArrayList<>();
        StringBuilder rest = new StringBuilder(utterance);
        Matcher q = QUOTED.matcher(utterance);
        while (q.find()) {
            String inner = null;
            for (int g = 1; g <= q.groupCount() && inner == null; g++) {
                inner = q.group(g);
            }
            Target t = inner == null ? null : whole(inner.strip(), q.start(), q.end());
            if (t != null) {
                found.add(t);
                blank(rest, q.start(), q.end());
            }
        }
        for (Pattern p : List.of(URL, PATH, BARE_FILE)) {
            Matcher m = p.matcher(rest);
            while (m.find()) {
                int end = m.end();
                while (end > m.start() && TRAILING.indexOf(rest.charAt(end - 1)) >= 0) {
                    end--;
                }
                if (end <= m.start() + 1) {
                    continue;
                }
                Target t = target(rest.substring(m.start(), end), m.start(), end);
                if (t != null) {
                    found.add(t);
                    blank(rest, m.start(), end);
                }
            }
        }
        found.sort(Comparator.comparingInt(t -> t.start));
        return Collections.unmodifiableList(found);
    }

    private static Target whole(String inner, int start, int end) {
        if (WHOLE_URL.matcher(inner).matches() || WHOLE_PATH.matcher(inner).matches()) {
            return target(inner, start, end);
        }
        return null;
    }

    private static Target target(String text, int start, int end) {
        String lower = text.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                URI uri = new URI(text);
                return uri.getHost() == null ? null : new Target(start, end, null, uri);
            }
            if (lower.startsWith("file:")) {
                return new Target(start, end, Paths.get(new URI(text)), null);
            }
            if (text.startsWith("~/") || text.startsWith("~\\")) {
                String home = System.getProperty("user.home", "");
                return new Target(start, end, Paths.get(home, text.substring(2)), null);
            }
            return new Target(start, end, Paths.get(text), null);
        } catch (java.net.URISyntaxException | IllegalArgumentException
                | java.nio.file.FileSystemNotFoundException e) {
            // InvalidPathException is an IllegalArgumentException: not a usable target
            return null;
        }
    }

    private static void blank(StringBuilder sb, int start, int end) {
        for (int i = start; i < end; i++) {
            sb.setCharAt(i, ' ');
        }
    }
}
