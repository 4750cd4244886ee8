package io.github.nemosdk.internal.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.SessionRecovery;
import io.github.nemosdk.SessionReplacement;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.Response;
import io.github.nemosdk.internal.http.ScriptedHandler;
import io.github.nemosdk.sessions.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session layer on its own: the session in force, and one replacement of a lost session under RECREATE. */
class SessionLayerTest {
    private final ScriptedHandler below = new ScriptedHandler();
    private final List<SessionReplacement> told = new ArrayList<>();
    private int created;
    private final SessionReplacer replacer = new SessionReplacer(
            () -> Session.of("new" + (++created), "task" + created, "user"), told::add);

    private static Request state(boolean recoverable) {
        return Request.get("state", "").session("old", s -> "/api/state/" + s, recoverable).build();
    }

    private static SessionNotFoundException lost() {
        return new SessionNotFoundException("old", 200, 1002, "Session not found", null);
    }

    @Test
    void underRecreateALostSessionIsReplacedOnceAndLaterRequestsGoToTheReplacement() {
        below.failing(lost());
        SessionLayer layer = new SessionLayer(below, replacer, SessionRecovery.RECREATE, Runnable::run);
        Response r = layer.send(state(true));
        assertThat(below.sent()).extracting(Request::path).containsExactly("/api/state/old", "/api/state/new1");
        assertThat(r.sessionId()).isEqualTo("new1");
        assertThat(r.replacement().lostSessionId()).isEqualTo("old");
        assertThat(told).hasSize(1);

        layer.send(state(true));
        assertThat(below.sent().get(2).path()).isEqualTo("/api/state/new1");
        assertThat(created).isEqualTo(1);
    }

    @Test
    void withoutRecreateOrForARequestThatMeansNothingOnAFreshSessionTheLossIsReported() {
        SessionNotFoundException e = lost();
        below.failing(e);
        assertThatThrownBy(() -> new SessionLayer(below, replacer, SessionRecovery.FAIL, Runnable::run).send(state(true)))
                .isSameAs(e);
        below.failing(e);
        assertThatThrownBy(() -> new SessionLayer(below, replacer, SessionRecovery.RECREATE, Runnable::run).send(state(false)))
                .isSameAs(e);
        assertThat(created).isZero();
        assertThat(below.sent()).hasSize(2);
    }

    @Test
    void aSecondLossOnTheReplacementIsReportedWithoutAThirdAttempt() {
        below.failing(lost(), lost());
        assertThatThrownBy(() -> new SessionLayer(below, replacer, SessionRecovery.RECREATE, Runnable::run).send(state(true)))
                .isInstanceOf(SessionNotFoundException.class);
        assertThat(below.sent()).hasSize(2);
    }
}
