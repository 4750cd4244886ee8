package io.github.nemosdk.internal.auth;

import static io.github.nemosdk.internal.http.ScriptedHandler.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.errors.MissingClientIdException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.ScriptedHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client-id layer on its own: the header, and one renewal when the server refuses the id. */
class ClientIdLayerTest {
    private final ScriptedHandler below = new ScriptedHandler();

    private static Request acquisition() {
        return Request.post("anonymous-token", "/api/auth/anonymous-token").withClientId().build();
    }

    private static NemoApiException bare400() {
        return new NemoApiException("refused", 400, null, "bad request", null);
    }

    @Test
    void aBare400OnTheTokenEndpointPersistsANewClientIdAndTriesOnceMore(@TempDir Path dir) throws Exception {
        ClientIdStore ids = new ClientIdStore(null, dir.resolve("client_id"));
        String first = ids.get();
        below.failing(bare400());
        new ClientIdLayer(below, ids, false, Runnable::run).send(acquisition());
        String second = header(below.sent().get(1), "X-Client-Id");
        assertThat(header(below.sent().get(0), "X-Client-Id")).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
        assertThat(Files.readString(dir.resolve("client_id")).trim()).isEqualTo(second);
    }

    @Test
    void aSecondRefusalIsAMissingClientIdAndNoThirdAttempt(@TempDir Path dir) {
        below.failing(bare400(), bare400());
        assertThatThrownBy(() -> new ClientIdLayer(below, new ClientIdStore(null, dir.resolve("id")), false, Runnable::run)
                .send(acquisition())).isInstanceOf(MissingClientIdException.class);
        assertThat(below.sent()).hasSize(2);
    }

    @Test
    void otherRequestsPassUntouched(@TempDir Path dir) {
        NemoApiException refused = bare400();
        below.failing(refused);
        assertThatThrownBy(() -> new ClientIdLayer(below, new ClientIdStore(null, dir.resolve("id")), false, Runnable::run)
                .send(Request.get("credits", "/c").build())).isSameAs(refused);
        assertThat(header(below.sent().get(0), "X-Client-Id")).isNull();
    }
}
