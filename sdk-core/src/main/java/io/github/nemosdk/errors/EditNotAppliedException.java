package io.github.nemosdk.errors;

/**
 * The assistant's turn ended but the timeline did not change, so there is nothing new to export. The message
 * quotes what the assistant said; rephrase the instruction (be specific: style, volume, fades).
 */
public class EditNotAppliedException extends NemoException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param sessionId the session
     * @param reply     what the assistant said, possibly empty
     */
    public EditNotAppliedException(String sessionId, String reply) {
        super("The instruction did not change the timeline of session " + sessionId
                + (reply == null || reply.isEmpty() ? "" : "; the assistant said: \"" + reply + "\"")
                + ". Rephrase it more specifically, e.g. \"add upbeat background music at 40% and fade it out\".");
    }
}
