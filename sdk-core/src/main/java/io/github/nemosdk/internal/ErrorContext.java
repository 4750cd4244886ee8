package io.github.nemosdk.internal;

import java.net.URI;
import java.util.function.Supplier;

/** What the decoder needs to know about a call to word its exceptions. */
public final class ErrorContext {
    final String sessionId;
    final boolean tokenRefreshable;
    final boolean tokenCall;
    final Supplier<URI> registrationLink;

    /**
     * Creates a context.
     *
     * @param sessionId        the session the call was about, or null
     * @param tokenRefreshable whether the token source can refresh
     * @param tokenCall        whether the call acquires an anonymous token
     * @param registrationLink supplies the anonymous user's registration link (or null)
     */
    public ErrorContext(String sessionId, boolean tokenRefreshable, boolean tokenCall, Supplier<URI> registrationLink) {
        this.sessionId = sessionId;
        this.tokenRefreshable = tokenRefreshable;
        this.tokenCall = tokenCall;
        this.registrationLink = registrationLink;
    }
}
