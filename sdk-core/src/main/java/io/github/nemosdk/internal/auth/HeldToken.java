package io.github.nemosdk.internal.auth;

/**
 * A token source that can say, without blocking, which token it holds: asynchronous calls use it on the spot and
 * go to the blocking executor only when a token must be acquired.
 */
public interface HeldToken {
    /**
     * The token held now, without waiting or acquiring one.
     *
     * @return the token, or null when one must be acquired
     */
    String heldToken();
}
