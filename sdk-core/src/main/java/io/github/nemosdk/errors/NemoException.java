package io.github.nemosdk.errors;

/**
 * The root of every exception the SDK throws. It is unchecked: catch it (or one of its subclasses) where you can
 * act on a failure. Messages say what happened and what to do; they never contain tokens.
 */
public class NemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static {
        io.github.nemosdk.internal.ExceptionRequestIds.install((e, id) -> e.requestId = id);
    }

    /** The request id of the response this failure is about, set once by the SDK. */
    private volatile String requestId;

    /**
     * Creates an exception with a message.
     *
     * @param message what happened and what to do
     */
    public NemoException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what happened and what to do
     * @param cause   the underlying failure
     */
    public NemoException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The request id of the response this failure is about, when the service gave one: what support asks for. Set
     * for refusals ({@link NemoApiException}) and for failures of a response under way (a chat stream that broke or
     * timed out, an error frame).
     *
     * @return the id, if known
     */
    public java.util.Optional<String> requestId() {
        return java.util.Optional.ofNullable(requestId);
    }

    /**
     * The message, ending with the request id when one is known and not already in it.
     *
     * @return the message
     */
    @Override
    public String getMessage() {
        String m = super.getMessage();
        String id = requestId;
        return id == null || m == null || m.contains(id) ? m : m + " [request id " + id + "]";
    }
}
