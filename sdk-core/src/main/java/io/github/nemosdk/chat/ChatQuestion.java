package io.github.nemosdk.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A question the assistant stopped to ask (its {@code ask_question} tool): a prompt, the choices it offers, and
 * whether several may be picked. The turn ends waiting for the answer, which is simply the next message:
 * <pre>{@code
 * ChatReply reply = chat.send("add music");
 * for (ChatQuestion q : reply.questions()) {
 *     System.out.println(q.prompt());
 *     q.options().forEach(o -> System.out.println(" - " + o.label()));
 * }
 * chat.send(reply.questions().get(0).answer(reply.questions().get(0).options().get(0)));
 * }</pre>
 * Immutable.
 */
public final class ChatQuestion {
    private final String id;
    private final String prompt;
    private final List<Option> options;
    private final boolean allowMultiple;

    private ChatQuestion(String id, String prompt, List<Option> options, boolean allowMultiple) {
        this.id = id;
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.options = List.copyOf(Objects.requireNonNull(options, "options"));
        this.allowMultiple = allowMultiple;
    }

    /**
     * Creates a question, e.g. for tests.
     *
     * @param id            the question's id, or null
     * @param prompt        what the assistant asks
     * @param options       the choices offered, possibly none (a free-text question)
     * @param allowMultiple whether several choices may be picked
     * @return the question
     */
    public static ChatQuestion of(String id, String prompt, List<Option> options, boolean allowMultiple) {
        return new ChatQuestion(id, prompt, options, allowMultiple);
    }

    /**
     * The question's id, as the assistant named it.
     *
     * @return the id, when the assistant gave one
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * What the assistant asks, to show the user.
     *
     * @return the prompt
     */
    public String prompt() {
        return prompt;
    }

    /**
     * The choices offered, in order.
     *
     * @return an unmodifiable list; empty when the question expects free text
     */
    public List<Option> options() {
        return options;
    }

    /**
     * Whether the user may pick several options.
     *
     * @return true for multi-select questions
     */
    public boolean allowMultiple() {
        return allowMultiple;
    }

    /**
     * The message that answers this question with the given choices: their labels, joined by {@code ", "}. Send it
     * as the next message of the same session.
     *
     * @param chosen one option of this question, or several when {@link #allowMultiple()}
     * @return the answer text
     * @throws IllegalArgumentException if nothing is chosen, an option is not one of this question's, or several
     *                                  are chosen for a single-choice question
     */
    public String answer(Option... chosen) {
        Objects.requireNonNull(chosen, "chosen");
        if (chosen.length == 0) {
            throw new IllegalArgumentException("Choose at least one option of \"" + prompt + "\"; to answer in your"
                    + " own words, send them as the next message.");
        }
        if (chosen.length > 1 && !allowMultiple) {
            throw new IllegalArgumentException("\"" + prompt + "\" takes one choice, got " + chosen.length + ".");
        }
        List<String> labels = new ArrayList<>(chosen.length);
        for (Option o : chosen) {
            if (!options.contains(Objects.requireNonNull(o, "option"))) {
                throw new IllegalArgumentException(o + " is not an option of \"" + prompt + "\"; pick one of "
                        + options + ".");
            }
            labels.add(o.label());
        }
        return String.join(", ", labels);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChatQuestion)) {
            return false;
        }
        ChatQuestion q = (ChatQuestion) o;
        return Objects.equals(id, q.id) && prompt.equals(q.prompt) && options.equals(q.options)
                && allowMultiple == q.allowMultiple;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, prompt, options, allowMultiple);
    }

    @Override
    public String toString() {
        return "ChatQuestion{" + (id == null ? "" : id + ": ") + prompt + (options.isEmpty() ? "" : " " + options)
                + (allowMultiple ? ", several allowed" : "") + "}";
    }

    /** One choice offered by a {@link ChatQuestion}. Immutable. */
    public static final class Option {
        private final String id;
        private final String label;

        private Option(String id, String label) {
            this.id = id;
            this.label = Objects.requireNonNull(label, "label");
        }

        /**
         * Creates an option, e.g. for tests.
         *
         * @param id    the option's id, or null
         * @param label the text to show
         * @return the option
         */
        public static Option of(String id, String label) {
            return new Option(id, label);
        }

        /**
         * The option's id, as the assistant named it.
         *
         * @return the id, when the assistant gave one
         */
        public Optional<String> id() {
            return Optional.ofNullable(id);
        }

        /**
         * The text to show.
         *
         * @return the label
         */
        public String label() {
            return label;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Option && Objects.equals(id, ((Option) o).id) && label.equals(((Option) o).label);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, label);
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
