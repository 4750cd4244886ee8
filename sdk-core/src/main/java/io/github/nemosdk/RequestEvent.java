package io.github.nemosdk;

import io.github.nemosdk.errors.NemoException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One HTTP attempt as a {@link ClientListener} sees it: which endpoint, which attempt, and at its end the status or
 * the failure, the time taken, the bytes sent and received and the request id. Never a header value. Immutable.
 */
public final class RequestEvent {
    private final String endpoint;
    private final String method;
    private final String path;
    private final int attempt;
    private final Integer status;
    private final Duration duration;
    private final long bytesSent;
    private final long bytesReceived;
    private final String requestId;
    private final NemoException failure;

    private RequestEvent(String endpoint, String method, String path, int attempt, Integer status, Duration duration,
            long bytesSent, long bytesReceived, String requestId, NemoException failure) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.attempt = attempt;
        this.status = status;
        this.duration = Objects.requireNonNull(duration, "duration");
        this.bytesSent = bytesSent;
        this.bytesReceived = bytesReceived;
        this.requestId = requestId;
        this.failure = failure;
    }

    /**
     * An attempt about to be sent.
     *
     * @param endpoint  the endpoint name, e.g. {@code credits}
     * @param method    the HTTP method
     * @param path      the path under the base URL
     * @param attempt   the 1-based attempt number
     * @param bytesSent the body size, or -1 when not known in advance
     * @return the event
     */
    public static RequestEvent started(String endpoint, String method, String path, int attempt, long bytesSent) {
        return new RequestEvent(endpoint, method, path, attempt, null, Duration.ZERO, bytesSent, -1, null, null);
    }

    /**
     * This attempt, answered.
     *
     * @param status        the HTTP status
     * @param duration      the time from sending to the answer (to the end of its body when read whole)
     * @param bytesReceived the body size read, or -1 for a body handed over open (a stream, a download)
     * @param requestId     the request id, or null
     * @return the event
     */
    public RequestEvent answered(int status, Duration duration, long bytesReceived, String requestId) {
        return new RequestEvent(endpoint, method, path, attempt, status, duration, bytesSent, bytesReceived,
                requestId, null);
    }

    /**
     * This attempt, failed: refused by the service (a status) or in transit (none).
     *
     * @param failure  the exception
     * @param duration the time until it failed
     * @return the event
     */
    public RequestEvent failed(NemoException failure, Duration duration) {
        Objects.requireNonNull(failure, "failure");
        Integer s = failure instanceof io.github.nemosdk.errors.NemoApiException
                ? ((io.github.nemosdk.errors.NemoApiException) failure).httpStatus() : null;
        return new RequestEvent(endpoint, method, path, attempt, s, duration, bytesSent, -1,
                failure.requestId().orElse(null), failure);
    }

    /**
     * The endpoint name, e.g. {@code credits}, {@code chat}, {@code render-poll}.
     *
     * @return the endpoint name, e.g. {@code credits}, {@code chat}, {@code render-poll}
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * The HTTP method.
     *
     * @return the HTTP method
     */
    public String method() {
        return method;
    }

    /**
     * The path under the base URL (session ids included, never a token).
     *
     * @return the path under the base URL (session ids included, never a token)
     */
    public String path() {
        return path;
    }

    /**
     * The 1-based attempt number of this request.
     *
     * @return the 1-based attempt number of this request
     */
    public int attempt() {
        return attempt;
    }

    /**
     * The HTTP status; empty at the start and for a failure in transit.
     *
     * @return the HTTP status; empty at the start and for a failure in transit
     */
    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /**
     * The time taken; zero at the start.
     *
     * @return the time taken; zero at the start
     */
    public Duration duration() {
        return duration;
    }

    /**
     * The request body's size, or -1 when not known.
     *
     * @return the request body's size, or -1 when not known
     */
    public long bytesSent() {
        return bytesSent;
    }

    /**
     * The response body's size as read, or -1 when not read whole (a stream) or not ended yet.
     *
     * @return the response body's size as read, or -1 when not read whole (a stream) or not ended yet
     */
    public long bytesReceived() {
        return bytesReceived;
    }

    /**
     * The request id the service gave, if any.
     *
     * @return the request id the service gave, if any
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The failure, for an attempt refused or failed in transit.
     *
     * @return the failure, for an attempt refused or failed in transit
     */
    public Optional<NemoException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return "RequestEvent{" + method + " " + path + " (" + endpoint + ", attempt " + attempt + ")"
                + (status != null ? " -> " + status : "") + (failure != null ? " failed: "
                + failure.getClass().getSimpleName() : "") + (duration.isZero() ? "" : " in " + duration.toMillis()
                + " ms") + "}";
    }
}
