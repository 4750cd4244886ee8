package io.github.nemosdk.sessions;

import java.net.URI;
import java.util.Objects;

/**
 * The web app link that opens a session in the browser
 * ({@code <web>/workspace/claim?token=…&task=…&session=…}). It carries the bearer token, so it is a secret:
 * {@link #toString()} masks the token, and only {@link #uri()} gives the whole link. Immutable.
 */
public final class ProjectLink {
    private final URI uri;
    private final String redacted;

    private ProjectLink(URI uri, String redacted) {
        this.uri = uri;
        this.redacted = redacted;
    }

    /**
     * Builds the link.
     *
     * @param webUrl    the web app's base URL, e.g. {@code https://nemovideo.ai}
     * @param token     the bearer token
     * @param taskId    the session's task id
     * @param sessionId the session id
     * @return the link
     */
    public static ProjectLink of(URI webUrl, String token, String taskId, String sessionId) {
        Objects.requireNonNull(webUrl, "webUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(sessionId, "sessionId");
        String base = webUrl.toString().replaceAll("/+$", "") + "/workspace/claim?token=";
        String rest = "&task=" + encode(taskId) + "&session=" + encode(sessionId);
        return new ProjectLink(URI.create(base + encode(token) + rest), base + "****" + rest);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The whole link, token included. Do not log it.
     *
     * @return the URI to open
     */
    public URI uri() {
        return uri;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectLink && uri.equals(((ProjectLink) o).uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    /**
     * The link with the token masked.
     *
     * @return e.g. {@code https://nemovideo.ai/workspace/claim?token=****&task=t1&session=123}
     */
    @Override
    public String toString() {
        return redacted;
    }
}
