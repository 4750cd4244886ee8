package io.github.nemosdk.errors;

/**
 * The {@code NemoClient} was closed: a call made after {@code close()}, or one that was still running when it was
 * closed (an open chat stream, a pending request, a render wait, a download) ends with this. Nothing is retried;
 * create a new client to go on. A chat message whose stream was cut this way may still be acted on by the service:
 * read the state before sending it again.
 */
public class ClientClosedException extends NemoException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what what ended, e.g. "the chat stream of session 42", or null for a call made after {@code close()}
     */
    public ClientClosedException(String what) {
        super(what == null ? "This NemoClient is closed; create a new one."
                : "This NemoClient was closed while " + what + " was still running; it was ended. Create a new"
                        + " client to go on.");
    }
}
