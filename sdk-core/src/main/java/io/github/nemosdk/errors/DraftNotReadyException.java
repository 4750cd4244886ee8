package io.github.nemosdk.errors;

/**
 * Export was refused before anything was sent: the session's timeline has no track with a segment. Upload a clip
 * (and add music) first.
 */
public class DraftNotReadyException extends NemoException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param sessionId the session
     * @param summary   the timeline summary
     */
    public DraftNotReadyException(String sessionId, String summary) {
        super("Session " + sessionId + " cannot be exported yet: its timeline is empty (" + summary + "). Upload a"
                + " clip with client.uploads(sessionId).file(...) and describe the edit with client.chat(sessionId)"
                + " first.");
    }
}
