package io.github.nemosdk.auth;

/**
 * Authentication calls. Obtain it from {@code client.auth()}. Thread-safe.
 */
public interface AuthClient {
    /**
     * Acquires a new anonymous starter token for this client's client id. The token is returned, not installed in
     * the client: the client manages its own token. Anonymous tokens are rate limited per client id and per IP
     * address, so call this sparingly.
     *
     * @return the new token
     * @throws io.github.nemosdk.errors.NemoException if the call fails
     */
    AnonymousToken anonymousToken();

    /**
     * The client id sent as {@code X-Client-Id} when acquiring tokens.
     *
     * @return the id in use (configured, from {@code NEMO_CLIENT_ID}, or persisted under the config directory)
     */
    String clientId();
}
