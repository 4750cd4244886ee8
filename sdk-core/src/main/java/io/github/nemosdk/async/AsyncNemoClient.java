package io.github.nemosdk.async;

import io.github.nemosdk.NemoClient;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The asynchronous face of a {@link NemoClient}: every call returns at once with a {@link CompletableFuture}
 * completed on the client's executor, with the same result or the same typed exception (as the future's cause) as
 * the blocking call. Obtain it from {@code client.async()}; it shares the client's connection, token, policies and
 * lifetime.
 *
 * <p>Cancelling a future abandons the result but does not stop a call in flight; to stop a chat turn, cancel the
 * subscription of {@link AsyncChat#stream(String)}.
 */
public interface AsyncNemoClient {
    /**
     * Creates a session.
     *
     * @return the new session
     */
    CompletableFuture<Session> createSession();

    /**
     * Creates a session with a name and language.
     *
     * @param taskName the project name
     * @param language the ISO language code
     * @return the new session
     */
    CompletableFuture<Session> createSession(String taskName, String language);

    /**
     * Acquires an anonymous token (see {@code AuthClient#anonymousToken()}).
     *
     * @return the token
     */
    CompletableFuture<AnonymousToken> anonymousToken();

    /**
     * Reads the credit balance.
     *
     * @return the balance
     */
    CompletableFuture<CreditBalance> credits();

    /**
     * Reads a session's latest state.
     *
     * @param sessionId the session
     * @return the state
     */
    CompletableFuture<SessionState> state(String sessionId);

    /**
     * Chat turns on one session.
     *
     * @param sessionId the session
     * @return the asynchronous chat
     */
    AsyncChat chat(String sessionId);

    /**
     * Uploads files to a session in one request.
     *
     * @param sessionId the session
     * @param files     the files
     * @return what the service stored
     */
    CompletableFuture<UploadResult> upload(String sessionId, List<Path> files);

    /**
     * Asks the service to fetch media from URLs into a session.
     *
     * @param sessionId the session
     * @param urls      http(s) URLs
     * @return what the service stored
     */
    CompletableFuture<UploadResult> uploadUrls(String sessionId, List<URI> urls);

    /**
     * Starts a render of a draft.
     *
     * @param sessionId the session
     * @param draft     the timeline
     * @param options   the output
     * @return the new job
     */
    CompletableFuture<RenderJob> startRender(String sessionId, Draft draft, RenderOptions options);

    /**
     * Waits for a render to complete.
     *
     * @param renderId the render
     * @param timeout  the total wait
     * @param listener told after every poll
     * @return the completed job
     */
    CompletableFuture<RenderJob> awaitRender(String renderId, Duration timeout,
            RenderProgressListener listener);

    /**
     * Exports a session to an MP4.
     *
     * @param sessionId the session
     * @param out       where to write the MP4
     * @param options   the output
     * @param listener  told after every poll
     * @return the job and the file
     */
    CompletableFuture<ExportResult> export(String sessionId, Path out, RenderOptions options,
            RenderProgressListener listener);

    /**
     * The quick edit (see {@code WorkflowsClient#addMusic}).
     *
     * @param video       the clip
     * @param instruction the instruction
     * @param out         where to write the MP4
     * @param options     render output and stage listener
     * @return what was done
     */
    CompletableFuture<QuickEditResult> addMusic(Path video, String instruction, Path out,
            QuickEditOptions options);

    /**
     * The quick edit over many files (see {@code WorkflowsClient#addMusicToEach}).
     *
     * @param videos          the clips
     * @param instruction     the instruction
     * @param outputDirectory where the MP4s go
     * @param options         concurrency, render output, stage listener
     * @return one item per input
     */
    CompletableFuture<BatchResult> addMusicToEach(List<Path> videos, String instruction, Path outputDirectory,
            QuickEditOptions options);

    /** Asynchronous chat turns on one session. */
    interface AsyncChat {
        /**
         * A chat turn as a publisher of its events. The message is sent when the one subscriber subscribes (a
         * second subscriber gets an error rather than sending it again); events are delivered as demand allows,
         * and the network is read no faster than the subscriber requests. Cancelling the subscription closes the
         * exchange. Errors are those of {@code ChatStream}, signalled through {@code onError}.
         *
         * @param prompt the instruction
         * @return the publisher
         * @throws IllegalArgumentException if the prompt is blank or too long (before anything is sent)
         */
        Flow.Publisher<ChatEvent> stream(String prompt);

        /**
         * Sends a message and completes with the whole reply (see {@code ChatClient#send}).
         *
         * @param prompt the instruction
         * @return the reply
         */
        CompletableFuture<ChatReply> send(String prompt);

        /**
         * Finds out what a broken turn did (see {@code ChatClient#recover}).
         *
         * @param before the draft read before the message was sent
         * @return the change
         */
        CompletableFuture<TimelineChange> recover(Draft before);
    }
}
