package io.github.nemosdk.errors;

/**
 * A render failed, was cancelled, or could not start because its id was already used. {@code export} retries a
 * failed render once with a new id before throwing this.
 */
public class RenderFailedException extends NemoException {
    private static final long serialVersionUID = 1L;

    /** The render id. */
    private final String renderId;

    /**
     * Creates the exception.
     *
     * @param renderId the render id
     * @param message  what happened and what to do
     */
    public RenderFailedException(String renderId, String message) {
        super(message);
        this.renderId = renderId;
    }

    /**
     * The render that failed.
     *
     * @return the render id
     */
    public String renderId() {
        return renderId;
    }
}
