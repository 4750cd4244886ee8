package io.github.nemosdk.errors;

import java.util.Optional;

/**
 * The session does not exist any more (code 1002): it expired, was deleted, or belongs to another user.
 * Create a new one with {@code client.sessions().create()}, or build the client with
 * {@code sessionRecovery(SessionRecovery.RECREATE)} to have the SDK do so for operations that make sense on a fresh
 * session.
 */
public class SessionNotFoundException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /** The session that was not found, or null. */
    private final String sessionId;

    /**
     * Creates the exception.
     *
     * @param sessionId     the session that was not found, or null when unknown
     * @param httpStatus    the HTTP status
     * @param apiCode       the body's code, or null
     * @param serverMessage the server's message, or null
     * @param requestId     the request id, or null
     */
    public SessionNotFoundException(String sessionId, int httpStatus, Integer apiCode, String serverMessage,
            String requestId) {
        super((sessionId == null ? "The session" : "Session " + sessionId)
                + " was not found: it expired, was deleted or belongs to another user. Create a new session with"
                + " client.sessions().create(), or build the client with sessionRecovery(SessionRecovery.RECREATE)"
                + " to replace lost sessions automatically.", httpStatus, apiCode, serverMessage, requestId);
        this.sessionId = sessionId;
    }

    /**
     * The session id that was not found.
     *
     * @return the id, when the failed call was about one session
     */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }
}
