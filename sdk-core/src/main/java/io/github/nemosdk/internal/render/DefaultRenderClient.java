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
import io.github.nemosdk.internal.http.Call;
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
        String id = newRenderId();
        Call<RenderJob> start = startCall(sessionId, draft, options, videoInfos, id);
        try {
            return transport.execute(start);
        } catch (NemoApiException e) {
            if (e.httpStatus() == 409) {
                // a retried start whose first attempt went through finds its own job
                try {
                    return get(id);
                } catch (NemoApiException refused) {
                    throw noJob(refused) ? idInUse(id, e) : refused;
                }
            }
            throw e;
        }
    }

    /**
     * The start of a render, checked; the id makes a repeated start harmless, so it may be retried like a read.
     * A 409 answer means the id is taken, by the first attempt of a start that was retried, or else by chance.
     */
    Call<RenderJob> startCall(String sessionId, Draft draft, RenderOptions options, List<JsonNode> videoInfos,
            String id) {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(options, "options");
        if (!draft.isReadyForExport()) {
            throw new DraftNotReadyException(sessionId, draft.summary());
        }
        String sid = transport.resolveSession(sessionId);
        byte[] bytes = RenderStartBody.of(id, sid, draft, options, media.urls(sid, videoInfos));
        return Call.of(Request.post("render-start", "/api/render/proxy/lambda")
                .session(sid, s -> "/api/render/proxy/lambda", false)
                .body(RequestBody.json(bytes))
                .safety(IN_TRANSIT)
                .refusals(this::exportRefusal)
                .build(), r -> RenderJobReader.parse(r, id, transport.secrets()));
    }

    /**
     * Whether the read of a render started with an id that the service said was taken (409) says the id leads to no
     * job of this user (not found, gone, forbidden): it is another's. A read that fails otherwise (after its
     * retries: a server error, rate limit, network failure, a closed client) is reported as it is, since the job
     * may exist and starting again would render twice.
     */
    static boolean noJob(Throwable readFailure) {
        if (!(readFailure instanceof NemoApiException)) {
            return false;
        }
        int status = ((NemoApiException) readFailure).httpStatus();
        return status == 404 || status == 410 || status == 403;
    }

    /** A start refused with 409 whose id does not lead to a job. */
    static RenderFailedException idInUse(String id, NemoApiException e) {
        return new RenderFailedException(id, "The render could not start: the service says the id " + id
                + " is already in use (" + e.serverMessage().orElse("HTTP 409") + "). Start again; a new id is used"
                + " each time.");
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
        return transport.execute(getCall(renderId));
    }

    /** The read of a render's status, checked. */
    Call<RenderJob> getCall(String renderId) {
        renderId(renderId);
        return Call.of(Request.get("render-poll", "/api/render/proxy/lambda/" + renderId)
                .safety(IN_TRANSIT)
                .build(), r -> RenderJobReader.parse(r, renderId, transport.secrets()));
    }

    @Override
    public boolean cancel(String renderId) {
        try {
            return transport.execute(cancelCall(renderId));
        } catch (NemoApiException e) {
            if (tooLateToCancel(renderId, e)) {
                return false;
            }
            throw e;
        }
    }

    /** The cancel of a render, checked. */
    static Call<Boolean> cancelCall(String renderId) {
        renderId(renderId);
        return Call.of(Request.post("render-cancel", "/api/render/proxy/lambda/" + renderId + "/cancel")
                .safety(IN_TRANSIT)
                .build(), r -> Boolean.TRUE);
    }

    /** Whether a cancel's refusal says the render is already rendering or finished (409); logged when it does. */
    static boolean tooLateToCancel(String renderId, NemoApiException e) {
        if (e.httpStatus() != 409) {
            return false;
        }
        LOG.log(System.Logger.Level.INFO, "Render " + renderId + " could not be cancelled: it is already rendering"
                + " or finished (" + e.serverMessage().orElse("HTTP 409") + ")");
        return true;
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
        RenderWatch watch = watch(renderId, timeout, listener);
        while (true) {
            RenderJob job;
            try {
                job = get(renderId);
            } catch (NemoException e) {
                if (!RenderWatch.pollAgainAfter(e)) {
                    throw e;
                }
                transport.sleep(watch.afterFailedPoll(e));
                continue;
            }
            RenderJob done = watch.afterPoll(job);
            if (done != null) {
                return done;
            }
            transport.sleep(watch.nextWait());
        }
    }

    /** The rules of one wait for a render. */
    RenderWatch watch(String renderId, Duration timeout, RenderProgressListener listener) {
        return new RenderWatch(renderId, timeout, transport.config().clock, settings, listener,
                transport.config().listener);
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
        checkExport(sessionId, out, options, listener);
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

    /** Checks an export's arguments, before anything is sent. */
    static void checkExport(String sessionId, Path out, RenderOptions options, RenderProgressListener listener) {
        Ids.sessionId(sessionId);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a directory; give the path of the MP4 file to write.");
        }
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
