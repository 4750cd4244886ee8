package io.github.nemosdk.internal.auth;

import static io.github.nemosdk.internal.http.ScriptedHandler.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.ClientListener;
import io.github.nemosdk.auth.TokenProvider;
import io.github.nemosdk.errors.ExportBlockedException;
import io.github.nemosdk.errors.InsufficientCreditsException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.TokenExpiredException;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.ScriptedHandler;
import io.github.nemosdk.internal.http.Secrets;
import io.github.nemosdk.internal.http.SettledFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The auth layer on its own: the bearer token, one re-authentication, and the account's refusals worded. */
class AuthLayerTest {
    private static final URI REGISTER = URI.create("https://nemovideo.com/register?bind=usr_1");

    private final ScriptedHandler below = new ScriptedHandler();
    private final Secrets secrets = Secrets.create();
    private final List<String> renewals = new ArrayList<>();
    private final ClientListener listener = new ClientListener() {
        @Override
        public void onTokenRenewal(String endpoint, NemoApiException rejection) {
            renewals.add(endpoint + " " + rejection.httpStatus() + " " + rejection.requestId().orElse(""));
        }
    };

    /** Hands out tok1, tok2, ... and records the tokens invalidated. */
    private static final class Renewing implements TokenProvider {
        final List<String> invalidated = new ArrayList<>();
        int issued;

        @Override
        public synchronized String token() {
            return "nmv_usr_tok" + (issued + 1);
        }

        @Override
        public boolean canRefresh() {
            return true;
        }

        @Override
        public synchronized void invalidate(String rejected) {
            invalidated.add(rejected);
            issued++;
        }
    }

    private static TokenExpiredException expired() {
        return new TokenExpiredException("expired", 401, 1001, "token expired", "req_9");
    }

    private static Request credits() {
        return Request.get("credits", "/api/credits").build();
    }

    @Test
    void addsTheBearerTokenAndMasksItInWhatTheServerSendsBack() {
        new AuthLayer(below, TokenProvider.fixed("nmv_usr_fixed1"), secrets, () -> null, false, listener, Runnable::run)
                .send(credits());
        assertThat(header(below.sent().get(0), "Authorization")).isEqualTo("Bearer nmv_usr_fixed1");
        assertThat(secrets.serverMessage("echo nmv_usr_fixed1")).doesNotContain("nmv_usr_fixed1");
    }

    @Test
    void aRejectedTokenIsInvalidatedAndTheRequestSentOnceMoreWithANewOne() {
        Renewing tokens = new Renewing();
        below.failing(expired());
        new AuthLayer(below, tokens, secrets, () -> null, false, listener, Runnable::run).send(credits());
        assertThat(below.sent()).extracting(r -> header(r, "Authorization"))
                .containsExactly("Bearer nmv_usr_tok1", "Bearer nmv_usr_tok2");
        assertThat(tokens.invalidated).containsExactly("nmv_usr_tok1");
        assertThat(renewals).containsExactly("credits 401 req_9");
    }

    @Test
    void aSecondRejectionEndsItWithAdviceAndNoThirdAttempt() {
        below.failing(expired(), expired());
        assertThatThrownBy(() -> new AuthLayer(below, new Renewing(), secrets, () -> null, false, listener, Runnable::run)
                .send(credits()))
                .isInstanceOfSatisfying(TokenExpiredException.class, e -> {
                    assertThat(e.getMessage()).contains("newly acquired token was rejected as well");
                    assertThat(e.requestId()).hasValue("req_9");
                });
        assertThat(below.sent()).hasSize(2);
    }

    @Test
    void aBodyThatCannotBeSentAgainIsNotRetriedButItsRejectedTokenIsDropped() {
        Renewing tokens = new Renewing();
        below.failing(expired());
        Request upload = Request.post("upload", "/u").body(io.github.nemosdk.internal.http.RequestBody.stream(
                java.net.http.HttpRequest.BodyPublishers::noBody, "multipart/form-data", false, -1)).build();
        assertThatThrownBy(() -> new AuthLayer(below, tokens, secrets, () -> null, false, listener, Runnable::run).send(upload))
                .isInstanceOf(TokenExpiredException.class).hasMessageContaining("sent only once")
                .hasMessageNotContaining("newly acquired");
        assertThat(below.sent()).hasSize(1);
        assertThat(tokens.invalidated).containsExactly("nmv_usr_tok1");
    }

    @Test
    void aTokenSetByHandIsNotRetriedAndKeepsTheDecodersAdvice() {
        TokenExpiredException e = expired();
        below.failing(e);
        assertThatThrownBy(() -> new AuthLayer(below, TokenProvider.fixed("nmv_usr_fixed1"), secrets, () -> null,
                false, listener, Runnable::run).send(credits())).isSameAs(e);
        assertThat(below.sent()).hasSize(1);
    }

    @Test
    void aFailureOfTheTokenSourceIsSettledSoNoLayerRetriesItAgain() {
        RateLimitedException limited = new RateLimitedException(null, 429, null, null, null);
        TokenProvider failing = () -> {
            throw limited;
        };
        assertThatThrownBy(() -> new AuthLayer(below, failing, secrets, () -> null, false, listener, Runnable::run).send(credits()))
                .isInstanceOfSatisfying(SettledFailure.class, f -> assertThat(f.failure()).isSameAs(limited));
        assertThatThrownBy(() -> new AuthLayer(below, () -> "two words", secrets, () -> null, false, listener, Runnable::run)
                .send(credits()))
                .isInstanceOfSatisfying(SettledFailure.class, f -> assertThat(f.failure())
                        .isInstanceOf(NemoException.class).hasMessageContaining("malformed"));
        assertThat(below.sent()).isEmpty();
    }

    @Test
    void anAnonymousUserIsToldWhereToRegisterWhenCreditsRunOutOrExportNeedsAnAccount() {
        below.failing(new InsufficientCreditsException(null, 200, 2001, "no credits", null),
                new ExportBlockedException(null, 403, 1003, "register", null));
        AuthLayer layer = new AuthLayer(below, TokenProvider.fixed("nmv_usr_a"), secrets, () -> REGISTER, false,
                listener, Runnable::run);
        assertThatThrownBy(() -> layer.send(credits())).isInstanceOfSatisfying(InsufficientCreditsException.class,
                e -> assertThat(e.registrationLink()).hasValue(REGISTER));
        assertThatThrownBy(() -> layer.send(credits())).isInstanceOfSatisfying(ExportBlockedException.class,
                e -> assertThat(e.registrationLink()).hasValue(REGISTER));
    }

    @Test
    void theTokenAcquisitionItselfCarriesNoToken() {
        new AuthLayer(below, () -> {
            throw new AssertionError("no token is asked for");
        }, secrets, () -> null, false, listener, Runnable::run)
                .send(Request.post("anonymous-token", "/t").withClientId().build());
        assertThat(header(below.sent().get(0), "Authorization")).isNull();
    }
}
