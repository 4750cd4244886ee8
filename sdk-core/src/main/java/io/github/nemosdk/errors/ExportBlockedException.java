package io.github.nemosdk.errors;

import java.net.URI;
import java.util.Optional;

/**
 * The service refused to export (HTTP 402, or 401/403 on starting a render). Anonymous tokens have no
 * {@code render} scope: an anonymous user registers (the {@link #registrationLink()} keeps their work) and exports
 * again. Otherwise the account's plan does not allow it (a subscription limit, not credits), the token lacks the
 * {@code render} scope, or the request lacked the attribution headers. Never retried.
 */
public class ExportBlockedException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /** The registration link, or null. */
    private final URI registrationLink;

    /**
     * Creates the exception for a user the SDK does not know to be anonymous.
     *
     * @param httpStatus    the HTTP status
     * @param apiCode       the body's code, or null
     * @param serverMessage the server's message, or null
     * @param requestId     the request id, or null
     */
    public ExportBlockedException(int httpStatus, Integer apiCode, String serverMessage, String requestId) {
        this(null, httpStatus, apiCode, serverMessage, requestId);
    }

    /**
     * Creates the exception.
     *
     * @param registrationLink where the anonymous user registers ({@code <web>/register?bind=<id>}), or null when
     *                         the token is not anonymous
     * @param httpStatus       the HTTP status
     * @param apiCode          the body's code, or null
     * @param serverMessage    the server's message, or null
     * @param requestId        the request id, or null
     */
    public ExportBlockedException(URI registrationLink, int httpStatus, Integer apiCode, String serverMessage,
            String requestId) {
        super(registrationLink != null
                ? "Export needs a registered account: anonymous tokens cannot render. Register at " + registrationLink
                        + " (your sessions and credits are kept), then export again."
                : "Export is blocked: the account's plan does not allow it (a subscription limit, not credits:"
                        + " Upgrade the plan), the token lacks the render scope (make one under Settings > API Tokens"
                        + " on the web app), or the attribution headers were missing (keep product(...) or"
                        + " attribution(...) set).",
                httpStatus, apiCode, serverMessage, requestId);
        this.registrationLink = registrationLink;
    }

    /**
     * Where an anonymous user registers to unlock export ({@code <web>/register?bind=<user id>}).
     *
     * @return the link, when the refused token was anonymous and its user is known
     */
    public Optional<URI> registrationLink() {
        return Optional.ofNullable(registrationLink);
    }
}
