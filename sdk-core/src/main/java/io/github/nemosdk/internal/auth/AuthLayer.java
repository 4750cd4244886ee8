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
import io.github.nemosdk.internal.http.AsyncScheduler;
import io.github.nemosdk.internal.http.Cancellation;
import io.github.nemosdk.internal.http.Futures;
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
    private final java.util.concurrent.Executor blocking;
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
     * @param blocking         runs the token source for asynchronous calls when it has to acquire a token
     */
    public AuthLayer(Handler next, TokenProvider tokens, Secrets secrets, Supplier<URI> registrationLink,
            boolean verbose, ClientListener listener, java.util.concurrent.Executor blocking) {
        this.blocking = blocking;
        this.listener = listener;
        this.next = next;
        this.tokens = tokens;
        this.secrets = secrets;
        this.registrationLink = registrationLink;
        System.Logger.Level level = verbose ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
        this.reauthentication = RetryPolicy.<Response>builder()
                .handleIf((r, e) -> Futures.unwrap(e) instanceof TokenExpiredException && tokens.canRefresh())
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
        } catch (InsufficientCreditsException | ExportBlockedException e) {
            throw withRegistrationLink(e);
        }
    }

    /** A refusal about the account, with where an anonymous user registers when the server named no link. */
    private NemoApiException withRegistrationLink(NemoApiException e) {
        URI link = registrationLink.get();
        if (e instanceof InsufficientCreditsException) {
            InsufficientCreditsException c = (InsufficientCreditsException) e;
            if (link != null && !c.registrationLink().isPresent()) {
                return new InsufficientCreditsException(link, e.httpStatus(), code(e), e.serverMessage().orElse(null),
                        e.requestId().orElse(null));
            }
        } else if (e instanceof ExportBlockedException) {
            ExportBlockedException b = (ExportBlockedException) e;
            if (link != null && !b.registrationLink().isPresent()) {
                return new ExportBlockedException(link, e.httpStatus(), code(e), e.serverMessage().orElse(null),
                        e.requestId().orElse(null));
            }
        }
        return e;
    }

    /**
     * As {@link #send}. The token is taken on the spot when the source holds one, else acquired on the blocking
     * executor (a network call for an anonymous token): never on the thread that completes an exchange.
     */
    @Override
    public java.util.concurrent.CompletableFuture<Response> sendAsync(Request r, Cancellation cancel) {
        if (r.auth() != Request.Auth.BEARER) {
            return next.sendAsync(r, cancel);
        }
        return Futures.mapFailure(authenticatedAsync(r, cancel), t -> t instanceof InsufficientCreditsException
                || t instanceof ExportBlockedException ? withRegistrationLink((NemoApiException) t) : t);
    }

    private java.util.concurrent.CompletableFuture<Response> authenticatedAsync(Request r, Cancellation cancel) {
        if (!tokens.canRefresh()) {
            return Futures.then(tokenAsync(), t -> next.sendAsync(r.withHeader("Authorization", "Bearer " + t),
                    cancel));
        }
        String[] sent = new String[1];
        if (!r.body().isReplayable()) {
            return Futures.mapFailure(Futures.then(tokenAsync(), t -> {
                sent[0] = t;
                return next.sendAsync(r.withHeader("Authorization", "Bearer " + t), cancel);
            }), t -> {
                if (t instanceof TokenExpiredException) {
                    String rejected = sent[0];
                    try { // the source's lock may be held through a token acquisition: not on this thread
                        blocking.execute(() -> tokens.invalidate(rejected));
                    } catch (RuntimeException refused) {
                        // the next request's token is then refused once more and renewed there
                    }
                    return oneShotRejected((TokenExpiredException) t);
                }
                return t;
            });
        }
        return Futures.mapFailure(AsyncScheduler.execute(Failsafe.with(reauthentication)
                .with(AsyncScheduler.immediate(blocking)), ctx -> {
                    if (ctx.isRetry()) {
                        tokens.invalidate(sent[0]);
                        TokenExpiredException rejection = (TokenExpiredException) Futures.unwrap(
                                ctx.getLastException());
                        Listeners.tell("token renewal", () -> listener.onTokenRenewal(r.name(), rejection));
                    }
                    return Futures.then(tokenAsync(), t -> {
                        sent[0] = t;
                        return next.sendAsync(r.withHeader("Authorization", "Bearer " + t), cancel);
                    });
                }), t -> t instanceof TokenExpiredException ? newTokenRejected((TokenExpiredException) t) : t);
    }

    /** The token for an asynchronous call: the one held, else one acquired on the blocking executor. */
    private java.util.concurrent.CompletableFuture<String> tokenAsync() {
        String held = tokens instanceof HeldToken ? ((HeldToken) tokens).heldToken() : null;
        if (held != null) {
            try {
                return java.util.concurrent.CompletableFuture.completedFuture(checked(held));
            } catch (RuntimeException e) {
                return Futures.failed(e);
            }
        }
        return Futures.supplyOn(blocking, this::token);
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
                throw oneShotRejected(e);
            }
        }
        TokenExpiredException first;
        sent[0] = token();
        try {
            // the usual case, an accepted token, needs no execution of the policy
            return next.send(r.withHeader("Authorization", "Bearer " + sent[0]));
        } catch (TokenExpiredException e) {
            first = e;
        }
        try {
            // the policy takes over from the rejected first attempt, which it sees as its own first
            return Failsafe.with(reauthentication).get(ctx -> {
                if (!ctx.isRetry()) {
                    throw first;
                }
                tokens.invalidate(sent[0]);
                TokenExpiredException rejection = ctx.getLastException();
                Listeners.tell("token renewal", () -> listener.onTokenRenewal(r.name(), rejection));
                sent[0] = token();
                return next.send(r.withHeader("Authorization", "Bearer " + sent[0]));
            });
        } catch (TokenExpiredException e) {
            throw newTokenRejected(e);
        }
    }

    private static TokenExpiredException oneShotRejected(TokenExpiredException e) {
        return new TokenExpiredException("The token was rejected; the next request gets a new one, but this"
                + " request's body can be sent only once: send it again.", e.httpStatus(), code(e),
                e.serverMessage().orElse(null), e.requestId().orElse(null));
    }

    private static TokenExpiredException newTokenRejected(TokenExpiredException e) {
        return new TokenExpiredException("A newly acquired token was rejected as well; check that the base URL is"
                + " the Nemo API and try again later.", e.httpStatus(), code(e), e.serverMessage().orElse(null),
                e.requestId().orElse(null));
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
        return checked(token);
    }

    /** The token if well formed (a provider usually returns the same String: each new one is checked once). */
    private String checked(String token) {
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
