package io.github.nemosdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.ManualClock;
import io.github.nemosdk.errors.InsufficientCreditsException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.errors.TokenExpiredException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response decoder on its own: status, headers and body bytes in, a payload or a typed exception out. */
class ResponseDecoderTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final Secrets secrets = Secrets.create();
    private final ResponseDecoder decoder = new ResponseDecoder(clock, secrets);
    /** The session the decoded call was about. */
    private final String ctx = "1234567890123";

    private static HttpHeaders headers(String... pairs) {
        Map<String, List<String>> m = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], List.of(pairs[i + 1]));
        }
        return HttpHeaders.of(m, (a, b) -> true);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bothSuccessEnvelopesGiveTheirDataAndTheRequestId() {
        Decoded gateway = decoder.decode(200, headers("x-request-id", "req_1"),
                bytes("{\"code\":0,\"message\":\"success\",\"data\":{\"available\":7}}"), ctx);
        assertThat(gateway.data().get("available").asInt()).isEqualTo(7);
        assertThat(gateway.requestId()).hasValue("req_1");
        Decoded render = decoder.decode(200, headers(),
                bytes("{\"success\":true,\"data\":{\"id\":\"render_1\",\"status\":\"pending\"}}"), ctx);
        assertThat(render.data().get("id").asText()).isEqualTo("render_1");
        assertThat(render.requestId()).isEmpty();
    }

    @Test
    void aDraftWhoseNamesFloodTheByteParsersTableIsReadAndLaterResponsesToo() {
        // a draft of 5,040 names built to collide in the byte parser's table: that parser refuses it (a flood guard)
        // and the draft is read from its text; a later response with one more such name reads as well
        List<String> names = io.github.nemosdk.internal.CollidingNames.names();
        Decoded flood = decoder.decode(200, headers(),
                bytes("{\"code\":0,\"data\":" + io.github.nemosdk.internal.CollidingNames.object(names) + "}"), ctx);
        assertThat(flood.data().size()).isEqualTo(names.size());
        String later = names.get(names.size() - 1);
        Decoded next = decoder.decode(200, headers(), bytes("{\"code\":0,\"data\":{\"" + later + "\":7}}"), ctx);
        assertThat(next.data().get(later).asInt()).isEqualTo(7);
    }

    @Test
    void aNumberOutOfADecimalsRangeIsAProtocolErrorNotANumberFormatException() {
        assertThatThrownBy(() -> decoder.decode(200, headers(), bytes("{\"code\":0,\"data\":{\"available\":"
                + "1.5e-2147483649}}"), ctx)).isInstanceOf(NemoProtocolException.class)
                .hasMessageContaining("out of the range");
    }

    @Test
    void apiCodesBecomeTheirTypedExceptionsWithTheCallsContext() {
        assertThatThrownBy(() -> decoder.decode(200, headers(), bytes("{\"code\":1002,\"message\":\"gone\"}"), ctx))
                .isInstanceOfSatisfying(SessionNotFoundException.class,
                        e -> assertThat(e.sessionId()).hasValue("1234567890123"));
        assertThatThrownBy(() -> decoder.decode(401, headers("x-request-id", "req_2"),
                bytes("{\"code\":1001,\"message\":\"expired\"}"), ctx))
                .isInstanceOfSatisfying(TokenExpiredException.class,
                        e -> assertThat(e.requestId()).hasValue("req_2"));
        assertThatThrownBy(() -> decoder.decode(200, headers(), bytes("{\"code\":2001,\"message\":\"no credits\"}"),
                ctx)).isInstanceOfSatisfying(InsufficientCreditsException.class,
                        // where to register is the auth layer's to add: it knows whether the token is anonymous
                        e -> assertThat(e.registrationLink()).isEmpty());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsADateOnTheClientsClock() {
        assertThatThrownBy(() -> decoder.decode(429, headers("retry-after", "7"),
                bytes("{\"code\":429,\"message\":\"slow down\"}"), ctx))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7)));
        assertThat(decoder.retryAfter(headers("retry-after", "Sat, 05 Dec 2026 10:01:30 GMT")))
                .hasValue(Duration.ofSeconds(90));
        clock.advance(Duration.ofMinutes(5));
        assertThat(decoder.retryAfter(headers("retry-after", "Sat, 05 Dec 2026 10:01:30 GMT")))
                .as("a date in the past means now").hasValue(Duration.ZERO);
        assertThat(decoder.retryAfter(headers("retry-after", "soon"))).isEmpty();
    }

    @Test
    void bodiesThatAreNotTheApisJsonAreNamedForWhatTheyAre() {
        assertThatThrownBy(() -> decoder.decode(502, headers("content-type", "text/html"),
                bytes("<html><body><h1>502 Bad Gateway</h1></body></html>"), ctx))
                .isInstanceOf(ServerErrorException.class).hasMessageContaining("502 Bad Gateway");
        assertThatThrownBy(() -> decoder.decode(200, headers("content-type", "text/html"),
                bytes("<html><body>Welcome to nginx!</body></html>"), ctx))
                .isInstanceOf(NemoProtocolException.class).hasMessageContaining("instead of JSON");
        assertThatThrownBy(() -> decoder.decode(200, headers(), bytes("{\"code\":0,\"data\":{\"tok"), ctx))
                .isInstanceOf(NemoProtocolException.class).hasMessageContaining("not valid JSON");
        assertThat(decoder.decode(200, headers(), new byte[0], ctx).data().isMissingNode()).isTrue();
    }

    @Test
    void aTokenTheClientSentIsMaskedInWhatTheServerSaysBack() {
        secrets.sent("nmv_usr_secret_token_1");
        assertThatThrownBy(() -> decoder.decode(500, headers("x-request-id", "nmv_usr_secret_token_1"),
                bytes("{\"code\":500,\"message\":\"bad token nmv_usr_secret_token_1\"}"), ctx))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("nmv_usr_secret_token_1"))
                .isInstanceOfSatisfying(ServerErrorException.class,
                        e -> assertThat(e.requestId().orElse("")).doesNotContain("nmv_usr_secret_token_1"));
    }
}
