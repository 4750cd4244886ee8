package io.github.nemosdk.internal.http;

import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.function.Supplier;

/** What a request sends: nothing, JSON bytes, or a streamed body (replayable or not). Immutable. */
public final class RequestBody {
    /** No body. */
    public static final RequestBody NONE = new RequestBody(null, null, null, true, 0);

    private final byte[] json;
    private final Supplier<HttpRequest.BodyPublisher> stream;
    private final String contentType;
    private final boolean replayable;
    private final long length;

    private RequestBody(byte[] json, Supplier<HttpRequest.BodyPublisher> stream, String contentType,
            boolean replayable, long length) {
        this.json = json;
        this.stream = stream;
        this.contentType = contentType;
        this.replayable = replayable;
        this.length = length;
    }

    /**
     * A JSON body (never changed after this call).
     *
     * @param json UTF-8 JSON bytes
     * @return the body
     */
    public static RequestBody json(byte[] json) {
        return new RequestBody(Objects.requireNonNull(json, "json"), null, "application/json", true, json.length);
    }

    /**
     * A streamed body, such as a multipart upload.
     *
     * @param publisher   makes the publisher for each attempt
     * @param contentType the {@code Content-Type}
     * @param replayable  whether it can be sent again: a one-shot stream is never retried
     * @param length      its size in bytes, or -1 when not known in advance
     * @return the body
     */
    public static RequestBody stream(Supplier<HttpRequest.BodyPublisher> publisher, String contentType,
            boolean replayable, long length) {
        return new RequestBody(null, Objects.requireNonNull(publisher, "publisher"),
                Objects.requireNonNull(contentType, "contentType"), replayable, length);
    }

    /**
     * The body's size.
     *
     * @return bytes, or -1 when not known in advance
     */
    public long length() {
        return length;
    }

    /**
     * Whether the body can be sent again; a request whose body cannot is sent exactly once.
     *
     * @return true for no body, JSON, or a replayable stream
     */
    public boolean isReplayable() {
        return replayable;
    }

    /**
     * The {@code Content-Type} header.
     *
     * @return the type, or null for no body
     */
    public String contentType() {
        return contentType;
    }

    /**
     * A publisher for one attempt.
     *
     * @return the publisher
     */
    public HttpRequest.BodyPublisher publisher() {
        if (stream != null) {
            return stream.get();
        }
        return json != null ? HttpRequest.BodyPublishers.ofByteArray(json) : HttpRequest.BodyPublishers.noBody();
    }
}
