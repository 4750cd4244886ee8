package io.github.nemosdk.internal;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.async.AsyncNemoClient;
import io.github.nemosdk.auth.AnonymousToken;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.chat.TimelineChange;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.render.ExportResult;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.render.RenderProgressListener;
import io.github.nemosdk.sessions.Session;
import io.github.nemosdk.state.Draft;
import io.github.nemosdk.state.SessionState;
import io.github.nemosdk.uploads.UploadResult;
import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.QuickEditResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link AsyncNemoClient}: the blocking calls of a {@link NemoClient} run on its executor. */
public final class DefaultAsyncClient implements AsyncNemoClient {
    private final NemoClient client;
    private final Executor executor;
    private final java.util.function.BooleanSupplier closed;
    private final Function<String, Function<String, Flow.Publisher<ChatEvent>>> streams;

    /**
     * Wraps a client.
     *
     * @param client   the blocking client
     * @param executor runs the calls
     * @param closed   whether the client is closed (then a refused task is a closed client, not a full executor)
     * @param streams  makes a chat turn's publisher for a session id and a prompt
     */
    public DefaultAsyncClient(NemoClient client, Executor executor, java.util.function.BooleanSupplier closed,
            Function<String, Function<String, Flow.Publisher<ChatEvent>>> streams) {
        this.client = Objects.requireNonNull(client, "client");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.closed = Objects.requireNonNull(closed, "closed");
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    /** Runs a blocking call on the executor; a refusal is the future's failure, never an exception of the caller. */
    private <T> CompletableFuture<T> run(Supplier<T> call) {
        try {
            return CompletableFuture.supplyAsync(call, executor);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            CompletableFuture<T> failed = new CompletableFuture<>();
            failed.completeExceptionally(closed.getAsBoolean()
                    ? new io.github.nemosdk.errors.ClientClosedException("an asynchronous call")
                    : new io.github.nemosdk.errors.NemoException("The executor refused the asynchronous call (" + e
                            + "); give the client an executor with room for it.", e));
            return failed;
        }
    }

    @Override
    public CompletableFuture<Session> createSession() {
        return run(() -> client.sessions().create());
    }

    @Override
    public CompletableFuture<Session> createSession(String taskName, String language) {
        return run(() -> client.sessions().create(taskName, language));
    }

    @Override
    public CompletableFuture<AnonymousToken> anonymousToken() {
        return run(() -> client.auth().anonymousToken());
    }

    @Override
    public CompletableFuture<CreditBalance> credits() {
        return run(() -> client.credits().balance());
    }

    @Override
    public CompletableFuture<SessionState> state(String sessionId) {
        return run(() -> client.state(sessionId).latest());
    }

    @Override
    public AsyncNemoClient.AsyncChat chat(String sessionId) {
        client.chat(sessionId); // validates the id at once
        return new Chat(sessionId);
    }

    @Override
    public CompletableFuture<UploadResult> upload(String sessionId, List<Path> files) {
        return run(() -> client.uploads(sessionId).files(files));
    }

    @Override
    public CompletableFuture<UploadResult> uploadUrls(String sessionId, List<URI> urls) {
        return run(() -> client.uploads(sessionId).urls(urls));
    }

    @Override
    public CompletableFuture<RenderJob> startRender(String sessionId, Draft draft, RenderOptions options) {
        return run(() -> client.render().start(sessionId, draft, options));
    }

    @Override
    public CompletableFuture<RenderJob> awaitRender(String renderId, Duration timeout,
            RenderProgressListener listener) {
        return run(() -> client.render().awaitCompletion(renderId, timeout, listener));
    }

    @Override
    public CompletableFuture<ExportResult> export(String sessionId, Path out, RenderOptions options,
            RenderProgressListener listener) {
        return run(() -> client.render().export(sessionId, out, options, listener));
    }

    @Override
    public CompletableFuture<QuickEditResult> addMusic(Path video, String instruction, Path out,
            QuickEditOptions options) {
        return run(() -> client.workflows().addMusic(video, instruction, out, options));
    }

    @Override
    public CompletableFuture<BatchResult> addMusicToEach(List<Path> videos, String instruction, Path outputDirectory,
            QuickEditOptions options) {
        return run(() -> client.workflows().addMusicToEach(videos, instruction, outputDirectory, options));
    }

    /** Asynchronous chat turns on one session. */
    private final class Chat implements AsyncNemoClient.AsyncChat {
        private final String sessionId;

        private Chat(String sessionId) {
            this.sessionId = sessionId;
        }

        @Override
        public Flow.Publisher<ChatEvent> stream(String prompt) {
            return streams.apply(sessionId).apply(prompt);
        }

        @Override
        public CompletableFuture<ChatReply> send(String prompt) {
            return run(() -> client.chat(sessionId).send(prompt));
        }

        @Override
        public CompletableFuture<TimelineChange> recover(Draft before) {
            return run(() -> client.chat(sessionId).recover(before));
        }
    }
}
