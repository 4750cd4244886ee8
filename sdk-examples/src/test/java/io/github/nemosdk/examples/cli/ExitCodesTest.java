package io.github.nemosdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.errors.ChatDisconnectedException;
import io.github.nemosdk.errors.ChatProtocolException;
import io.github.nemosdk.errors.ChatRecoveryFailedException;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.errors.ChatTimeoutException;
import io.github.nemosdk.errors.DownloadFailedException;
import io.github.nemosdk.errors.DraftNotReadyException;
import io.github.nemosdk.errors.EditNotAppliedException;
import io.github.nemosdk.errors.ExportBlockedException;
import io.github.nemosdk.errors.FileTooLargeException;
import io.github.nemosdk.errors.InsufficientCreditsException;
import io.github.nemosdk.errors.InvalidUploadException;
import io.github.nemosdk.errors.MissingClientIdException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoInterruptedException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.RenderFailedException;
import io.github.nemosdk.errors.RenderTimeoutException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.errors.TokenExpiredException;
import io.github.nemosdk.errors.UnsupportedFileTypeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The exit code of every SDK error type, as documented in --help and README-cli.md. */
class ExitCodesTest {
    @Test
    void everyErrorTypeHasItsCode() {
        assertThat(ExitCodes.of(new InvalidUploadException(InvalidUploadException.Reason.CONTENT_MISMATCH, "a.mp4",
                "bad"))).isEqualTo(3);
        assertThat(ExitCodes.of(new UnsupportedFileTypeException(200, 4001, "no", null))).isEqualTo(3);
        assertThat(ExitCodes.of(new FileTooLargeException(200, 4002, "big", null))).isEqualTo(3);
        assertThat(ExitCodes.of(new IllegalArgumentException("x"))).isEqualTo(3);
        assertThat(ExitCodes.of(new DraftNotReadyException("1", "Timeline (0 tracks): empty"))).isEqualTo(3);
        assertThat(ExitCodes.of(new EditNotAppliedException("1", "hello"))).isEqualTo(3);
        assertThat(ExitCodes.of(new TokenExpiredException("", 401, 1001, null, null))).isEqualTo(4);
        assertThat(ExitCodes.of(new MissingClientIdException(400, null, null, null))).isEqualTo(4);
        assertThat(ExitCodes.of(new InsufficientCreditsException(URI.create("https://nemovideo.ai/r"), 200, 2001,
                null, null))).isEqualTo(5);
        assertThat(ExitCodes.of(new ExportBlockedException(402, 402, null, null))).isEqualTo(5);
        assertThat(ExitCodes.of(new RateLimitedException(Duration.ofMinutes(5), 429, 429, null, null))).isEqualTo(6);
        assertThat(ExitCodes.of(new SessionNotFoundException("1", 200, 1002, null, null))).isEqualTo(7);
        assertThat(ExitCodes.of(new RenderFailedException("render_1", "failed twice"))).isEqualTo(8);
        assertThat(ExitCodes.of(new RenderTimeoutException("render_1", "too slow"))).isEqualTo(8);
        assertThat(ExitCodes.of(new DownloadFailedException("gone", null))).isEqualTo(8);
        assertThat(ExitCodes.of(new NemoTransportException("reset", null))).isEqualTo(9);
        assertThat(ExitCodes.of(new NemoTimeoutException("slow", null))).isEqualTo(9);
        assertThat(ExitCodes.of(new ChatTimeoutException(ChatTimeoutException.Reason.IDLE, "idle"))).isEqualTo(9);
        assertThat(ExitCodes.of(new ChatDisconnectedException("cut", null))).isEqualTo(9);
        assertThat(ExitCodes.of(new ChatRecoveryFailedException("unchanged", null))).isEqualTo(9);
        assertThat(ExitCodes.of(new ServerErrorException(503, null, null, null))).isEqualTo(10);
        assertThat(ExitCodes.of(new NemoApiException("odd", 200, 9999, null, null))).isEqualTo(10);
        assertThat(ExitCodes.of(new NemoProtocolException("html", null))).isEqualTo(10);
        assertThat(ExitCodes.of(new ChatProtocolException("oversized"))).isEqualTo(10);
        assertThat(ExitCodes.of(new ChatStreamException("agent failed", "AGENT_ERROR"))).isEqualTo(10);
        assertThat(ExitCodes.of(new NemoInterruptedException(new InterruptedException()))).isEqualTo(1);
        assertThat(ExitCodes.of(new NemoException("other"))).isEqualTo(1);
        assertThat(ExitCodes.of(new UncheckedIOException("disk", new IOException("full")))).isEqualTo(1);
    }

    @Test
    void errorObjectsCarryTheDetailsOfTheirType() {
        RateLimitedException limited = new RateLimitedException(Duration.ofSeconds(90), 429, 429, "slow down",
                "req_1");
        ObjectNode e = Output.errorNode(limited);
        assertThat(e.fieldNames()).toIterable().containsExactly("type", "message", "exit_code", "http_status",
                "api_code", "request_id", "retry_after_seconds");
        assertThat(e.get("type").asText()).isEqualTo("RateLimitedException");
        // the SDK's advice for Java callers becomes advice for the shell
        assertThat(limited.getMessage()).contains("NemoClient.builder().retry(...)");
        assertThat(e.get("message").asText()).isEqualTo("Rate limited by the Nemo API; the server asked to wait 90 s."
                + " Wait and run the command again. [HTTP 429, code 429, request id req_1, server said: \"slow down\"]");
        assertThat(e.get("exit_code").asInt()).isEqualTo(6);
        assertThat(e.get("request_id").asText()).isEqualTo("req_1");
        assertThat(e.get("retry_after_seconds").asLong()).isEqualTo(90);
        assertThat(Output.oneLine(new UncheckedIOException("Cannot write out.mp4", new IOException("disk full"))))
                .isEqualTo("Cannot write out.mp4: disk full");
        assertThat(Output.oneLine(new NemoException("two\nlines"))).isEqualTo("two lines");
    }
}
