package io.github.nemosdk.internal;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.async.AsyncAuthClient;
import io.github.nemosdk.async.AsyncChatClient;
import io.github.nemosdk.async.AsyncCreditsClient;
import io.github.nemosdk.async.AsyncNemoClient;
import io.github.nemosdk.async.AsyncRenderClient;
import io.github.nemosdk.async.AsyncSessionsClient;
import io.github.nemosdk.async.AsyncStateClient;
import io.github.nemosdk.async.AsyncUploadsClient;
import io.github.nemosdk.async.AsyncWorkflowsClient;
import io.github.nemosdk.auth.AnonymousToken;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.chat.TimelineChange;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.internal.auth.DefaultAuthClient;
import io.github.nemosdk.internal.chat.DefaultChatClient;
import io.github.nemosdk.internal.http.AsyncCall;
import io.github.nemosdk.internal.http.Call;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.internal.render.DefaultAsyncRenderClient;
import io.github.nemosdk.internal.sessions.DefaultSessionsClient;
import io.github.nemosdk.internal.uploads.DefaultUploadsClient;
import io.github.nemosdk.sessions.Session;
import io.github.nemosdk.state.Draft;
import io.github.nemosdk.state.SessionState;
import io.github.nemosdk.uploads.UploadResult;
import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.QuickEditResult;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * {@link AsyncNemoClient}: the blocking client's calls ({@link Call}s) sent with {@link Transport#executeAsync};
 * the composite calls (chat {@code send}, the workflows) run blocking on the executor, interrupted by a cancel.
 */
public final class DefaultAsyncClient implements AsyncNemoClient {
    private final NemoClient client;
    private final Transport transport;
    private final Executor executor;
    private final AsyncRenderClient render;

    /**
     * Wraps a client.
     *
     * @param client    the blocking client
     * @param transport its transport
     * @param executor  runs the composite calls
     * @param render    the asynchronous render client
     */
    public DefaultAsyncClient(NemoClient client, Transport transport, Executor executor,
            DefaultAsyncRenderClient render) {
        this.client = Objects.requireNonNull(client, "client");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.render = Objects.requireNonNull(render, "render");
    }

    private <T> CompletableFuture<T> send(String what, Call<T> call) {
        return AsyncCall.start(transport, executor, what, cancel -> transport.executeAsync(call, cancel));
    }

    @Override
    public AsyncAuthClient auth() {
        return new AsyncAuthClient() {
            @Override
            public CompletableFuture<AnonymousToken> anonymousToken() {
                return send("the anonymous token acquisition", DefaultAuthClient.anonymousTokenCall());
            }

            @Override
            public String toString() {
                return "AsyncAuthClient";
            }
        };
    }

    @Override
    public AsyncSessionsClient sessions() {
        DefaultSessionsClient sessions = (DefaultSessionsClient) client.sessions();
        return new AsyncSessionsClient() {
            @Override
            public CompletableFuture<Session> create() {
                return create(DefaultSessionsClient.DEFAULT_TASK_NAME, transport.config().language);
            }

            @Override
            public CompletableFuture<Session> create(String taskName, String language) {
                return send("the creation of a session", sessions.createCall(taskName, language));
            }

            @Override
            public String toString() {
                return "AsyncSessionsClient";
            }
        };
    }

    @Override
    public AsyncCreditsClient credits() {
        return new AsyncCreditsClient() {
            @Override
            public CompletableFuture<CreditBalance> balance() {
                return send("the credit balance read", DefaultCreditsClient.balanceCall());
            }

            @Override
            public String toString() {
                return "AsyncCreditsClient";
            }
        };
    }

    @Override
    public AsyncStateClient state(String sessionId) {
        DefaultStateClient state = (DefaultStateClient) client.state(sessionId);
        return new AsyncStateClient() {
            @Override
            public String sessionId() {
                return state.sessionId();
            }

            @Override
            public CompletableFuture<SessionState> latest() {
                return send("the state read of session " + sessionId, state.latestCall());
            }

            @Override
            public String toString() {
                return "AsyncStateClient{sessionId=" + sessionId() + "}";
            }
        };
    }

    @Override
    public AsyncChatClient chat(String sessionId) {
        DefaultChatClient chat = (DefaultChatClient) client.chat(sessionId); // validates the id at once
        return new AsyncChatClient() {
            @Override
            public String sessionId() {
                return chat.sessionId();
            }

            @Override
            public Flow.Publisher<ChatEvent> stream(String prompt) {
                return chat.publisher(prompt);
            }

            @Override
            public CompletableFuture<ChatReply> send(String prompt) {
                DefaultChatClient.checkPrompt(prompt); // at once, before anything is sent
                return AsyncCall.blocking(transport, executor, "the chat turn of session " + sessionId,
                        () -> chat.send(prompt));
            }

            @Override
            public CompletableFuture<TimelineChange> recover(Draft before) {
                Objects.requireNonNull(before, "before");
                return AsyncCall.blocking(transport, executor, "the recovery of session " + sessionId,
                        () -> chat.recover(before));
            }

            @Override
            public String toString() {
                return "AsyncChatClient{sessionId=" + sessionId() + "}";
            }
        };
    }

    @Override
    public AsyncUploadsClient uploads(String sessionId) {
        DefaultUploadsClient uploads = (DefaultUploadsClient) client.uploads(sessionId);
        return new AsyncUploadsClient() {
            @Override
            public CompletableFuture<UploadResult> file(Path file) {
                return files(List.of(Objects.requireNonNull(file, "file")));
            }

            @Override
            public CompletableFuture<UploadResult> files(List<Path> files) {
                return send("the upload to session " + sessionId, uploads.filesCall(files));
            }

            @Override
            public CompletableFuture<UploadResult> urls(List<URI> urls) {
                return send("the upload to session " + sessionId, uploads.urlsCall(urls));
            }

            @Override
            public String toString() {
                return "AsyncUploadsClient{sessionId=" + sessionId + "}";
            }
        };
    }

    @Override
    public AsyncRenderClient render() {
        return render;
    }

    @Override
    public AsyncWorkflowsClient workflows() {
        return new AsyncWorkflowsClient() {
            @Override
            public CompletableFuture<QuickEditResult> addMusic(Path video, String instruction, Path out) {
                return addMusic(video, instruction, out, QuickEditOptions.defaults());
            }

            @Override
            public CompletableFuture<QuickEditResult> addMusic(Path video, String instruction, Path out,
                    QuickEditOptions options) {
                return AsyncCall.blocking(transport, executor, "the quick edit of " + video,
                        () -> client.workflows().addMusic(video, instruction, out, options));
            }

            @Override
            public CompletableFuture<BatchResult> addMusicToEach(List<Path> videos, String instruction,
                    Path outputDirectory) {
                return addMusicToEach(videos, instruction, outputDirectory, QuickEditOptions.defaults());
            }

            @Override
            public CompletableFuture<BatchResult> addMusicToEach(List<Path> videos, String instruction,
                    Path outputDirectory, QuickEditOptions options) {
                return AsyncCall.blocking(transport, executor, "the batch of " + videos.size() + " files",
                        () -> client.workflows().addMusicToEach(videos, instruction, outputDirectory, options));
            }

            @Override
            public String toString() {
                return "AsyncWorkflowsClient";
            }
        };
    }

    @Override
    public String toString() {
        return "AsyncNemoClient{" + client.baseUrl() + "}";
    }
}
