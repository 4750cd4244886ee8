package io.github.nemosdk.errors;

/**
 * A successful HTTP response could not be understood (not JSON, or missing a required field). Usually a proxy
 * answering in place of the API, or a base URL that does not point at the Nemo API.
 */
public class NemoProtocolException extends NemoException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong with the response
     * @param cause   the parse failure, or null
     */
    public NemoProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
