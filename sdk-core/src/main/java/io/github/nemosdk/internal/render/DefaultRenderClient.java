package io.github.nemosdk.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.errors.DraftNotReadyException;
import io.github.nemosdk.errors.ExportBlockedException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.RenderFailedException;
import io.github.nemosdk.errors.RenderTimeoutException;
import io.github.nemosdk.internal.DefaultStateClient;
import io.github.nemosdk.internal.Ids;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.RequestBody;
import io.github.nemosdk.internal.http.RetrySafety;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.internal.uploads.SessionMedia;
import io.github.nemosdk.render.ExportResult;
import io.github.nemosdk.render.RenderClient;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.render.RenderProgressListener;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.render.RenderStatus;
import io.github.nemosdk.state.Draft;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** {@link RenderClient} over the transport. */
public final class DefaultRenderClient implements RenderClient {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transport transport;
    private final RenderSettings settings;
    private final SessionMedia media;
    private final RenderDownload downloads;

    /**
     * Creates the client.
     *
     * @param transport the transport
     * @param settings  poll interval and timeout of exports
     * @param media     the CDN URLs of uploaded files, for sandbox paths in drafts
     */
    public DefaultRenderClient(Transport transport, RenderSettings settings, SessionMedia media) {
        this.transport = transport;
        this.settings = settings;
        this.media = media;
        this.downloads = new RenderDownload(transport);
    }

    /**
     * A fresh, unique render id.
     *
     * @return {@code render_<epoch ms>_<random>}
     */
    static String newRenderId() {
        StringBuilder sb = new StringBuilder("render_").append(System.currentTimeMillis()).append('_');
        for (int i = 0; i < 12; i++) {
            sb.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return sb.toString();
    }

    static String renderId(String id) {
        return Ids.check("render id", id, "Use the id() of a RenderJob from client.render().start(...).");
    }

    @Override
    public RenderJob start(String sessionId, Draft draft) {
        return start(sessionId, draft, RenderOptions.defaults());
    }

    @Override
    public RenderJob start(String sessionId, Draft draft, RenderOptions options) {
        Ids.sessionId(sessionId);
        return start(sessionId, draft, options, List.of());
    }

    /**
     * Starts a render of the draft, its sandbox-local media paths replaced with the CDN URLs of the session's
     * uploaded files (known from this client's uploads and from {@code videoInfos}).
     */
    private RenderJob start(String sessionId, Draft draft, RenderOptions options, List<JsonNode> videoInfos) {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(options, "options");
        if (!draft.isReadyForExport()) {
            throw new DraftNotReadyException(sessionId, draft.summary());
        }
        String id = newRenderId();
        String sid = transport.resolveSession(sessionId);
        byte[] bytes = RenderStartBody.of(id, sid, draft, options, media.urls(sid, videoInfos));
        try {
            // the id makes a repeated start harmless, so it may be retried like a read
            return transport.execute(Request.post("render-start", "/api/render/proxy/lambda")
                    .session(sid, s -> "/api/render/proxy/lambda", false)
                    .body(RequestBody.json(bytes))
                    .safety(IN_TRANSIT)
                    .refusals(this::exportRefusal)
                    .build(), r -> RenderJobReader.parse(r, id, transport.secrets()));
        } catch (NemoApiException e) {
            if (e.httpStatus() == 409) {
                // a retried start whose first attempt went through finds its own job
                try {
                    return get(id);
                } catch (NemoException ignored) {
                    throw new RenderFailedException(id, "The render could not start: the service says the id "
                            + id + " is already in use (" + e.serverMessage().orElse("HTTP 409") + "). Start again;"
                            + " a new id is used each time.");
                }
            }
            throw e;
        }
    }

    /**
     * Whether a status means the start or poll failed in transit and is repeated with the same id: 408 and the 5xx
     * statuses (429 has its own policy). 400 and 401 never are.
     */
    private static final RetrySafety IN_TRANSIT = RetrySafety.idempotent(DefaultRenderClient::inTransit);

    private static boolean inTransit(int status) {
        // 501 and 505 say the request can never work
        return status == 408 || (status >= 500 && status <= 599 && status != 501 && status != 505);
    }

    /**
     * For an anonymous token, a bare 401 or 403 on starting a render is the service refusing the export itself, not
     * an expired token (that is code 1001): anonymous tokens have no {@code render} scope. It becomes an
     * {@link ExportBlockedException} telling the user to register, which no policy retries, so no new anonymous
     * token is spent on it. Any other token's 401 is a rejected token, as everywhere.
     */
    private NemoApiException exportRefusal(NemoApiException e) {
        java.net.URI register = transport.registrationLink();
        if (register != null && (e.httpStatus() == 401 || e.httpStatus() == 403) && !e.apiCode().isPresent()) {
            return new ExportBlockedException(register, e.httpStatus(), null, e.serverMessage().orElse(null),
                    e.requestId().orElse(null));
        }
        return e;
    }

    @Override
    public RenderJob get(String renderId) {
        renderId(renderId);
        return transport.execute(Request.get("render-poll", "/api/render/proxy/lambda/" + renderId)
                .safety(IN_TRANSIT)
                .build(), r -> RenderJobReader.parse(r, renderId, transport.secrets()));
    }

    @Override
    public boolean cancel(String renderId) {
        renderId(renderId);
        try {
            return transport.execute(Request.post("render-cancel", "/api/render/proxy/lambda/" + renderId + "/cancel")
                    .safety(IN_TRANSIT)
                    .build(), r -> Boolean.TRUE);
        } catch (NemoApiException e) {
            if (e.httpStatus() == 409) {
                LOG.log(System.Logger.Level.INFO, "Render " + renderId + " could not be cancelled: it is already"
                        + " rendering or finished (" + e.serverMessage().orElse("HTTP 409") + ")");
                return false;
            }
            throw e;
        }
    }


    @Override
    public RenderJob awaitCompletion(String renderId, Duration timeout) {
        return awaitCompletion(renderId, timeout, job -> { });
    }

    @Override
    public RenderJob awaitCompletion(String renderId, Duration timeout, RenderProgressListener listener) {
        renderId(renderId);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(listener, "listener");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be more than zero, got " + timeout);
        }
        Instant deadline = transport.config().clock.instant().plus(timeout);
        RenderJob job = null;
        for (int reads = 1; ; reads++) {
            try {
                job = get(renderId);
            } catch (NemoTransportException | NemoTimeoutException | io.github.nemosdk.errors.ServerErrorException
                    | io.github.nemosdk.errors.RateLimitedException e) {
                // the poll's own retries are spent; the render goes on regardless: poll again until the deadline
                if (!transport.config().clock.instant().isBefore(deadline)) {
                    throw new RenderTimeoutException(renderId, "Render " + renderId + " could not be read before"
                            + " its deadline of " + timeout.getSeconds() + " s (" + e.getMessage() + "). Check it"
                            + " later with client.render().get(id).", e);
                }
                LOG.log(System.Logger.Level.INFO, "Polling render " + renderId + " failed (" + e.getMessage()
                        + "); polling again");
                transport.sleep(shorter(settings.pollIntervalAfter(reads), deadline));
                continue;
            }
            RenderJob seen = job;
            Listeners.tell("render progress", () -> listener.onProgress(seen));
            Listeners.tell("render progress", () -> transport.config().listener.onRenderProgress(seen));
            if (job.status() == RenderStatus.COMPLETED) {
                return job;
            }
            if (job.status() == RenderStatus.FAILED || job.status() == RenderStatus.CANCELLED) {
                throw new RenderFailedException(renderId, "Render " + renderId + " "
                        + (job.status() == RenderStatus.FAILED ? "failed" : "was cancelled")
                        + job.error().map(e -> ": " + e).orElse("") + ".");
            }
            Duration left = Duration.between(transport.config().clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new RenderTimeoutException(renderId, "Render " + renderId + " had not completed after "
                        + timeout.getSeconds() + " s (status " + job.status().name().toLowerCase(java.util.Locale.ROOT)
                        + ", " + job.progress() + "%). Wait longer with a larger timeout (RenderSettings), or check"
                        + " it later with client.render().get(id).");
            }
            transport.sleep(shorter(settings.pollIntervalAfter(reads), deadline));
        }
    }

    /** The wait, or what is left until the deadline when that is shorter. */
    private Duration shorter(Duration wait, Instant deadline) {
        Duration left = Duration.between(transport.config().clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left.compareTo(wait) < 0 ? left : wait;
    }

    @Override
    public Path download(RenderJob job, Path out) {
        return downloads.download(job, out);
    }

    @Override
    public ExportResult export(String sessionId, Path out) {
        return export(sessionId, out, RenderOptions.defaults(), job -> { });
    }

    @Override
    public ExportResult export(String sessionId, Path out, RenderOptions options, RenderProgressListener listener) {
        Ids.sessionId(sessionId);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a directory; give the path of the MP4 file to write.");
        }
        io.github.nemosdk.state.SessionState state = new DefaultStateClient(transport, sessionId).latest();
        Draft draft = state.draft();
        String sid = transport.resolveSession(sessionId);
        if (!draft.isReadyForExport()) {
            throw new DraftNotReadyException(sid, draft.summary());
        }
        RenderJob done = null;
        int renders = 0;
        // one total deadline for the export, the retried render included
        Instant deadline = transport.config().clock.instant().plus(settings.timeout());
        while (done == null) {
            renders++;
            RenderJob job = null;
            try {
                job = start(sid, draft, options, state.videoInfos());
                Duration left = Duration.between(transport.config().clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw new RenderTimeoutException(job.id(), "The export of session " + sid + " ran out of its "
                            + settings.timeout().getSeconds() + " s (RenderSettings.timeout) before render "
                            + job.id() + " could be awaited.");
                }
                done = awaitCompletion(job.id(), left, listener);
            } catch (RenderFailedException e) {
                if (renders >= 2) {
                    throw e;
                }
                LOG.log(System.Logger.Level.INFO, e.getMessage() + " Retrying once with a new render id.");
            } catch (RuntimeException e) {
                cancelQuietly(job); // a render nobody waits for any more is not left running
                throw e;
            }
        }
        Path file = download(done, out);
        return ExportResult.of(sid, done, file, renders);
    }

    private void cancelQuietly(RenderJob job) {
        if (job == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            if (cancel(job.id())) {
                LOG.log(System.Logger.Level.INFO, "Cancelled render " + job.id());
            }
        } catch (NemoException e) {
            LOG.log(System.Logger.Level.INFO, "Could not cancel render " + job.id() + ": " + e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "RenderClient{" + settings + "}";
    }
}
