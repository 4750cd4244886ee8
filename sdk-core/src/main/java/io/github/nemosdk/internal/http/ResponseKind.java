package io.github.nemosdk.internal.http;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a request expects back: a small JSON answer read whole, or a body handed over open (an event stream, as an
 * {@code InputStream} or a non-blocking publisher, or a media file). A streamed kind hands over only a success whose
 * {@code Content-Type} it accepts; anything else is read and decoded like a JSON answer. Immutable.
 */
public final class ResponseKind {
    /** A JSON answer, read whole and bounded. */
    public static final ResponseKind JSON = new ResponseKind(false, false, t -> false);
    /** An event stream handed over as an {@code InputStream}. */
    public static final ResponseKind EVENT_STREAM = new ResponseKind(true, false, ResponseKind::isEventStreamType);
    /** An event stream handed over as a {@code Flow.Publisher<List<ByteBuffer>>}. */
    public static final ResponseKind EVENT_PUBLISHER = new ResponseKind(true, true, ResponseKind::isEventStreamType);

    private final boolean streamed;
    private final boolean publisher;
    private final Predicate<String> types;
    private final Consumer<HttpResponse<InputStream>> sink;
    private final Function<HttpResponse.ResponseInfo, HttpResponse.BodySubscriber<?>> file;

    private ResponseKind(boolean streamed, boolean publisher, Predicate<String> types) {
        this(streamed, publisher, types, null, null);
    }

    private ResponseKind(boolean streamed, boolean publisher, Predicate<String> types,
            Consumer<HttpResponse<InputStream>> sink,
            Function<HttpResponse.ResponseInfo, HttpResponse.BodySubscriber<?>> file) {
        this.streamed = streamed;
        this.publisher = publisher;
        this.types = types;
        this.sink = sink;
        this.file = file;
    }

    /**
     * A media file written by a body subscriber, for asynchronous calls: the attempt ends when the subscriber's
     * body completes, and a body that breaks or stalls fails the attempt like any other failure in transit.
     *
     * @param file makes the subscriber of a success with a media content type
     * @return the kind
     */
    public static ResponseKind mediaFile(Function<HttpResponse.ResponseInfo, HttpResponse.BodySubscriber<?>> file) {
        return new ResponseKind(true, false, ResponseKind::isMediaType, null, Objects.requireNonNull(file, "file"));
    }

    /**
     * What writes an accepted body in an asynchronous call.
     *
     * @return the subscriber's maker, or null
     */
    public Function<HttpResponse.ResponseInfo, HttpResponse.BodySubscriber<?>> file() {
        return file;
    }

    /**
     * A media file, read to its end by the sink as part of the attempt: a body that breaks or stalls fails the
     * attempt, and is repeated like any other failure in transit.
     *
     * @param sink reads (and closes) the body of a success with a media content type
     * @return the kind
     */
    public static ResponseKind media(Consumer<HttpResponse<InputStream>> sink) {
        return new ResponseKind(true, false, ResponseKind::isMediaType, Objects.requireNonNull(sink, "sink"), null);
    }

    /**
     * What reads an accepted body within the attempt.
     *
     * @return the sink, or null when the body is handed over open
     */
    public Consumer<HttpResponse<InputStream>> sink() {
        return sink;
    }

    /**
     * Whether a successful body may be handed over open.
     *
     * @return true for event streams and media
     */
    public boolean isStreamed() {
        return streamed;
    }

    /**
     * Whether an open body is handed over as a non-blocking publisher.
     *
     * @return true for {@link #EVENT_PUBLISHER}
     */
    public boolean isPublisher() {
        return publisher;
    }

    /**
     * Whether a successful response with this content type is handed over open.
     *
     * @param contentType the header value, possibly empty
     * @return true when the body is handed over
     */
    public boolean accepts(String contentType) {
        return streamed && types.test(contentType.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a content type is an event stream (or absent, as some proxies send it).
     *
     * @param contentType the lower-case header value, empty when absent
     * @return true for {@code text/event-stream} or no type
     */
    public static boolean isEventStreamType(String contentType) {
        return contentType.isEmpty() || contentType.startsWith("text/event-stream");
    }

    /**
     * Whether a content type can be a media file: binary types, or none; not text, HTML or JSON.
     *
     * @param contentType the lower-case header value, empty when absent
     * @return true for e.g. {@code video/mp4} or {@code application/octet-stream}
     */
    public static boolean isMediaType(String contentType) {
        return contentType.isEmpty() || !(contentType.startsWith("text/") || contentType.contains("json")
                || contentType.contains("html") || contentType.contains("xml"));
    }
}
