package io.github.nemosdk.assistant;

import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.chat.TimelineChange;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.render.ExportResult;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.state.Draft;
import io.github.nemosdk.state.SessionState;
import io.github.nemosdk.uploads.UploadResult;
import io.github.nemosdk.uploads.UploadedFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the assistant did, typed for a UI to render. Test the kind with {@code instanceof} (or {@link #kind()}) and
 * cast, or just show {@link #display()}:
 * <pre>{@code
 * AssistantOutcome outcome = assistant.handle("导出");
 * for (AssistantOutcome o : outcome.all()) {
 *     if (o instanceof AssistantOutcome.Exported) player.open(((AssistantOutcome.Exported) o).file());
 *     else ui.say(o.display());
 * }
 * outcome.all().forEach(o -> o.followUps().forEach(ui::offerButton));
 * }</pre>
 * {@link NemoAssistant#handle(String)} returns the outcome of the route's first step; the outcomes of later steps and
 * of read-only follow-ups it ran (a "preview in timeline" summary) are its {@link #extras()}, in order. Outcomes are
 * immutable.
 */
public abstract class AssistantOutcome {
    /** The kinds of outcome. */
    public enum Kind {
        /** The chat backend's reply text: {@link Text}. */
        TEXT,
        /** A chat turn without text, reported as what it changed on the timeline: {@link Change}. */
        CHANGE,
        /** The chat backend asks the user something and waits for the answer: {@link Question}. */
        QUESTION,
        /** The timeline summary read from the state: {@link Summary}. */
        SUMMARY,
        /** The credit balance: {@link Credits}. */
        CREDITS,
        /** A finished export and its MP4 file: {@link Exported}. */
        EXPORTED,
        /** Files or URLs the service stored: {@link Uploaded}. */
        UPLOADED,
        /** Sent to the listener during a long chat turn: {@link StillWorking}. */
        STILL_WORKING,
        /** Sent to the listener while an export renders: {@link Exporting}. */
        EXPORTING,
        /** An action failed with an SDK exception: {@link Failed}. */
        FAILED
    }

    private final List<FollowUp> followUps;
    private final List<AssistantOutcome> extras;

    private AssistantOutcome(List<FollowUp> followUps, List<AssistantOutcome> extras) {
        this.followUps = List.copyOf(followUps);
        this.extras = List.copyOf(extras);
    }

    /**
     * This outcome's kind.
     *
     * @return the kind
     */
    public abstract Kind kind();

    /**
     * A line for the user, in English for the SDK's own outcomes (the chat reply is shown as the backend wrote it).
     *
     * @return the text to show
     */
    public abstract String display();

    /**
     * Actions a UI can offer next (buttons), run with {@link NemoAssistant#perform(FollowUp)}. Only chat outcomes
     * have them: the backend's GUI talk translated ("click Export" → export), and the export the user asked for
     * alongside an edit. Read-only ones the assistant already ran are not repeated here; their outcomes are in
     * {@link #extras()}.
     *
     * @return an unmodifiable list, usually empty
     */
    public List<FollowUp> followUps() {
        return followUps;
    }

    /**
     * The outcomes that followed this one in the same turn, in order: later steps of the route and read-only
     * follow-ups the assistant ran.
     *
     * @return an unmodifiable list, usually empty
     */
    public List<AssistantOutcome> extras() {
        return extras;
    }

    /**
     * This outcome followed by its {@link #extras()}: everything to render for the turn, in order.
     *
     * @return an unmodifiable list
     */
    public List<AssistantOutcome> all() {
        List<AssistantOutcome> all = new ArrayList<>(1 + extras.size());
        all.add(this);
        all.addAll(extras);
        return List.copyOf(all);
    }

    /**
     * Whether any outcome of the turn (this one or an extra) is a {@link Failed}.
     *
     * @return true when something failed
     */
    public boolean hasFailure() {
        return all().stream().anyMatch(o -> o instanceof Failed);
    }

    abstract AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras);

    String suffix() {
        return (followUps.isEmpty() ? "" : ", followUps=" + followUps) + (extras.isEmpty() ? "" : ", extras=" + extras);
    }

    /** The chat backend's reply, with its text. */
    public static final class Text extends AssistantOutcome {
        private final ChatReply reply;

        private Text(ChatReply reply, List<FollowUp> followUps, List<AssistantOutcome> extras) {
            super(followUps, extras);
            this.reply = Objects.requireNonNull(reply, "reply");
        }

        /**
         * Creates the outcome, e.g. for tests.
         *
         * @param reply the chat reply
         * @return the outcome, with no follow-ups or extras
         */
        public static Text of(ChatReply reply) {
            return new Text(reply, List.of(), List.of());
        }

        /**
         * The reply text as the backend wrote it (GUI talk included: its actions are the {@link #followUps()}).
         *
         * @return the text
         */
        public String text() {
            return reply.display();
        }

        /**
         * The whole chat reply: tool calls, GUI hints, whether it was recovered after a broken stream.
         *
         * @return the reply
         */
        public ChatReply reply() {
            return reply;
        }

        @Override
        public Kind kind() {
            return Kind.TEXT;
        }

        @Override
        public String display() {
            return reply.display();
        }

        @Override
        AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras) {
            return new Text(reply, followUps, extras);
        }

        @Override
        public String toString() {
            return "Text{" + reply.display() + suffix() + "}";
        }
    }

    /**
     * The chat backend stopped to ask the user something (its {@code ask_question} tool): show the questions and
     * their options. The answer is the next message: the next {@link NemoAssistant#handle(String)} sends what the
     * user says to the chat as typed (not routed), and the {@link #followUps()} answer with one option each of the
     * first question (for several questions or several options, let the user say them, e.g. "Jazz, Fade out", or
     * build the text with {@link io.github.nemosdk.chat.ChatQuestion#answer}).
     */
    public static final class Question extends AssistantOutcome {
        private final ChatReply reply;

        private Question(ChatReply reply, List<FollowUp> followUps, List<AssistantOutcome> extras) {
            super(followUps, extras);
            this.reply = Objects.requireNonNull(reply, "reply");
            if (!reply.isQuestion()) {
                throw new IllegalArgumentException("The reply asks nothing: " + reply);
            }
        }

        /**
         * Creates the outcome, with one answer follow-up per option of the first question.
         *
         * @param reply a chat reply with {@link ChatReply#questions()}
         * @return the outcome
         * @throws IllegalArgumentException if the reply asks nothing
         */
        public static Question of(ChatReply reply) {
            List<FollowUp> answers = new ArrayList<>();
            reply.questions().stream().findFirst()
                    .ifPresent(q -> q.options().forEach(o -> answers.add(FollowUp.answer(o))));
            return new Question(reply, answers, List.of());
        }

        /**
         * The questions, in order.
         *
         * @return an unmodifiable, non-empty list
         */
        public List<io.github.nemosdk.chat.ChatQuestion> questions() {
            return reply.questions();
        }

        /**
         * The chat reply (its text, if any, comes before the questions).
         *
         * @return the reply
         */
        public ChatReply reply() {
            return reply;
        }

        @Override
        public Kind kind() {
            return Kind.QUESTION;
        }

        /**
         * The reply's text, then each question with its numbered options.
         *
         * @return the text to show
         */
        @Override
        public String display() {
            return reply.display();
        }

        @Override
        AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras) {
            return new Question(reply, followUps, extras);
        }

        @Override
        public String toString() {
            return "Question{" + reply.questions() + suffix() + "}";
        }
    }

    /** A chat turn that ended without text (about 30 % of edits do), reported as what it changed. */
    public static final class Change extends AssistantOutcome {
        private final ChatReply reply;
        private final TimelineChange change;

        private Change(ChatReply reply, TimelineChange change, List<FollowUp> followUps,
                List<AssistantOutcome> extras) {
            super(followUps, extras);
            this.reply = Objects.requireNonNull(reply, "reply");
            this.change = Objects.requireNonNull(change, "change");
        }

        /**
         * Creates the outcome, e.g. for tests.
         *
         * @param reply  the silent chat reply
         * @param change what the turn changed
         * @return the outcome, with no follow-ups or extras
         */
        public static Change of(ChatReply reply, TimelineChange change) {
            return new Change(reply, change, List.of(), List.of());
        }

        /**
         * What the turn changed on the timeline.
         *
         * @return the change; {@link TimelineChange#isEmpty()} when nothing did
         */
        public TimelineChange change() {
            return change;
        }

        /**
         * The chat reply.
         *
         * @return the reply
         */
        public ChatReply reply() {
            return reply;
        }

        @Override
        public Kind kind() {
            return Kind.CHANGE;
        }

        /**
         * The change in the products' style, e.g. {@code Added BGM: Lo-fi (0-10s, 35%)}.
         *
         * @return the description
         */
        @Override
        public String display() {
            return change.description();
        }

        @Override
        AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras) {
            return new Change(reply, change, followUps, extras);
        }

        @Override
        public String toString() {
            return "Change{" + change.description() + suffix() + "}";
        }
    }

    /** The timeline, read from the session state. */
    public static final class Summary extends AssistantOutcome {
        private final SessionState state;

        private Summary(SessionState state, List<AssistantOutcome> extras) {
            super(List.of(), extras);
            this.state = Objects.requireNonNull(state, "state");
        }

        /**
         * Creates the outcome, e.g. for tests.
         *
         * @param state the state read
         * @return the outcome
         */
        public static Summary of(SessionState state) {
            return new Summary(state, List.of());
        }

        /**
         * The state read.
         *
         * @return the state
         */
        public SessionState state() {
            return state;
        }

        /**
         * The timeline.
         *
         * @return the draft
         */
        public Draft draft() {
            return state.draft();
        }

        /**
         * The timeline in one line, e.g. {@code Timeline (2 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi
         * (0-10s, 35%)}.
         *
         * @return the summary
         */
        public String summary() {
            return state.draft().summary();
        }

        @Override
        public Kind kind() {
            return Kind.SUMMARY;
        }

        @Override
        public String display() {
            return summary();
        }

        @Override
        AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras) {
            return new Summary(state, extras);
        }

        @Override
        public String toString() {
            return "Summary{" + summary() + suffix() + "}";
        }
    }

    /** The credit balance. */
    public static final class Credits extends AssistantOutcome {
        private final CreditBalance balance;

        private Credits(CreditBalance balance, List<AssistantOutcome> extras) {
            super(List.of(), extras);
            this.balance = Objects.requireNonNull(balance, "balance");
        }

        /**
         * Creates the outcome, e.g. for tests.
         *
         * @param balance the balance
         * @return the outcome
         */
        public static Credits of(CreditBalance balance) {
            return new Credits(balance, List.of());
        }

        /**
         * The balance.
         *
         * @return available, frozen and total credits
         */
        public CreditBalance balance() {
            return balance;
        }

        @Override
        public Kind kind() {
            return Kind.CREDITS;
        }

        /**
         * E.g. {@code Credits: 80 available, 20 reserved by running work, 100 total}.
         *
         * @return the line
         */
        @Override
        public String display() {
            return "Credits: " + balance.available() + " available"
                    + (balance.frozen() == 0 ? "" : ", " + balance.frozen() + " reserved by running work")
                    + ", " + balance.total() + " total";
        }

        @Override
        AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras) {
            return new Credits(balance, extras);
        }

        @Override
        public String toString() {
            return "Credits{" + display() + suffix() + "}";
        }
    }

    /** A finished export: the render job and the downloaded MP4. */
    public static final class Exported extends AssistantOutcome {
        private final ExportResult result;

        private Exported(ExportResult result, List<AssistantOutcome> extras) {
            super(List.of(), extras);
            this.result = Objects.requireNonNull(result, "result");
        }

        /**
         * Creates the outcome, e.g. for tests.
         *
         * @param result the export
         * @return the outcome
         */
        public static Exported of(ExportResult result) {
            return new Exported(result, List.of());
        }

        /**
         * The export: job and file.
         *
         * @return the result
         */
        public ExportResult result() {
            return result;
        }

        /**
         * The downloaded MP4.
         *
         * @return the file
         */
        public Path file() {
            return result.file();
        }

        @Override
        public Kind kind() {
            return Kind.EXPORTED;
        }

        @Override
        public String display() {
            return "Exported: " + result.file();
        }

        @Override
        AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras) {
            return new Exported(result, extras);
        }

        @Override
        public String toString() {
            return "Exported{" + result.file() + suffix() + "}";
        }
    }

    /** Files or URLs the service stored in the session. */
    public static final class Uploaded extends AssistantOutcome {
        private final UploadResult result;

        private Uploaded(UploadResult result, List<AssistantOutcome> extras) {
            super(List.of(), extras);
            this.result = Objects.requireNonNull(result, "result");
        }

        /**
         * Creates the outcome, e.g. for tests.
         *
         * @param result the upload
         * @return the outcome
         */
        public static Uploaded of(UploadResult result) {
            return new Uploaded(result, List.of());
        }

        /**
         * The upload: the stored files and whether they were added to the state.
         *
         * @return the result
         */
        public UploadResult result() {
            return result;
        }

        @Override
        public Kind kind() {
            return Kind.UPLOADED;
        }

        /**
         * E.g. {@code Uploaded clip.mp4 (video)}.
         *
         * @return the line
         */
        @Override
        public String display() {
            return "Uploaded " + result.files().stream().map(Uploaded::describe).collect(Collectors.joining(", "));
        }

        private static String describe(UploadedFile f) {
            return f.filename() + " (" + f.kind().name().toLowerCase(Locale.ROOT) + ")";
        }

        @Override
        AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras) {
            return new Uploaded(result, extras);
        }

        @Override
        public String toString() {
            return "Uploaded{" + display() + suffix() + "}";
        }
    }

    /** Sent to the listener after each stretch of heartbeat-only silence in a chat turn (2 minutes by default). */
    public static final class StillWorking extends AssistantOutcome {
        private final Duration silentFor;

        private StillWorking(Duration silentFor) {
            super(List.of(), List.of());
            this.silentFor = Objects.requireNonNull(silentFor, "silentFor");
        }

        /**
         * Creates the outcome.
         *
         * @param silentFor how long only heartbeats have arrived
         * @return the outcome
         */
        public static StillWorking of(Duration silentFor) {
            return new StillWorking(silentFor);
        }

        /**
         * How long only heartbeats have arrived.
         *
         * @return the silence so far
         */
        public Duration silentFor() {
            return silentFor;
        }

        @Override
        public Kind kind() {
            return Kind.STILL_WORKING;
        }

        /**
         * The products' line, e.g. {@code ⏳ Still working... (120 s)}.
         *
         * @return the line
         */
        @Override
        public String display() {
            return "\u23f3 Still working... (" + silentFor.getSeconds() + " s)";
        }

        @Override
        AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras) {
            return this;
        }

        @Override
        public String toString() {
            return "StillWorking{" + silentFor.getSeconds() + "s}";
        }
    }

    /** Sent to the listener after every poll of a running export. */
    public static final class Exporting extends AssistantOutcome {
        private final RenderJob job;

        private Exporting(RenderJob job) {
            super(List.of(), List.of());
            this.job = Objects.requireNonNull(job, "job");
        }

        /**
         * Creates the outcome.
         *
         * @param job the job as last polled
         * @return the outcome
         */
        public static Exporting of(RenderJob job) {
            return new Exporting(job);
        }

        /**
         * The render job: status and progress.
         *
         * @return the job
         */
        public RenderJob job() {
            return job;
        }

        @Override
        public Kind kind() {
            return Kind.EXPORTING;
        }

        /**
         * E.g. {@code Exporting: processing 50%}.
         *
         * @return the line
         */
        @Override
        public String display() {
            return "Exporting: " + job.status().name().toLowerCase(Locale.ROOT) + " " + job.progress() + "%";
        }

        @Override
        AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras) {
            return this;
        }

        @Override
        public String toString() {
            return "Exporting{" + job.status() + " " + job.progress() + "%}";
        }
    }

    /**
     * An action failed with an SDK exception ({@link NemoException}): out of credits, export blocked on the free
     * plan, a file refused before upload, a chat turn whose stream broke and whose edit was not found. The message
     * says what happened and what to do.
     */
    public static final class Failed extends AssistantOutcome {
        private final AssistantAction action;
        private final NemoException error;

        private Failed(AssistantAction action, NemoException error, List<AssistantOutcome> extras) {
            super(List.of(), extras);
            this.action = Objects.requireNonNull(action, "action");
            this.error = Objects.requireNonNull(error, "error");
        }

        /**
         * Creates the outcome.
         *
         * @param action the action that failed
         * @param error  why
         * @return the outcome
         */
        public static Failed of(AssistantAction action, NemoException error) {
            return new Failed(action, error, List.of());
        }

        /**
         * The action that failed.
         *
         * @return the action
         */
        public AssistantAction action() {
            return action;
        }

        /**
         * The exception, typed: catch-style handling is {@code if (f.error() instanceof InsufficientCreditsException)}.
         *
         * @return the exception
         */
        public NemoException error() {
            return error;
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }

        /**
         * E.g. {@code Could not export: The timeline is empty …}.
         *
         * @return the line
         */
        @Override
        public String display() {
            String what;
            switch (action) {
                case EXPORT:
                    what = "Could not export: ";
                    break;
                case CREDITS:
                    what = "Could not read the credits: ";
                    break;
                case STATE:
                    what = "Could not read the timeline: ";
                    break;
                case UPLOAD:
                    what = "Could not upload: ";
                    break;
                case CHAT:
                default:
                    what = "The chat turn failed: ";
                    break;
            }
            return what + error.getMessage();
        }

        @Override
        AssistantOutcome with(List<FollowUp> followUps, List<AssistantOutcome> extras) {
            return new Failed(action, error, extras);
        }

        @Override
        public String toString() {
            return "Failed{" + action + ": " + error + suffix() + "}";
        }
    }
}
