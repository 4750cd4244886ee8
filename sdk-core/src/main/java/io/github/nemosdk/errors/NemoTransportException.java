package io.github.nemosdk.errors;

/**
 * The request could not be completed on the network: the connection was refused or reset, or the response was
 * cut off. Idempotent reads are retried by the SDK before this is thrown; for anything else the server may or may
 * not have acted on the request, which the message says.
 */
public class NemoTransportException extends NemoException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     * @param cause   the I/O failure
     */
    public NemoTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
