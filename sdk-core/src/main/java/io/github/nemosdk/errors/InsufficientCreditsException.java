package io.github.nemosdk.errors;

import java.net.URI;
import java.util.Optional;

/**
 * The account has no credits left for this operation (code 2001). Not retried. Anonymous users get a
 * registration link that keeps their work and adds credits; registered users top up their account.
 */
public class InsufficientCreditsException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /** The registration link, or null. */
    private final URI registrationLink;

    /**
     * Creates the exception.
     *
     * @param registrationLink where an anonymous user registers ({@code <web>/register?bind=<id>}), or null
     * @param httpStatus       the HTTP status
     * @param apiCode          the body's code, or null
     * @param serverMessage    the server's message, or null
     * @param requestId        the request id, or null
     */
    public InsufficientCreditsException(URI registrationLink, int httpStatus, Integer apiCode, String serverMessage,
            String requestId) {
        super("Out of credits. " + (registrationLink != null
                ? "Register at " + registrationLink + " to keep your work and get more credits, or top up your account."
                : "Top up your account, or register if you use an anonymous token."),
                httpStatus, apiCode, serverMessage, requestId);
        this.registrationLink = registrationLink;
    }

    /**
     * The registration link for anonymous users ({@code <web>/register?bind=<id>}).
     *
     * @return the link, when the SDK knows the anonymous user or the server sent one
     */
    public Optional<URI> registrationLink() {
        return Optional.ofNullable(registrationLink);
    }
}
