package io.github.nemosdk.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A free starter token issued to an anonymous user (100 credits, valid for 7 days). The token is a secret: it is
 * never shown by {@link #toString()}. Immutable.
 */
@Value.Immutable
public abstract class AnonymousToken {
    AnonymousToken() {
    }

    /**
     * The bearer token ({@code nmv_usr_…}). Keep it secret.
     *
     * @return the token
     */
    @Value.Redacted
    public abstract String token();

    /**
     * The anonymous user the token belongs to.
     *
     * @return the user id, when the server sent it
     */
    public abstract Optional<String> userId();

    /**
     * When the token stops working.
     *
     * @return the expiry, when the server sent it
     */
    public abstract Optional<Instant> expiresAt();

    /**
     * The credits granted with the token.
     *
     * @return the credits, when the server sent them
     */
    public abstract OptionalLong credits();

    /**
     * Whether the token has expired (or will have) at the given instant.
     *
     * @param instant the moment to check
     * @return true if an expiry is known and is not after {@code instant}
     */
    public boolean isExpiredAt(Instant instant) {
        return expiresAt().map(e -> !e.isAfter(instant)).orElse(false);
    }

    /**
     * Creates a token value, e.g. for tests.
     *
     * @param token     the bearer token
     * @param userId    the user id, or null
     * @param expiresAt the expiry, or null
     * @param credits   the credits, or null
     * @return the token
     */
    public static AnonymousToken of(String token, String userId, Instant expiresAt, Long credits) {
        return ImmutableAnonymousToken.of(token, Optional.ofNullable(userId), Optional.ofNullable(expiresAt),
                credits == null ? OptionalLong.empty() : OptionalLong.of(credits));
    }
}
