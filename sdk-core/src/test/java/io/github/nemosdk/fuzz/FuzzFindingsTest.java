package io.github.nemosdk.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.internal.http.ResponseDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain regression tests for what the fuzz tests found (the same inputs are also seeds of the fuzz tests). */
class FuzzFindingsTest {
    private static final ResponseDecoder DECODER = new ResponseDecoder(Clock.systemUTC(), io.github.nemosdk.internal.http.Secrets.none());
    private static final String CTX = "s-1";
    private static final HttpHeaders JSON = HttpHeaders.of(Map.of("content-type", List.of("application/json")),
            (k, v) -> true);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Jackson's parse error quoted the unscrubbed token; it was attached as the cause and printed in stack traces. */
    @Test
    void invalidJsonDoesNotCarryTheTokenInItsCause() {
        assertThatThrownBy(() -> DECODER.decode(200, JSON,
                utf8("{\"code\":0,\"data\":{\"token\":nmv_usr_abcdef123456}}"), CTX))
                .isInstanceOf(NemoProtocolException.class)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        org.assertj.core.api.Assertions.assertThat(t.getMessage()).doesNotContain("nmv_usr_abcdef");
                    }
                });
    }

    /** A request id read from the body went into the exception message unscrubbed. */
    @Test
    void requestIdFromTheBodyIsMasked() {
        assertThatThrownBy(() -> DECODER.decode(400, JSON,
                utf8("{\"code\":1001,\"message\":\"expired\",\"request_id\":\"nmv_usr_abcdef123456\"}"), CTX))
                .isInstanceOf(NemoApiException.class)
                .hasMessageNotContaining("nmv_usr_abcdef")
                .hasMessageContaining("request id ****");
    }

    /** A 2xx non-JSON body with the content type ";" failed with ArrayIndexOutOfBoundsException. */
    @Test
    void contentTypeOfOnlyParametersIsAProtocolError() {
        HttpHeaders odd = HttpHeaders.of(Map.of("content-type", List.of(";")), (k, v) -> true);
        assertThatThrownBy(() -> DECODER.decode(200, odd, utf8("not json"), CTX))
                .isInstanceOf(NemoProtocolException.class)
                .hasMessageContaining("with a non-JSON body");
    }
}
