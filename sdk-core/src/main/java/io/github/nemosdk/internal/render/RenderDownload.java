package io.github.nemosdk.internal.render;

import io.github.nemosdk.errors.DownloadFailedException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoInterruptedException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.internal.SdkInfo;
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
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(out, "out");
        DefaultRenderClient.renderId(job.id());
        if (job.status() != RenderStatus.COMPLETED) {
            throw new IllegalArgumentException("Render " + job.id() + " is " + job.status()
                    + "; wait for it with awaitCompletion(...) before downloading.");
        }
        if (transport.isClosed()) { // before any file is made or byte sent
            throw new io.github.nemosdk.errors.ClientClosedException("the download of render " + job.id());
        }
        Path target = out.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(out + " is a directory; give the path of the MP4 file to write.");
        }
        Path dir = target.getParent();
        Path tmp;
        try {
            Files.createDirectories(dir);
            // createFile (not createTempFile) so the video gets the usual permissions, not owner-only
            tmp = Files.createFile(dir.resolve("." + target.getFileName() + "." + Long.toHexString(
                    RANDOM.nextLong()) + ".part"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + dir, e);
        }
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
                    if (first != null) {
                        e.addSuppressed(first);
                    }
                    throw new DownloadFailedException("Could not download render " + job.id() + ": "
                            + e.getMessage() + " Nothing was written to " + out + "; the render is complete, so"
                            + " downloading again may work.", e);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the download into " + out, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private void fetchDirect(URI url, Path tmp, String id) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new NemoProtocolException("The output URL of render " + id + " is not http(s).", null);
        }
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(transport.config().requestTimeout)
                .header("User-Agent", SdkInfo.userAgent()).build();
        HttpResponse<InputStream> response;
        try {
            // read through OrderedBody: the JDK's ofInputStream() ignores an interrupt of the reading thread
            response = OrderedBody.wrap(transport.exchange().exchange(request,
                    HttpResponse.BodyHandlers.ofPublisher()));
        } catch (HttpTimeoutException e) {
            throw new NemoTimeoutException("The output URL did not answer within requestTimeout.", e);
        } catch (ConnectException e) {
            throw new NemoTransportException("Could not connect to the output URL's host.", e);
        } catch (IOException e) {
            throw new NemoTransportException("The output URL's connection failed (" + e.getClass().getSimpleName()
                    + ").", e);
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
