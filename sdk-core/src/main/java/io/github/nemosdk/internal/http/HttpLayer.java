package io.github.nemosdk.internal.http;

import io.github.nemosdk.Attribution;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.internal.SdkInfo;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * The bottom layer: builds the HTTP request (base URL, path, timeout, identification and attribution headers, the
 * headers layers added, the body), exchanges it ({@link HttpExchange}) and decodes the answer
 * ({@link ResponseDecoder}): an open body for an accepted stream, the payload of a success, or the typed exception
 * of a refusal, rewritten by the request's own refusal mapping.
 */
public final class HttpLayer implements Handler {
    private final HttpExchange exchange;
    private final ResponseDecoder decoder;
    private final String base;
    private final Duration requestTimeout;
    private final Attribution attribution;
    private final String userAgent = SdkInfo.userAgent();

    /**
     * Creates the layer.
     *
     * @param exchange       the exchange below
     * @param decoder        decodes answers
     * @param baseUrl        the API's base URL
     * @param requestTimeout the header timeout of requests that name none
     * @param attribution    the attribution headers' values
     */
    public HttpLayer(HttpExchange exchange, ResponseDecoder decoder, URI baseUrl, Duration requestTimeout,
            Attribution attribution) {
        this.exchange = exchange;
        this.decoder = decoder;
        this.base = baseUrl.toString().replaceAll("/+$", "");
        this.requestTimeout = requestTimeout;
        this.attribution = attribution;
    }

    @Override
    public Response send(Request r) {
        HttpRequest request = build(r);
        ResponseKind kind = r.expects();
        if (!kind.isStreamed()) {
            HttpExchange.Collected c = exchange.collect(request, r, requestTimeout);
            return decode(r, c.status, c.headers, c.body);
        }
        if (kind.isPublisher()) {
            HttpResponse<Object> either = exchange.send(request, r, info -> publisherWhenAccepted(info, kind));
            if (either.body() instanceof Flow.Publisher) {
                return opened(r, either);
            }
            @SuppressWarnings("unchecked")
            HttpResponse<InputStream> plain = (HttpResponse<InputStream>) (HttpResponse<?>) either;
            return decode(r, plain.statusCode(), plain.headers(), exchange.readBody(plain, r, requestTimeout));
        }
        HttpResponse<InputStream> response = OrderedBody.wrap(
                exchange.send(request, r, HttpResponse.BodyHandlers.ofPublisher()));
        if (isSuccess(response.statusCode()) && kind.accepts(contentType(response.headers()))) {
            if (kind.sink() != null) {
                kind.sink().accept(response);
                return new Response(r, response.statusCode(), decoder.read(response), -1);
            }
            return new Response(r, response.statusCode(), decoder.stream(response), -1);
        }
        return decode(r, response.statusCode(), response.headers(),
                exchange.readBody(response, r, requestTimeout));
    }

    /**
     * Sends without a thread waiting: a whole JSON answer is collected as its bytes arrive; an event stream
     * is handed over as a publisher of its body once the headers say it was accepted (anything else is collected
     * and decoded as the refusal it is). Answers read as an {@code InputStream} (a blocking chat stream, a media
     * download) have no asynchronous form here.
     */
    @Override
    public java.util.concurrent.CompletableFuture<Response> sendAsync(Request r, Cancellation cancel) {
        HttpRequest request;
        try {
            request = build(r);
        } catch (RuntimeException e) {
            return Futures.failed(e);
        }
        ResponseKind kind = r.expects();
        if (!kind.isStreamed()) {
            return Futures.map(exchange.collectAsync(request, r, requestTimeout, cancel),
                    c -> decode(r, c.status, c.headers, c.body));
        }
        if (kind.isPublisher() || kind.file() != null) {
            return Futures.map(exchange.openAsync(request, r, info -> !isSuccess(info.statusCode())
                    || !kind.accepts(contentType(info.headers())) ? null : kind.isPublisher()
                            ? HttpResponse.BodySubscribers.ofPublisher() : kind.file().apply(info), requestTimeout,
                    cancel), c -> c.body != null ? decode(r, c.status, c.headers, c.body) : kind.isPublisher()
                            ? new Response(r, c.status, Decoded.ofPublisher(publisher(c.opened),
                                    decoder.requestId(c.headers)), -1)
                            : new Response(r, c.status, decoder.read(c.headers), -1));
        }
        return Futures.failed(new IllegalStateException(r.name() + " has no asynchronous form"));
    }

    @SuppressWarnings("unchecked")
    private static Flow.Publisher<List<ByteBuffer>> publisher(Object opened) {
        return (Flow.Publisher<List<ByteBuffer>>) opened;
    }

    private Response opened(Request r, HttpResponse<Object> either) {
        @SuppressWarnings("unchecked")
        Flow.Publisher<List<ByteBuffer>> open = (Flow.Publisher<List<ByteBuffer>>) either.body();
        return new Response(r, either.statusCode(), Decoded.ofPublisher(open, decoder.requestId(either.headers())),
                -1);
    }

    private HttpRequest build(Request r) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri(r.path()))
                .timeout(r.headerTimeout() != null ? r.headerTimeout() : requestTimeout)
                .header("User-Agent", userAgent)
                .header("Accept", r.expects().isStreamed() ? "text/event-stream" : "application/json")
                .header("X-Skill-Source", attribution.source())
                .header("X-Skill-Version", attribution.version())
                .header("X-Skill-Platform", attribution.platform());
        String[] headers = r.headers();
        for (int i = 0; i < headers.length; i += 2) {
            rb.header(headers[i], headers[i + 1]);
        }
        RequestBody body = r.body();
        if (body.contentType() != null) {
            rb.header("Content-Type", body.contentType());
        }
        return rb.method(r.method(), body.publisher()).build();
    }

    /** The URI of a path, parsed once for the paths a client uses most (the first {@value #URIS} it sees). */
    private URI uri(String path) {
        URI u = uris.get(path);
        if (u == null) {
            u = URI.create(base + path);
            if (uris.size() < URIS) {
                uris.put(path, u);
            }
        }
        return u;
    }

    private static final int URIS = 256;
    private final java.util.concurrent.ConcurrentHashMap<String, URI> uris = new java.util.concurrent.ConcurrentHashMap<>();

    private Response decode(Request r, int status, HttpHeaders headers, byte[] body) {
        try {
            return new Response(r, status, decoder.decode(status, headers, body, r.sessionId()), body.length);
        } catch (NemoApiException e) {
            throw r.refusal(e);
        }
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static String contentType(HttpHeaders headers) {
        return headers.firstValue("content-type").orElse("");
    }

    /** A body handler giving a publisher for an accepted stream and an input stream for anything else. */
    private static HttpResponse.BodySubscriber<Object> publisherWhenAccepted(HttpResponse.ResponseInfo info,
            ResponseKind kind) {
        if (isSuccess(info.statusCode()) && kind.accepts(contentType(info.headers()))) {
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofPublisher(), p -> p);
        }
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), in -> in);
    }
}
