package io.github.nemosdk.assistant;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoInterruptedException;
import io.github.nemosdk.render.RenderOptions;
import io.github.nemosdk.uploads.UploadsClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The products' chat assistant as a library: one utterance in, typed outcomes out. It routes what the user says
 * the way the four product documents do ("export" / "导出" → export, "credits" / "余额" → credits, "status" /
 * "show tracks" → the timeline, "upload &lt;file&gt;" / a bare file or URL → upload, anything else → the chat
 * backend), and turns the backend's GUI talk ("click the Export button", "preview it in the timeline") into actions.
 *
 * <pre>{@code
 * NemoAssistant assistant = NemoAssistant.builder(client, session.sessionId())
 *         .exportTo(Paths.get("exports"))
 *         .listener(o -> ui.status(o.display()))          // "⏳ Still working...", "Exporting: processing 50%"
 *         .build();
 * AssistantOutcome outcome = assistant.handle("add lo-fi music at 35% and fade it out");
 * outcome.all().forEach(o -> ui.say(o.display()));
 * outcome.all().forEach(o -> o.followUps().forEach(f -> ui.button(f, () -> assistant.perform(f))));
 * }</pre>
 *
 * <h2>Routing</h2>
 * {@link UtteranceRouter} decides, without any network call; its documentation states the rule (whole words,
 * negation within a clause, how/why questions, edits). Export and credits never reach the chat backend: they are
 * answered by {@code client.render().export(…)} and {@code client.credits().balance()}.
 *
 * <h2>The backend's GUI talk</h2>
 * After a chat turn, the reply's GUI phrases are translated by {@link GuiTranslator}:
 * <ul>
 * <li>Read-only ones are run at once and their outcomes added to the turn's {@link AssistantOutcome#extras()}:
 * "preview in timeline" and "open [panel]" read the state and add a {@link AssistantOutcome.Summary}; "check your
 * account" / "billing" adds the {@link AssistantOutcome.Credits}. They are free, fast and change nothing, and
 * they answer what the backend asked the user to go and look at. Turn this off with
 * {@link Builder#runReadOnlyFollowUps(boolean)}.</li>
 * <li>Everything else becomes a {@link FollowUp} on the chat outcome for the UI to offer: "Export button" / "导出"
 * → export; "click Apply" → send "Apply"; "drag the track" → ask the user to describe the edit in words. The
 * assistant never exports on the backend's say-so: the backend invites an export after nearly every edit, while
 * the user may want more changes; a render takes 30–90 s, writes a file, and can be refused on the free plan. An
 * export happens only when the user asks for it, in words or by choosing the follow-up.</li>
 * </ul>
 * The reply text itself is passed on unchanged.
 *
 * <h2>Questions</h2>
 * When the backend stops to ask something (its {@code ask_question} tool), the turn's outcome is an
 * {@link AssistantOutcome.Question} whose follow-ups answer it with one option each. Whatever the user says next
 * is the answer: the next {@link #handle(String)} sends it to the chat as typed, without routing it, so an option
 * such as "Download later" or an answer that names a word like "export" answers the question instead of running an
 * action.
 *
 * <h2>Failures</h2>
 * An SDK failure of an action ({@link NemoException}: out of credits, export blocked, a file refused before upload,
 * a broken chat turn whose edit was not found, a service error) does not throw: it becomes an
 * {@link AssistantOutcome.Failed} carrying the typed exception, so a chat UI can show it and carry on. The steps of
 * the route after a failed one are not run (a chat edit is not sent when the upload it needs failed). Errors of
 * the caller still throw: a blank utterance or a bad session id ({@link IllegalArgumentException}), a closed client
 * ({@link io.github.nemosdk.errors.ClientClosedException}), and an interrupted thread ({@link NemoInterruptedException}, with the interrupt
 * flag kept).
 *
 * <h2>Threads</h2>
 * {@link #handle(String)} and {@link #perform(FollowUp)} block until the turn is over (a chat turn may take
 * minutes; use the listener for progress) and are serialised: turns on one session must not overlap. Call them off
 * the UI thread. The listener runs on the calling thread; an exception it throws is logged and ignored.
 */
public final class NemoAssistant {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final NemoClient client;
    private final String sessionId;
    private final Function<String, Path> exportFile;
    private final UtteranceRouter router;
    private final GuiTranslator translator;
    private final Consumer<AssistantOutcome> listener;
    private final RenderOptions renderOptions;
    private final boolean runReadOnlyFollowUps;
    /** Whether the last chat turn ended with a question, so the next utterance is its answer. Guarded by this. */
    private boolean awaitingAnswer;

    private NemoAssistant(Builder b) {
        this.client = b.client;
        this.sessionId = b.sessionId;
        this.exportFile = b.exportFile;
        this.router = UtteranceRouter.of(b.phrases);
        this.translator = GuiTranslator.of(router);
        this.listener = b.listener;
        this.renderOptions = b.renderOptions != null ? b.renderOptions
                : Product.TIKTOK_ADD_MUSIC.source().equals(b.client.attribution().source()) ? RenderOptions.vertical()
                : RenderOptions.defaults();
        this.runReadOnlyFollowUps = b.runReadOnlyFollowUps;
    }

    /**
     * A builder for an assistant on one session.
     *
     * @param client    the client to call the API with; the assistant does not close it
     * @param sessionId a session id from {@code client.sessions().create()}
     * @return a new builder
     */
    public static Builder builder(NemoClient client, String sessionId) {
        return new Builder(client, sessionId);
    }

    /**
     * The session the assistant works on.
     *
     * @return the session id
     */
    public String sessionId() {
        return sessionId;
    }

    /**
     * The router, with the phrases this assistant listens for.
     *
     * @return the router
     */
    public UtteranceRouter router() {
        return router;
    }

    /**
     * Where an utterance would go, without doing anything: no network call, no file access.
     *
     * @param utterance what the user said
     * @return the route {@link #handle(String)} would take
     * @throws IllegalArgumentException if the utterance is blank
     */
    public Route route(String utterance) {
        return router.route(utterance);
    }

    /**
     * Handles one utterance: routes it ({@link UtteranceRouter}) and runs the route's steps in order. Progress
     * ({@link AssistantOutcome.StillWorking}, {@link AssistantOutcome.Exporting}) goes to the listener meanwhile.
     *
     * @param utterance what the user typed or said, e.g. "导出", "what's my balance?", "add lo-fi music"
     * @return the outcome of the first step, with the later ones in {@link AssistantOutcome#extras()}
     * @throws IllegalArgumentException if the utterance is blank, or too long for the chat
     * @throws NemoInterruptedException if the thread was interrupted
     */
    public synchronized AssistantOutcome handle(String utterance) {
        if (awaitingAnswer) {
            Objects.requireNonNull(utterance, "utterance");
            String answer = utterance.strip();
            if (answer.isEmpty()) {
                throw new IllegalArgumentException("The answer is blank: pick an option or say it in words.");
            }
            return run(new Route(answer, List.of(AssistantAction.CHAT), List.of(), List.of(), List.of(), answer,
                    "The answer to the assistant's question goes to the chat as typed."));
        }
        return run(router.route(utterance));
    }

    /**
     * Runs a route, e.g. one from {@link #route(String)} that the UI had the user confirm.
     *
     * @param route the route
     * @return the outcome of the first step, with the later ones in {@link AssistantOutcome#extras()}
     * @throws NemoInterruptedException if the thread was interrupted
     */
    public synchronized AssistantOutcome run(Route route) {
        Objects.requireNonNull(route, "route");
        List<AssistantOutcome> outcomes = new ArrayList<>();
        List<AssistantAction> steps = route.steps();
        for (int i = 0; i < steps.size(); i++) {
            AssistantAction step = steps.get(i);
            List<AssistantOutcome> produced;
            boolean failed;
            if (step == AssistantAction.CHAT) {
                List<FollowUp> requested = new ArrayList<>();
                route.offered().forEach(a -> requested.add(FollowUp.requested(a)));
                produced = chat(route.chatPrompt().orElse(route.utterance()), requested,
                        steps.subList(i + 1, steps.size()));
                failed = produced.get(0) instanceof AssistantOutcome.Failed;
            } else if (step == AssistantAction.UPLOAD) {
                produced = upload(route.files(), route.urls());
                failed = produced.stream().anyMatch(AssistantOutcome.Failed.class::isInstance);
            } else {
                produced = List.of(direct(step));
                failed = produced.get(0) instanceof AssistantOutcome.Failed;
            }
            outcomes.addAll(produced);
            if (failed) {
                break;
            }
        }
        AssistantOutcome first = outcomes.get(0);
        return first.with(first.followUps(), outcomes.subList(1, outcomes.size()));
    }

    /**
     * Runs a follow-up the UI offered: an export, a state or credits read, or a chat message (a button's label).
     *
     * @param followUp a follow-up from {@link AssistantOutcome#followUps()}
     * @return its outcome
     * @throws IllegalArgumentException if it is a chat follow-up without a prompt: the user has to say what to do,
     *         which goes to {@link #handle(String)}
     * @throws NemoInterruptedException if the thread was interrupted
     */
    public synchronized AssistantOutcome perform(FollowUp followUp) {
        Objects.requireNonNull(followUp, "followUp");
        if (followUp.action() == AssistantAction.CHAT) {
            String prompt = followUp.prompt().orElseThrow(() -> new IllegalArgumentException(
                    "This follow-up needs the user's own words; pass them to handle(...)."));
            List<AssistantOutcome> produced = chat(prompt, List.of(), List.of());
            AssistantOutcome first = produced.get(0);
            return first.with(first.followUps(), produced.subList(1, produced.size()));
        }
        return direct(followUp.action());
    }

    private List<AssistantOutcome> chat(String prompt, List<FollowUp> requested, List<AssistantAction> later) {
        ChatReply reply;
        awaitingAnswer = false;
        try {
            reply = client.chat(sessionId).send(prompt, this::onChatEvent);
        } catch (NemoInterruptedException | io.github.nemosdk.errors.ClientClosedException e) {
            throw e;
        } catch (NemoException e) {
            return List.of(AssistantOutcome.Failed.of(AssistantAction.CHAT, e));
        }
        awaitingAnswer = reply.isQuestion();
        List<FollowUp> offered = new ArrayList<>(requested);
        List<AssistantOutcome> extras = new ArrayList<>();
        Set<AssistantAction> ran = EnumSet.noneOf(AssistantAction.class);
        for (FollowUp f : translator.translate(reply.text())) {
            if (f.isReadOnly() && runReadOnlyFollowUps) {
                if (!later.contains(f.action()) && ran.add(f.action())) {
                    extras.add(direct(f.action()));
                }
            } else if (offered.stream().noneMatch(o -> o.action() == f.action() && o.prompt().equals(f.prompt()))) {
                offered.add(f);
            }
        }
        AssistantOutcome main;
        if (reply.isQuestion()) {
            // the backend waits for the answer: its options come first among the follow-ups
            AssistantOutcome.Question question = AssistantOutcome.Question.of(reply);
            List<FollowUp> withAnswers = new ArrayList<>(question.followUps());
            withAnswers.addAll(offered);
            offered = withAnswers;
            main = question;
        } else if (reply.isSilent() && reply.change().isPresent()) {
            main = AssistantOutcome.Change.of(reply, reply.change().get());
        } else {
            main = AssistantOutcome.Text.of(reply);
        }
        List<AssistantOutcome> all = new ArrayList<>();
        all.add(main.with(offered, List.of()));
        all.addAll(extras);
        return all;
    }

    private List<AssistantOutcome> upload(List<Path> files, List<URI> urls) {
        List<AssistantOutcome> out = new ArrayList<>();
        UploadsClient uploads = client.uploads(sessionId);
        try {
            if (!files.isEmpty()) {
                out.add(AssistantOutcome.Uploaded.of(files.size() == 1 ? uploads.file(files.get(0))
                        : uploads.files(files)));
            }
            if (!urls.isEmpty()) {
                out.add(AssistantOutcome.Uploaded.of(uploads.urls(urls)));
            }
        } catch (NemoInterruptedException | io.github.nemosdk.errors.ClientClosedException e) {
            throw e;
        } catch (NemoException e) {
            out.add(AssistantOutcome.Failed.of(AssistantAction.UPLOAD, e));
        }
        return out;
    }

    private AssistantOutcome direct(AssistantAction action) {
        try {
            switch (action) {
                case EXPORT:
                    Path out = Objects.requireNonNull(exportFile.apply(sessionId), "exportTo gave no file");
                    return AssistantOutcome.Exported.of(client.render().export(sessionId, out, renderOptions,
                            job -> emit(AssistantOutcome.Exporting.of(job))));
                case CREDITS:
                    return AssistantOutcome.Credits.of(client.credits().balance());
                case STATE:
                    return AssistantOutcome.Summary.of(client.state(sessionId).latest());
                default:
                    throw new IllegalArgumentException(action + " is not a direct action");
            }
        } catch (NemoInterruptedException | io.github.nemosdk.errors.ClientClosedException e) {
            throw e;
        } catch (NemoException e) {
            return AssistantOutcome.Failed.of(action, e);
        }
    }

    private void onChatEvent(ChatEvent e) {
        if (e instanceof ChatEvent.StillWorking) {
            emit(AssistantOutcome.StillWorking.of(((ChatEvent.StillWorking) e).silentFor()));
        }
    }

    private void emit(AssistantOutcome o) {
        try {
            listener.accept(o);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "An assistant listener failed: " + e);
        }
    }

    @Override
    public String toString() {
        return "NemoAssistant{session=" + sessionId + ", languages=" + router.phrases().languages() + "}";
    }

    /** Builds a {@link NemoAssistant}. Not thread-safe; the assistant it builds is. */
    public static final class Builder {
        private final NemoClient client;
        private final String sessionId;
        private Function<String, Path> exportFile;
        private PhraseTable phrases = PhraseTable.defaults();
        private Consumer<AssistantOutcome> listener = o -> { };
        private RenderOptions renderOptions;
        private boolean runReadOnlyFollowUps = true;

        private Builder(NemoClient client, String sessionId) {
            this.client = Objects.requireNonNull(client, "client");
            this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        }

        /**
         * Exports go to this directory, as {@code nemo-<session>-<yyyyMMdd-HHmmss>.mp4} (UTC; a {@code -2},
         * {@code -3} … suffix when the name is taken, so earlier exports are kept). The directory is created when
         * needed. Required, unless {@link #exportTo(Function)} is used. Exports always go where this says: a path in
         * the utterance ("export to ~/Desktop/out.mp4") is not taken as the destination.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder exportTo(Path directory) {
            Objects.requireNonNull(directory, "directory");
            this.exportFile = sid -> {
                String stem = "nemo-" + sid + "-" + STAMP.format(Instant.now());
                Path p = directory.resolve(stem + ".mp4");
                for (int n = 2; Files.exists(p); n++) {
                    p = directory.resolve(stem + "-" + n + ".mp4");
                }
                return p;
            };
            return this;
        }

        /**
         * Exports go to the file a function chooses; it is asked once per export. A file that exists is replaced.
         *
         * @param fileForSession given the session id, the MP4 file to write
         * @return this builder
         */
        public Builder exportTo(Function<String, Path> fileForSession) {
            this.exportFile = Objects.requireNonNull(fileForSession, "fileForSession");
            return this;
        }

        /**
         * Adds phrases to the defaults (English and Chinese), e.g. a Japanese table.
         *
         * @param extra more phrases and modifiers
         * @return this builder
         */
        public Builder phrases(PhraseTable extra) {
            this.phrases = phrases.plus(Objects.requireNonNull(extra, "extra"));
            return this;
        }

        /**
         * Uses a table instead of the defaults.
         *
         * @param table all the phrases the assistant listens for
         * @return this builder
         */
        public Builder replacePhrases(PhraseTable table) {
            this.phrases = Objects.requireNonNull(table, "table");
            return this;
        }

        /**
         * Told about progress during long turns: {@link AssistantOutcome.StillWorking} after each stretch of
         * heartbeat-only silence in a chat turn, {@link AssistantOutcome.Exporting} after each poll of a running
         * export. The final outcome is returned, not sent here.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(Consumer<AssistantOutcome> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The output of exports. Default: 1080×1920 ({@link RenderOptions#vertical()}) for the TikTok Add Music
         * product, else {@link RenderOptions#defaults()}.
         *
         * @param options format, quality, frame size
         * @return this builder
         */
        public Builder renderOptions(RenderOptions options) {
            this.renderOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Whether read-only actions the backend's GUI talk asks for ("preview in timeline", "open", "check your
         * account") are run right after the reply. Default true; when false they are offered as follow-ups.
         *
         * @param run true to run them
         * @return this builder
         */
        public Builder runReadOnlyFollowUps(boolean run) {
            this.runReadOnlyFollowUps = run;
            return this;
        }

        /**
         * Builds the assistant.
         *
         * @return the assistant
         * @throws IllegalArgumentException if the session id is not a valid session id
         * @throws IllegalStateException if no export destination was set
         */
        public NemoAssistant build() {
            client.chat(sessionId);
            if (exportFile == null) {
                throw new IllegalStateException("Say where exports go: exportTo(directory) or exportTo(function).");
            }
            return new NemoAssistant(this);
        }
    }
}
