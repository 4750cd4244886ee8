package io.github.nemosdk.internal.auth;

import io.github.nemosdk.auth.AnonymousToken;
import io.github.nemosdk.auth.TokenProvider;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The default token source: an anonymous token acquired on first use, reused (in memory and in the token cache)
 * until the server rejects it (1001 / 401), then re-acquired. Concurrent callers that need a token while one is
 * being acquired wait for that one acquisition instead of starting their own, and so do other processes sharing
 * the config directory: the acquisition runs under the directory's lock and its token goes to the cache they read.
 *
 * <p>The server decides when a token is stale, not the local clock: a token's {@code expires_at} is never compared
 * with this machine's time, because a clock that runs ahead would throw away good tokens and ask for new ones on
 * every call, spending the allowance of one anonymous token per client id per week.
 */
public final class AnonymousTokenProvider implements TokenProvider, HeldToken {
    private final Supplier<AnonymousToken> acquirer;
    private final TokenCache cache;
    private final String api;
    private final ClientIdStore clientIds;
    private final Object lock = new Object();
    private volatile AnonymousToken current;

    /**
     * Creates the provider.
     *
     * @param acquirer  performs the token request
     * @param cache     the persistent cache, or null
     * @param api       the API base URL (the cache key)
     * @param clientIds the client id store (the cache key)
     */
    public AnonymousTokenProvider(Supplier<AnonymousToken> acquirer, TokenCache cache, String api,
            ClientIdStore clientIds) {
        this.acquirer = acquirer;
        this.cache = cache;
        this.api = api;
        this.clientIds = clientIds;
    }

    @Override
    public String token() {
        AnonymousToken t = current;
        if (usable(t)) {
            return t.token();
        }
        synchronized (lock) {
            t = current;
            if (usable(t)) {
                return t.token();
            }
            if (cache == null) {
                t = acquirer.get();
                current = t;
                return t.token();
            }
            // under the config directory's lock: a process that renews while another waits leaves its token in the
            // cache, and the other takes it instead of renewing again
            AnonymousToken chosen = cache.withLock(() -> {
                AnonymousToken cached = cache.load(api, clientIds.get());
                if (usable(cached)) {
                    return cached;
                }
                AnonymousToken fresh = acquirer.get();
                // under the id the token was issued to: the acquisition may have replaced a refused id
                cache.store(api, clientIds.get(), fresh);
                return fresh;
            });
            current = chosen;
            return chosen.token();
        }
    }

    @Override
    public String heldToken() {
        AnonymousToken t = current;
        return usable(t) ? t.token() : null;
    }

    /** Any token held is used until the server rejects it; see the class comment. */
    private static boolean usable(AnonymousToken t) {
        return t != null;
    }

    @Override
    public boolean canRefresh() {
        return true;
    }

    @Override
    public void invalidate(String rejectedToken) {
        synchronized (lock) {
            AnonymousToken t = current;
            if (t != null && t.token().equals(rejectedToken)) {
                current = null;
            }
            if (cache != null) {
                cache.remove(rejectedToken);
            }
        }
    }

    /**
     * The anonymous user of the current token, for registration links.
     *
     * @return the user id, if a token is held
     */
    public Optional<String> userId() {
        AnonymousToken t = current;
        return t == null ? Optional.empty() : t.userId();
    }

    @Override
    public String toString() {
        return "AnonymousTokenProvider{api=" + api + "}";
    }
}
