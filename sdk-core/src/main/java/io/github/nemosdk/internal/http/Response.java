package io.github.nemosdk.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.SessionReplacement;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Flow;

/** A successful response, decoded, with the request as it was finally sent. Immutable. */
public final class Response {
    private final Request request;
    private final int status;
    private final Decoded body;
    private final long bodyBytes;

    /**
     * Creates a response.
     *
     * @param request   the request as sent
     * @param status    the HTTP status
     * @param body      the decoded body
     * @param bodyBytes the size of the body as read, or -1 for a body handed over open
     */
    public Response(Request request, int status, Decoded body, long bodyBytes) {
        this.request = request;
        this.status = status;
        this.body = body;
        this.bodyBytes = bodyBytes;
    }

    /**
     * The size of the body as read, or -1 for a body handed over open or read by a sink.
     *
     * @return the size of the body as read, or -1 for a body handed over open or read by a sink
     */
    public long bodyBytes() {
        return bodyBytes;
    }

    /**
     * The request as it was finally sent (session in force, headers, attempt).
     *
     * @return the request as it was finally sent (session in force, headers, attempt)
     */
    public Request request() {
        return request;
    }

    /**
     * The HTTP status.
     *
     * @return the HTTP status
     */
    public int status() {
        return status;
    }

    /**
     * The session the request ran on, after any replacement, or null.
     *
     * @return the session the request ran on, after any replacement, or null
     */
    public String sessionId() {
        return request.sessionId();
    }

    /**
     * The session replacement made for the request, or null.
     *
     * @return the session replacement made for the request, or null
     */
    public SessionReplacement replacement() {
        return request.replacement();
    }

    /**
     * The whole JSON body; a missing node for an empty or streamed body.
     *
     * @return the whole JSON body; a missing node for an empty or streamed body
     */
    public JsonNode root() {
        return body.root();
    }

    /**
     * The payload: {@code data} of an envelope, else the root.
     *
     * @return the payload: {@code data} of an envelope, else the root
     */
    public JsonNode data() {
        return body.data();
    }

    /**
     * The open response of an {@link ResponseKind#EVENT_STREAM} or {@link ResponseKind#MEDIA}, or null.
     *
     * @return the open response of an {@link ResponseKind#EVENT_STREAM} or {@link ResponseKind#MEDIA}, or null
     */
    public HttpResponse<InputStream> stream() {
        return body.stream();
    }

    /**
     * The open body of an {@link ResponseKind#EVENT_PUBLISHER}, or null.
     *
     * @return the open body of an {@link ResponseKind#EVENT_PUBLISHER}, or null
     */
    public Flow.Publisher<List<ByteBuffer>> publisher() {
        return body.publisher();
    }

    /**
     * The request id the server gave, if any.
     *
     * @return the request id the server gave, if any
     */
    public Optional<String> requestId() {
        return body.requestId();
    }

    /**
     * {@code " [request id …]"} for a message, or empty.
     *
     * @return {@code " [request id …]"} for a message, or empty
     */
    public String requestIdNote() {
        return body.requestIdNote();
    }
}
