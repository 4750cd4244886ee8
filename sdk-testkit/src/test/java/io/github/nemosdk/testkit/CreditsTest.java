package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CreditsTest {

    private NemoEmulator emu;

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    @Test
    void newUserHasTheInitialCreditsAvailableAndNoneFrozen() {
        emu = NemoEmulator.builder().initialCredits(250).start();
        Http http = new Http(emu);

        JsonNode data = Http.successData(http.credits(http.newToken("c")));

        assertThat(data.get("available").asInt()).isEqualTo(250);
        assertThat(data.get("frozen").asInt()).isZero();
        assertThat(data.get("total").asInt()).isEqualTo(250);
    }

    @Test
    void setCreditsChangesTheBalanceOfTheTokensUserOnly() {
        emu = NemoEmulator.start();
        Http http = new Http(emu);
        String token = http.newToken("c");
        String sameUser = http.newToken("c");
        String otherUser = http.newToken("d");

        emu.setCredits(token, 7, 3);

        JsonNode data = Http.successData(http.credits(sameUser));
        assertThat(data.get("available").asInt()).isEqualTo(7);
        assertThat(data.get("frozen").asInt()).isEqualTo(3);
        assertThat(data.get("total").asInt()).isEqualTo(10);
        assertThat(Http.successData(http.credits(otherUser)).get("available").asInt()).isEqualTo(100);
    }

    @Test
    void setCreditsWorksWithAnExpiredTokenOfTheUser() {
        emu = NemoEmulator.start();
        Http http = new Http(emu);
        String old = http.newToken("c");
        emu.expireAllTokens();

        emu.setCredits(old, 0, 0);

        assertThat(Http.successData(http.credits(http.newToken("c"))).get("total").asInt()).isZero();
    }

    @Test
    void setCreditsRejectsUnknownTokensAndNegativeValues() {
        emu = NemoEmulator.start();
        String token = new Http(emu).newToken("c");

        assertThatThrownBy(() -> emu.setCredits("nmv_usr_unknown", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.setCredits(token, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.setCredits(token, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
