package io.github.nemosdk.async;

import io.github.nemosdk.auth.AnonymousToken;
import java.util.concurrent.CompletableFuture;

/** {@link io.github.nemosdk.auth.AuthClient} without a waiting thread. Obtain it from {@code client.async().auth()}. */
public interface AsyncAuthClient {
    /**
     * Acquires an anonymous token (see {@code AuthClient#anonymousToken()}).
     *
     * @return the token
     */
    CompletableFuture<AnonymousToken> anonymousToken();
}
