package io.github.nemosdk.sessions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The web app link that opens a session's project in the browser: {@code <web>/workspace/claim?ct=<claim token>}.
 * The claim token is made for this link alone ({@code POST /api/auth/claim-token}): it has no API access, only opens
 * the project, and works until {@link #expiresAt()} (7 days), so the link can be handed to a browser without
 * exposing the bearer token, which a project link never carries. Still, anyone holding the link can open the
 * project: {@link #toString()} masks the claim token, and only {@link #uri()} gives the whole link. Immutable.
 */
public final class ProjectLink {
    private final URI uri;
    private final String redacted;
    private final Instant expiresAt;

    private ProjectLink(URI uri, String redacted, Instant expiresAt) {
        this.uri = uri;
        this.redacted = redacted;
        this.expiresAt = expiresAt;
    }

    /**
     * Builds the link.
     *
     * @param webUrl     the web app's base URL, e.g. {@code https://nemovideo.com}
     * @param claimToken the claim token ({@code clm_…}) from {@code POST /api/auth/claim-token}
     * @param expiresAt  when the claim token stops working, or null when unknown
     * @return the link
     * @throws IllegalArgumentException if the claim token is blank
     */
    public static ProjectLink of(URI webUrl, String claimToken, Instant expiresAt) {
        Objects.requireNonNull(webUrl, "webUrl");
        Objects.requireNonNull(claimToken, "claimToken");
        if (claimToken.isBlank()) {
            throw new IllegalArgumentException("claimToken must not be blank");
        }
        String base = webUrl.toString().replaceAll("/+$", "") + "/workspace/claim?ct=";
        String shown = claimToken.startsWith("clm_") ? "clm_****" : "****";
        return new ProjectLink(URI.create(base + java.net.URLEncoder.encode(claimToken, StandardCharsets.UTF_8)),
                base + shown, expiresAt);
    }

    /**
     * The whole link, claim token included. Give it to the user's browser; do not log it.
     *
     * @return the URI to open
     */
    public URI uri() {
        return uri;
    }

    /**
     * When the link stops working (its claim token expires); ask for a new link after that.
     *
     * @return the expiry, when the service said
     */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectLink && uri.equals(((ProjectLink) o).uri)
                && Objects.equals(expiresAt, ((ProjectLink) o).expiresAt);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    /**
     * The link with the claim token masked.
     *
     * @return e.g. {@code https://nemovideo.com/workspace/claim?ct=clm_****}
     */
    @Override
    public String toString() {
        return redacted;
    }
}
