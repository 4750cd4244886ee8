package io.github.nemosdk.errors;

/**
 * A render had not completed by the deadline. {@code export} cancels the job before throwing this, so it is not
 * left running.
 */
public class RenderTimeoutException extends NemoTimeoutException {
    private static final long serialVersionUID = 1L;

    /** The render id. */
    private final String renderId;

    /**
     * Creates the exception.
     *
     * @param renderId the render id
     * @param message  what happened and which setting controls it
     */
    public RenderTimeoutException(String renderId, String message) {
        super(message, null);
        this.renderId = renderId;
    }

    /**
     * Creates the exception with the failure that ended the wait.
     *
     * @param renderId the render that did not complete
     * @param message  what happened and what to do
     * @param cause    the last failure, or null
     */
    public RenderTimeoutException(String renderId, String message, Throwable cause) {
        super(message, cause);
        this.renderId = renderId;
    }

    /**
     * The render that did not complete.
     *
     * @return the render id
     */
    public String renderId() {
        return renderId;
    }
}
