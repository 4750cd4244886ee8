package io.github.nemosdk.internal.render;

import io.github.nemosdk.errors.DownloadFailedException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoInterruptedException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.internal.SdkInfo;
import io.github.nemosdk.internal.http.Cancellation;
import io.github.nemosdk.internal.http.Futures;
import io.github.nemosdk.internal.http.OrderedBody;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.ResponseKind;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Downloads of finished renders: the output URL first (it is public and short-lived; no token is sent there), the
 * authenticated download endpoint as the fallback, always through a hidden part file moved into place whole.
 */
final class RenderDownload {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transport transport;

    RenderDownload(Transport transport) {
        this.transport = transport;
    }

    /**
     * Downloads a completed render to a file, atomically: from its output URL (no token sent there), or else from
     * the authenticated download endpoint.
     *
     * @param job the completed job
     * @param out the file to write
     * @return the file
     */
    Path download(RenderJob job, Path out) {
        Path[] files = prepare(job, out);
        Path target = files[0];
        Path tmp = files[1];
        try {
            NemoException first = null;
            boolean done = false;
            if (job.outputUrl().isPresent()) {
                try {
                    fetchDirect(job.outputUrl().get(), tmp, job.id());
                    done = true;
                } catch (NemoInterruptedException | io.github.nemosdk.errors.ClientClosedException e) {
                    throw e; // the caller wants to stop, not to try the other source
                } catch (NemoException e) {
                    first = e;
                    LOG.log(System.Logger.Level.INFO, "The output URL of render " + job.id() + " failed ("
                            + e.getMessage() + "); using the download endpoint");
                }
            }
            if (!done) {
                try {
                    fetchFallback(job.id(), tmp);
                } catch (NemoInterruptedException | io.github.nemosdk.errors.ClientClosedException e) {
                    throw e;
                } catch (NemoException e) {
                    throw failed(job, out, e, first);
                }
            }
            // under the cancellation of an asynchronous call running this: a cancel that returned true leaves no file
            if (!Cancellation.current().commit(() -> place(tmp, target, out))) {
                throw new java.util.concurrent.CancellationException("the download of render " + job.id()
                        + " was cancelled");
            }
            return out;
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * {@link #download} without a thread waiting for the body: the output URL, else the download endpoint, each
     * written by the HTTP client's threads to the part file, moved into place unless the call was cancelled first.
     * Whatever way the call ends, the part file is removed.
     *
     * @param job    the completed job
     * @param out    the file to write
     * @param cancel the call's cancellation
     * @return the file
     */
    java.util.concurrent.CompletableFuture<Path> downloadAsync(RenderJob job, Path out, Cancellation cancel) {
        Path[] files = prepare(job, out);
        Path target = files[0];
        Path tmp = files[1];
        java.util.concurrent.CompletableFuture<Void> fetched;
        if (job.outputUrl().isPresent()) {
            fetched = Futures.recover(Futures.attempt(() -> fetchDirectAsync(job.outputUrl().get(), tmp, job.id(),
                    cancel)), first -> {
                        if (stops(first)) {
                            return Futures.failed(first); // cancelled or closed: no other source is tried
                        }
                        LOG.log(System.Logger.Level.INFO, "The output URL of render " + job.id() + " failed ("
                                + first.getMessage() + "); using the download endpoint");
                        return Futures.mapFailure(fetchFallbackAsync(job.id(), tmp, cancel),
                                f -> failedUnlessStopped(job, out, f, (NemoException) first));
                    });
        } else {
            fetched = Futures.mapFailure(fetchFallbackAsync(job.id(), tmp, cancel),
                    f -> failedUnlessStopped(job, out, f, null));
        }
        return Futures.observe(Futures.map(fetched, v -> {
            if (!cancel.commit(() -> place(tmp, target, out))) {
                throw new java.util.concurrent.CancellationException("the download of render " + job.id()
                        + " was cancelled");
            }
            return out;
        }), (p, e) -> deleteQuietly(tmp));
    }

    /**
     * Checks a download's arguments, before anything is made or sent.
     *
     * @throws IllegalArgumentException for a job that is not complete or a directory as the target
     */
    static void check(RenderJob job, Path out) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(out, "out");
        DefaultRenderClient.renderId(job.id());
        if (job.status() != RenderStatus.COMPLETED) {
            throw new IllegalArgumentException("Render " + job.id() + " is " + job.status()
                    + "; wait for it with awaitCompletion(...) before downloading.");
        }
        if (Files.isDirectory(out.toAbsolutePath())) {
            throw new IllegalArgumentException(out + " is a directory; give the path of the MP4 file to write.");
        }
    }

    /** Checks a download's arguments and makes its part file beside the target: {target, part file}. */
    private Path[] prepare(RenderJob job, Path out) {
        check(job, out);
        if (transport.isClosed()) { // before any file is made or byte sent
            throw new io.github.nemosdk.errors.ClientClosedException("the download of render " + job.id());
        }
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            // createFile (not createTempFile) so the video gets the usual permissions, not owner-only
            return new Path[] {target, Files.createFile(dir.resolve("." + target.getFileName() + "."
                    + Long.toHexString(RANDOM.nextLong()) + ".part"))};
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + dir, e);
        }
    }

    private static void place(Path tmp, Path target, Path out) {
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the download into " + out, e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static DownloadFailedException failed(RenderJob job, Path out, NemoException e, NemoException first) {
        if (first != null) {
            e.addSuppressed(first);
        }
        return new DownloadFailedException("Could not download render " + job.id() + ": " + e.getMessage()
                + " Nothing was written to " + out + "; the render is complete, so downloading again may work.", e);
    }

    /** Whether a failure means the caller wants to stop (a cancel, an interrupt, a closed client). */
    private static boolean stops(Throwable e) {
        return !(e instanceof NemoException) || e instanceof NemoInterruptedException
                || e instanceof io.github.nemosdk.errors.ClientClosedException;
    }

    private static Throwable failedUnlessStopped(RenderJob job, Path out, Throwable e, NemoException first) {
        return stops(e) ? e : failed(job, out, (NemoException) e, first);
    }

    private java.util.concurrent.CompletableFuture<Void> fetchDirectAsync(URI url, Path tmp, String id,
            Cancellation cancel) {
        HttpRequest request = directRequest(url, id);
        Writer writer = new Writer(tmp, id);
        HttpResponse.BodyHandler<Long> handler = info -> info.statusCode() != 200
                ? HttpResponse.BodySubscribers.replacing(null) : writer.subscriber(info);
        return Futures.mapFailure(Futures.map(transport.exchange().exchangeAsync(request, handler, cancel),
                response -> {
                    if (response.statusCode() != 200) {
                        throw new NemoTransportException("The output URL answered HTTP " + response.statusCode()
                                + ".", null);
                    }
                    return null;
                }), e -> {
                    writer.end();
                    if (e instanceof IOException && e.getCause() instanceof NemoException) {
                        return e.getCause(); // what the file subscriber failed with
                    }
                    return e instanceof IOException ? directFailure((IOException) e) : e;
                });
    }

    private java.util.concurrent.CompletableFuture<Void> fetchFallbackAsync(String id, Path tmp, Cancellation cancel) {
        Writer writer = new Writer(tmp, id);
        return Futures.mapFailure(transport.executeAsync(Request.get("render-download", "/api/render/proxy/" + id
                + "/download")
                .expects(ResponseKind.mediaFile(writer::subscriber))
                .build(), cancel, r -> {
                    if (!writer.began()) {
                        throw new NemoProtocolException("The download endpoint answered JSON instead of the MP4.",
                                null);
                    }
                    return null;
                }), e -> {
                    writer.end();
                    return e;
                });
    }

    /**
     * Makes the file subscribers of one download's attempts, and ends the last one when the download ends
     * otherwise (cancelled, closed, failed): whichever of the two comes second ends it, so a body that arrives after
     * the end never opens the part file again.
     */
    private final class Writer {
        private final Path tmp;
        private final String id;
        private final java.util.concurrent.atomic.AtomicReference<FileBody> current =
                new java.util.concurrent.atomic.AtomicReference<>();
        private volatile boolean ended;

        Writer(Path tmp, String id) {
            this.tmp = tmp;
            this.id = id;
        }

        HttpResponse.BodySubscriber<Long> subscriber(HttpResponse.ResponseInfo info) {
            FileBody b = FileBody.of(info, tmp, transport.config().requestTimeout, transport.scheduler(),
                    transport.config().ticker, "render " + id);
            current.set(b);
            if (ended) {
                b.abandon();
            }
            return b;
        }

        boolean began() {
            return current.get() != null;
        }

        void end() {
            ended = true;
            FileBody b = current.get();
            if (b != null) {
                b.abandon();
            }
        }
    }

    private HttpRequest directRequest(URI url, String id) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new NemoProtocolException("The output URL of render " + id + " is not http(s).", null);
        }
        return HttpRequest.newBuilder(url).GET().timeout(transport.config().requestTimeout)
                .header("User-Agent", SdkInfo.userAgent()).build();
    }

    private static NemoException directFailure(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return new NemoTimeoutException("The output URL did not answer within requestTimeout.", e);
        }
        if (e instanceof ConnectException) {
            return new NemoTransportException("Could not connect to the output URL's host.", e);
        }
        return new NemoTransportException("The output URL's connection failed (" + e.getClass().getSimpleName()
                + ").", e);
    }

    private void fetchDirect(URI url, Path tmp, String id) {
        HttpRequest request = directRequest(url, id);
        HttpResponse<InputStream> response;
        try {
            // read through OrderedBody: the JDK's ofInputStream() ignores an interrupt of the reading thread
            response = OrderedBody.wrap(transport.exchange().exchange(request,
                    HttpResponse.BodyHandlers.ofPublisher()));
        } catch (IOException e) {
            throw directFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NemoInterruptedException(e);
        }
        if (response.statusCode() != 200) {
            try {
                response.body().close();
            } catch (IOException ignored) {
                // nothing to read
            }
            throw new NemoTransportException("The output URL answered HTTP " + response.statusCode() + ".", null);
        }
        Download.copy(response, tmp, transport.config().requestTimeout, transport.scheduler(),
                transport.config().ticker, transport.live(), "render " + id);
    }

    private void fetchFallback(String id, Path tmp) {
        boolean[] written = new boolean[1];
        transport.execute(Request.get("render-download", "/api/render/proxy/" + id + "/download")
                .expects(ResponseKind.media(media -> {
                    Download.copy(media, tmp, transport.config().requestTimeout, transport.scheduler(),
                            transport.config().ticker, transport.live(), "render " + id);
                    written[0] = true;
                }))
                .build(), r -> {
                    if (!written[0]) {
                        throw new NemoProtocolException("The download endpoint answered JSON instead of the MP4.",
                                null);
                    }
                    return null;
                });
    }
}
