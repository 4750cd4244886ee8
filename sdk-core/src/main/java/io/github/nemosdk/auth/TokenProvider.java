package io.github.nemosdk.auth;

import java.util.Objects;

/**
 * Supplies the bearer token for each request. Implement it to plug in your own token source (a secrets manager,
 * a login flow); the SDK calls {@link #token()} before every attempt, so a refreshed token is picked up at once.
 *
 * <p>When the server rejects a token (codes 1001, 1010, 1011, HTTP 401) and {@link #canRefresh()} is true, the
 * SDK calls {@link #invalidate(String)} with the rejected token and retries the call once with whatever
 * {@link #token()} returns next. Implementations must be thread-safe; when many calls fail at once, each reports
 * the same rejected token, and a good implementation refreshes only once (compare the rejected token with the one
 * it holds).
 */
public interface TokenProvider {
    /**
     * The token to send now. May block to acquire one.
     *
     * @return a bearer token, never null or blank
     */
    String token();

    /**
     * Whether this provider can produce a new token after one was rejected.
     *
     * @return false by default (a fixed token)
     */
    default boolean canRefresh() {
        return false;
    }

    /**
     * Told that the server rejected a token. A refreshable provider drops it if it is still the current one, so the
     * next {@link #token()} returns a new token.
     *
     * @param rejectedToken the token the server rejected
     */
    default void invalidate(String rejectedToken) {
    }

    /**
     * A provider for a fixed token that cannot be refreshed. When it expires, calls fail with
     * {@link io.github.nemosdk.errors.TokenExpiredException}.
     *
     * @param token the bearer token
     * @return a provider returning that token
     * @throws IllegalArgumentException if the token is blank or contains whitespace or control characters
     */
    static TokenProvider fixed(String token) {
        Objects.requireNonNull(token, "token must not be null");
        if (token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("The token must be non-blank printable ASCII without spaces;"
                    + " check NEMO_TOKEN or the value passed to token(...)");
        }
        class Fixed implements TokenProvider, io.github.nemosdk.internal.auth.HeldToken {
            @Override
            public String token() {
                return token;
            }

            @Override
            public String heldToken() {
                return token;
            }

            @Override
            public String toString() {
                return "TokenProvider.fixed(****)";
            }
        }
        return new Fixed();
    }
}
