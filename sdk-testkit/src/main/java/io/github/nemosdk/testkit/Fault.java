package io.github.nemosdk.testkit;

import io.github.nemosdk.testkit.internal.FaultSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the emulator answers with instead of serving a request; see
 * {@link NemoEmulator#inject(Endpoint, Fault, int)}. Faults apply before authentication, so a
 * faulted request needs no valid token, except the chat stream faults ({@code chat…} factories),
 * which disturb the stream of an accepted chat turn and apply only to {@link Endpoint#CHAT}.
 * Instances are immutable and may be reused.
 */
public final class Fault {

    private final FaultSpec spec;

    private Fault(FaultSpec spec) {
        this.spec = spec;
    }

    /**
     * HTTP 401 with {@code {"code":1001,"message":"token invalid or expired","data":null}}.
     *
     * @return the fault
     */
    public static Fault tokenExpired() {
        return new Fault(FaultSpec.apiError(401, 1001, "token invalid or expired", Map.of(), "tokenExpired()"));
    }

    /**
     * HTTP 200 with {@code {"code":1002,"message":"session not found","data":null}}.
     *
     * @return the fault
     */
    public static Fault sessionNotFound() {
        return new Fault(FaultSpec.apiError(200, 1002, "session not found", Map.of(), "sessionNotFound()"));
    }

    /**
     * HTTP 429 with body code 429 and a {@code Retry-After} header in whole seconds (rounded up).
     *
     * @param retryAfter the delay to announce; not negative
     * @return the fault
     * @throws IllegalArgumentException if {@code retryAfter} is negative
     */
    public static Fault rateLimited(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return new Fault(FaultSpec.apiError(429, 429, "rate limited", Map.of("Retry-After", Long.toString(seconds)),
                "rateLimited(" + seconds + "s)"));
    }

    /**
     * HTTP 429 with body code 429 and no {@code Retry-After} header.
     *
     * @return the fault
     */
    public static Fault rateLimitedWithoutRetryAfter() {
        return new Fault(FaultSpec.apiError(429, 429, "rate limited", Map.of(), "rateLimitedWithoutRetryAfter()"));
    }

    /**
     * The given 5xx status with an HTML error page, as a reverse proxy serves it
     * ({@code Content-Type: text/html}), so the body is not JSON.
     *
     * @param status an HTTP status from 500 to 599
     * @return the fault
     * @throws IllegalArgumentException if {@code status} is not a 5xx status
     */
    public static Fault serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("serverError needs a 5xx status: " + status);
        }
        return new Fault(FaultSpec.htmlPage(status, "serverError(" + status + ")"));
    }

    /**
     * A response cut off mid-body: the headers announce more bytes than are sent before the
     * connection closes, so the client's read fails with an {@link java.io.IOException}.
     *
     * @return the fault
     */
    public static Fault dropConnection() {
        return new Fault(FaultSpec.dropConnection("dropConnection()"));
    }

    /**
     * Any gateway error: {@code {"code":code,"message":message,"data":null}} with the given HTTP
     * status (for example {@code apiError(200, 2001, "insufficient credits")}).
     *
     * @param httpStatus the HTTP status, from 200 to 599
     * @param code       the envelope's {@code code}
     * @param message    the envelope's {@code message}
     * @return the fault
     * @throws IllegalArgumentException if {@code httpStatus} is outside 200..599
     */
    public static Fault apiError(int httpStatus, int code, String message) {
        if (httpStatus < 200 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be in 200..599: " + httpStatus);
        }
        Objects.requireNonNull(message, "message");
        return new Fault(FaultSpec.apiError(httpStatus, code, message, Map.of(),
                "apiError(" + httpStatus + ", " + code + ", " + message + ")"));
    }

    /**
     * Chat only ({@link Endpoint#CHAT}): the turn streams its heartbeats, then sends a last frame
     * {@code {"error":"<message>","error_details":{"error_type":"AGENT_ERROR","error_message":"<message>",
     * "timestamp":…}}} and closes the stream
     * cleanly. Nothing is edited and reserved credits are given back.
     *
     * <p>Like every chat fault it disturbs an <em>accepted</em> turn: the request is authenticated
     * and validated first, and an invalid one gets its usual error answer (using up the fault).
     *
     * @param message the frame's {@code error} text
     * @return the fault
     */
    public static Fault chatErrorFrame(String message) {
        Objects.requireNonNull(message, "message");
        return new Fault(FaultSpec.chatErrorFrame(message, "chatErrorFrame(" + message + ")"));
    }

    /**
     * Chat only ({@link Endpoint#CHAT}): the turn streams its heartbeats, applies its edit and
     * charges for it if {@code afterEdit} (and the prompt asks for one), then cuts the connection
     * abruptly, without ending the chunked body, so the client's read fails with an
     * {@link java.io.IOException} instead of seeing a clean end of the stream. No tool or text
     * frames are sent. Without {@code afterEdit}, nothing is edited and reserved credits are given back.
     *
     * @param afterEdit whether the edit is applied (and charged) before the connection breaks
     * @return the fault
     */
    public static Fault chatDisconnect(boolean afterEdit) {
        return new Fault(FaultSpec.chatDisconnect(afterEdit, "chatDisconnect(afterEdit=" + afterEdit + ")"));
    }

    /**
     * Chat only ({@link Endpoint#CHAT}): a tool of the turn crashes, as a real ADK server shows it: the turn
     * streams its heartbeats and its tool calls, then the server cuts the chunked body off, with no error frame
     * and no final chunk, so the client's read fails with an {@link java.io.IOException}. Nothing is edited and
     * reserved credits are given back. A turn without a tool is cut off after its keep-alives.
     *
     * @return the fault
     */
    public static Fault chatCrash() {
        return new Fault(FaultSpec.chatCrash("chatCrash"));
    }

    /**
     * Chat only ({@link Endpoint#CHAT}): the turn sends the headers and one heartbeat, then nothing
     * at all for {@code duration} with the connection open, then closes the stream cleanly. Nothing
     * is edited and reserved credits are given back. Closing the emulator ends the stall at once.
     *
     * @param duration how long to stay silent; not negative
     * @return the fault
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public static Fault chatStall(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        return new Fault(FaultSpec.chatStall(duration, "chatStall(" + duration.toMillis() + "ms)"));
    }

    FaultSpec spec() {
        return spec;
    }

    /** Describes the fault, for example {@code rateLimited(2s)}. */
    @Override
    public String toString() {
        return spec.toString();
    }
}
