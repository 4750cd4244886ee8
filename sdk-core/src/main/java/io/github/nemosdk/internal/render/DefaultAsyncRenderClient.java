package io.github.nemosdk.internal.render;

import io.github.nemosdk.async.AsyncRenderClient;
import io.github.nemosdk.errors.DraftNotReadyException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.RenderFailedException;
import io.github.nemosdk.errors.RenderTimeoutException;
import io.github.nemosdk.internal.DefaultStateClient;
import io.github.nemosdk.internal.Ids;
import io.github.nemosdk.internal.http.AsyncCall;
import io.github.nemosdk.internal.http.Call;
import io.github.nemosdk.internal.http.Cancellation;
import io.github.nemosdk.internal.http.Futures;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.render.ExportResult;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.render.RenderProgressListener;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.state.Draft;
import io.github.nemosdk.state.SessionState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@link AsyncRenderClient}: the blocking client's calls and rules ({@link DefaultRenderClient},
 * {@link RenderWatch}, {@link RenderDownload}), run as chained futures. Polls wait on the client's timer.
 */
public final class DefaultAsyncRenderClient implements AsyncRenderClient {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private final DefaultRenderClient render;
    private final Transport transport;
    private final RenderSettings settings;
    private final RenderDownload downloads;
    private final java.util.concurrent.Executor executor;

    /**
     * Creates the client.
     *
     * @param render    the blocking client, whose calls this one sends
     * @param transport its transport
     * @param settings  poll interval and timeout of exports
     * @param executor  completes the futures
     */
    public DefaultAsyncRenderClient(DefaultRenderClient render, Transport transport, RenderSettings settings,
            java.util.concurrent.Executor executor) {
        this.executor = executor;
        this.render = render;
        this.transport = transport;
        this.settings = settings;
        this.downloads = new RenderDownload(transport);
    }

    @Override
    public CompletableFuture<RenderJob> start(String sessionId, Draft draft) {
        return start(sessionId, draft, RenderOptions.defaults());
    }

    @Override
    public CompletableFuture<RenderJob> start(String sessionId, Draft draft, RenderOptions options) {
        Ids.sessionId(sessionId);
        String id = DefaultRenderClient.newRenderId();
        Call<RenderJob> call = render.startCall(sessionId, draft, options, List.of(), id);
        return AsyncCall.start(transport, executor, "the start of render " + id, cancel -> start(call, id, cancel));
    }

    /** Sends a start; a 409 is the id taken, by an earlier attempt of this start (its job is read) or else. */
    private CompletableFuture<RenderJob> start(Call<RenderJob> call, String id, Cancellation cancel) {
        return Futures.recover(transport.executeAsync(call, cancel), t -> {
            if (!(t instanceof NemoApiException) || ((NemoApiException) t).httpStatus() != 409) {
                return Futures.failed(t);
            }
            // a retried start whose first attempt went through finds its own job
            return Futures.mapFailure(transport.executeAsync(render.getCall(id), cancel), t2 ->
                    DefaultRenderClient.noJob(t2) ? DefaultRenderClient.idInUse(id, (NemoApiException) t) : t2);
        });
    }

    @Override
    public CompletableFuture<RenderJob> get(String renderId) {
        Call<RenderJob> call = render.getCall(renderId);
        return AsyncCall.start(transport, executor, "the read of render " + renderId,
                cancel -> transport.executeAsync(call, cancel));
    }

    @Override
    public CompletableFuture<Boolean> cancel(String renderId) {
        Call<Boolean> call = DefaultRenderClient.cancelCall(renderId);
        return AsyncCall.start(transport, executor, "the cancel of render " + renderId,
                cancel -> cancelRender(call, renderId, cancel));
    }

    private CompletableFuture<Boolean> cancelRender(Call<Boolean> call, String renderId, Cancellation cancel) {
        return Futures.recover(transport.executeAsync(call, cancel), t -> t instanceof NemoApiException
                && DefaultRenderClient.tooLateToCancel(renderId, (NemoApiException) t)
                        ? CompletableFuture.completedFuture(false) : Futures.failed(t));
    }

    @Override
    public CompletableFuture<RenderJob> awaitCompletion(String renderId, Duration timeout) {
        return awaitCompletion(renderId, timeout, job -> { });
    }

    @Override
    public CompletableFuture<RenderJob> awaitCompletion(String renderId, Duration timeout,
            RenderProgressListener listener) {
        DefaultRenderClient.renderId(renderId);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(listener, "listener");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be more than zero, got " + timeout);
        }
        return AsyncCall.start(transport, executor, "the wait for render " + renderId, cancel -> poll(renderId,
                render.watch(renderId, timeout, listener), cancel));
    }

    /** Polls until the job completes, fails or times out, each poll after the wait the rules give. */
    private CompletableFuture<RenderJob> poll(String renderId, RenderWatch watch, Cancellation cancel) {
        CompletableFuture<RenderJob> out = new CompletableFuture<>();
        poll(renderId, watch, cancel, out);
        return out;
    }

    /** One poll; the next is started from the timer's callback, so a long wait adds no depth to any stack. */
    private void poll(String renderId, RenderWatch watch, Cancellation cancel, CompletableFuture<RenderJob> out) {
        transport.executeAsync(render.getCall(renderId), cancel).whenComplete((job, e) -> {
            try {
                Duration wait;
                if (e != null) {
                    Throwable t = Futures.unwrap(e);
                    if (!RenderWatch.pollAgainAfter(t)) {
                        out.completeExceptionally(t);
                        return;
                    }
                    wait = watch.afterFailedPoll((NemoException) t);
                } else {
                    RenderJob done = watch.afterPoll(job);
                    if (done != null) {
                        out.complete(done);
                        return;
                    }
                    wait = watch.nextWait();
                }
                transport.timer().after(wait, cancel).whenComplete((v, waitFailed) -> {
                    if (waitFailed != null) {
                        out.completeExceptionally(Futures.unwrap(waitFailed));
                    } else {
                        poll(renderId, watch, cancel, out);
                    }
                });
            } catch (RuntimeException x) {
                out.completeExceptionally(x);
            }
        });
    }

    @Override
    public CompletableFuture<Path> download(RenderJob job, Path out) {
        RenderDownload.check(job, out);
        return AsyncCall.start(transport, executor, "the download of render " + job.id(),
                cancel -> downloads.downloadAsync(job, out, cancel));
    }

    @Override
    public CompletableFuture<ExportResult> export(String sessionId, Path out) {
        return export(sessionId, out, RenderOptions.defaults(), job -> { });
    }

    @Override
    public CompletableFuture<ExportResult> export(String sessionId, Path out, RenderOptions options,
            RenderProgressListener listener) {
        DefaultRenderClient.checkExport(sessionId, out, options, listener);
        Call<SessionState> state = new DefaultStateClient(transport, sessionId).latestCall();
        return AsyncCall.start(transport, executor, "the export of session " + sessionId, cancel -> Futures.then(
                transport.executeAsync(state, cancel), s -> {
                    Draft draft = s.draft();
                    String sid = transport.resolveSession(sessionId);
                    if (!draft.isReadyForExport()) {
                        throw new DraftNotReadyException(sid, draft.summary());
                    }
                    // one total deadline for the export, the retried render included
                    Instant deadline = transport.config().clock.instant().plus(settings.timeout());
                    Export export = new Export(sid, draft, options, s, listener, deadline, cancel);
                    return Futures.then(export.render(1), done -> Futures.map(downloads.downloadAsync(done, out,
                            cancel), file -> ExportResult.of(sid, done, file, export.renders)));
                }));
    }

    /** One export's renders: a render that fails is tried once more with a new id; one that is left is cancelled. */
    private final class Export {
        private final String sid;
        private final Draft draft;
        private final RenderOptions options;
        private final SessionState state;
        private final RenderProgressListener listener;
        private final Instant deadline;
        private final Cancellation cancel;
        private int renders;

        Export(String sid, Draft draft, RenderOptions options, SessionState state, RenderProgressListener listener,
                Instant deadline, Cancellation cancel) {
            this.sid = sid;
            this.draft = draft;
            this.options = options;
            this.state = state;
            this.listener = listener;
            this.deadline = deadline;
            this.cancel = cancel;
        }

        CompletableFuture<RenderJob> render(int attempt) {
            renders = attempt;
            String id = DefaultRenderClient.newRenderId();
            Call<RenderJob> call = render.startCall(sid, draft, options, state.videoInfos(), id);
            if (cancel.isCancelled()) {
                return Futures.failed(new java.util.concurrent.CancellationException("the export was cancelled"));
            }
            // from the moment the start is sent, a cancel of the export cancels this render on the service (an id
            // the service never saw is answered 404, nothing more)
            java.util.concurrent.atomic.AtomicReference<RenderJob> started =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Cancellation.Hook hook = cancel.onCancel(() -> cancelQuietly(id));
            CompletableFuture<RenderJob> awaited = Futures.then(start(call, id, cancel), job -> {
                started.set(job);
                Duration left = Duration.between(transport.config().clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw new RenderTimeoutException(job.id(), "The export of session " + sid + " ran out of its "
                            + settings.timeout().getSeconds() + " s (RenderSettings.timeout) before render "
                            + job.id() + " could be awaited.");
                }
                return poll(job.id(), render.watch(job.id(), left, listener), cancel);
            });
            return Futures.recover(Futures.observe(awaited, (job, e) -> hook.remove()), t -> {
                if (cancel.isCancelled()) {
                    return Futures.failed(t); // the hook has cancelled the render
                }
                if (t instanceof RenderFailedException && attempt < 2) {
                    LOG.log(System.Logger.Level.INFO, t.getMessage() + " Retrying once with a new render id.");
                    return render(attempt + 1);
                }
                if (started.get() != null && !(t instanceof RenderFailedException)) {
                    cancelQuietly(id); // a render nobody waits for any more is not left running
                }
                return Futures.failed(t);
            });
        }
    }

    /** Asks the service to cancel a render, outside the (cancelled) call; the answer is only logged. */
    private void cancelQuietly(String id) {
        transport.executeAsync(DefaultRenderClient.cancelCall(id), Cancellation.NONE).whenComplete((ok, e) -> {
            Throwable t = e == null ? null : Futures.unwrap(e);
            if (t == null) {
                LOG.log(System.Logger.Level.INFO, "Cancelled render " + id);
            } else if (!(t instanceof NemoApiException && DefaultRenderClient.tooLateToCancel(id,
                    (NemoApiException) t))) {
                LOG.log(System.Logger.Level.INFO, "Could not cancel render " + id + ": " + t.getMessage());
            }
        });
    }

    @Override
    public String toString() {
        return "AsyncRenderClient{" + settings + "}";
    }
}
