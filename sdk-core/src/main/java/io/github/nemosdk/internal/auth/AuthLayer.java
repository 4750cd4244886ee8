package io.github.nemosdk.internal.auth;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.github.nemosdk.ClientListener;
import io.github.nemosdk.auth.TokenProvider;
import io.github.nemosdk.errors.ExportBlockedException;
import io.github.nemosdk.errors.InsufficientCreditsException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.TokenExpiredException;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.internal.http.Handler;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.Response;
import io.github.nemosdk.internal.http.Secrets;
import io.github.nemosdk.internal.http.SettledFailure;
import java.net.URI;
import java.util.function.Supplier;

/**
 * Adds the bearer token to requests that need one and, when the token source can refresh, answers a rejected token
 * (1001, 1010, 1011, 401) by invalidating it and trying once more with a new one: a Failsafe policy built once per
 * client. Words the refusals that concern the account: a token that cannot be refreshed, and where an anonymous user
 * registers when credits run out or export needs an account. A failure of the token source itself is reported as it
 * is, never retried again here or above.
 */
public final class AuthLayer implements Handler {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private final Handler next;
    private final TokenProvider tokens;
    private final Secrets secrets;
    private final Supplier<URI> registrationLink;
    private final RetryPolicy<Response> reauthentication;
    private final ClientListener listener;
    /** The last token that passed the format check (compared by reference). */
    private volatile String checkedToken;

    /**
     * Creates the layer.
     *
     * @param next             the layer below
     * @param tokens           the token source
     * @param secrets          told about every token sent, to mask it in what the server sends back
     * @param registrationLink where the anonymous user registers, or null when not anonymous
     * @param verbose          whether to log re-authentication at INFO instead of DEBUG
     * @param listener         told about each renewal
     */
    public AuthLayer(Handler next, TokenProvider tokens, Secrets secrets, Supplier<URI> registrationLink,
            boolean verbose, ClientListener listener) {
        this.listener = listener;
        this.next = next;
        this.tokens = tokens;
        this.secrets = secrets;
        this.registrationLink = registrationLink;
        System.Logger.Level level = verbose ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
        this.reauthentication = RetryPolicy.<Response>builder()
                .handleIf((r, e) -> e instanceof TokenExpiredException && tokens.canRefresh())
                .withMaxRetries(1)
                .onRetry(ev -> LOG.log(level, "The token was rejected; acquiring a new one and retrying"))
                .build();
    }

    @Override
    public Response send(Request r) {
        if (r.auth() != Request.Auth.BEARER) {
            return next.send(r);
        }
        try {
            return authenticated(r);
        } catch (InsufficientCreditsException e) {
            URI link = registrationLink.get();
            if (link == null || e.registrationLink().isPresent()) {
                throw e;
            }
            throw new InsufficientCreditsException(link, e.httpStatus(), code(e), e.serverMessage().orElse(null),
                    e.requestId().orElse(null));
        } catch (ExportBlockedException e) {
            URI link = registrationLink.get();
            if (link == null || e.registrationLink().isPresent()) {
                throw e;
            }
            throw new ExportBlockedException(link, e.httpStatus(), code(e), e.serverMessage().orElse(null),
                    e.requestId().orElse(null));
        }
    }

    /** Sends with the token, renewing a rejected one once when the source can and the body can be sent again. */
    private Response authenticated(Request r) {
        if (!tokens.canRefresh()) {
            // a token source that cannot give another token: sent once, with the decoder's advice on a rejection
            return next.send(r.withHeader("Authorization", "Bearer " + token()));
        }
        String[] sent = new String[1];
        if (!r.body().isReplayable()) {
            sent[0] = token();
            try {
                return next.send(r.withHeader("Authorization", "Bearer " + sent[0]));
            } catch (TokenExpiredException e) {
                tokens.invalidate(sent[0]); // the next request gets a new token
                throw new TokenExpiredException("The token was rejected; the next request gets a new one, but this"
                        + " request's body can be sent only once: send it again.", e.httpStatus(), code(e),
                        e.serverMessage().orElse(null), e.requestId().orElse(null));
            }
        }
        try {
            return Failsafe.with(reauthentication).get(ctx -> {
                if (ctx.isRetry()) {
                    tokens.invalidate(sent[0]);
                    TokenExpiredException rejection = ctx.getLastException();
                    Listeners.tell("token renewal", () -> listener.onTokenRenewal(r.name(), rejection));
                }
                sent[0] = token();
                return next.send(r.withHeader("Authorization", "Bearer " + sent[0]));
            });
        } catch (TokenExpiredException e) {
            throw new TokenExpiredException("A newly acquired token was rejected as well; check that the base URL is"
                    + " the Nemo API and try again later.", e.httpStatus(), code(e), e.serverMessage().orElse(null),
                    e.requestId().orElse(null));
        }
    }

    private static Integer code(NemoApiException e) {
        return e.apiCode().isPresent() ? e.apiCode().getAsInt() : null;
    }

    /** The token to send, checked once per new value; a failure of the source is settled. */
    private String token() {
        String token;
        try {
            token = tokens.token();
        } catch (NemoException e) {
            throw new SettledFailure(e);
        }
        // a provider usually returns the same String every time: check each new one only once
        if (token == null || token != checkedToken && !isWellFormed(token)) {
            throw new SettledFailure(new NemoException("The token provider returned an empty or malformed token; it"
                    + " must be non-blank printable ASCII without spaces."));
        }
        if (token != checkedToken) {
            secrets.sent(token); // whatever the server echoes back is cleaned of it
            checkedToken = token;
        }
        return token;
    }

    private static boolean isWellFormed(String token) {
        return !token.isBlank() && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
