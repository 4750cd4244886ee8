package io.github.nemosdk.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;

/** A decoded successful response: the JSON payload, or the open body of a stream. */
public final class Decoded {
    private final JsonNode root;
    private final JsonNode data;
    private final String requestId;
    private final java.net.http.HttpResponse<java.io.InputStream> stream;
    private java.util.concurrent.Flow.Publisher<java.util.List<java.nio.ByteBuffer>> publisher;

    Decoded(JsonNode root, JsonNode data, String requestId) {
        this(root, data, requestId, null);
    }

    Decoded(JsonNode root, JsonNode data, String requestId,
            java.net.http.HttpResponse<java.io.InputStream> stream) {
        this.root = root;
        this.data = data;
        this.requestId = requestId;
        this.stream = stream;
    }

    /**
     * Wraps an open event stream delivered as a publisher.
     *
     * @param publisher the body
     * @param requestId the request id, or null
     * @return the decoded value
     */
    public static Decoded ofPublisher(
            java.util.concurrent.Flow.Publisher<java.util.List<java.nio.ByteBuffer>> publisher,
            String requestId) {
        Decoded d = new Decoded(MissingNode.getInstance(), MissingNode.getInstance(), requestId, null);
        d.publisher = publisher;
        return d;
    }

    /**
     * The body of a streaming call made with {@code streamingPublisher}; the caller must subscribe (and cancel
     * to release the connection).
     *
     * @return the body publisher, or null for other calls
     */
    public java.util.concurrent.Flow.Publisher<java.util.List<java.nio.ByteBuffer>> publisher() {
        return publisher;
    }

    /**
     * The open response of a streaming call; the caller must close its body.
     *
     * @return the response, or null for calls that were not streaming
     */
    public java.net.http.HttpResponse<java.io.InputStream> stream() {
        return stream;
    }

    /**
     * The whole body.
     *
     * @return the root node; {@link MissingNode} for an empty body
     */
    public JsonNode root() {
        return root;
    }

    /**
     * The payload: {@code data} of an envelope, else the root.
     *
     * @return the payload; {@link MissingNode} when absent
     */
    public JsonNode data() {
        return data;
    }

    /**
     * The request id for a message: {@code " [request id …]"}, or empty when the response had none.
     *
     * @return the note
     */
    public String requestIdNote() {
        return ResponseDecoder.rid(requestId);
    }

    /**
     * The request id of the response.
     *
     * @return the id, if present
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
