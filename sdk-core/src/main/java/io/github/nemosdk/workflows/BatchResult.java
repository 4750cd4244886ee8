package io.github.nemosdk.workflows;

import io.github.nemosdk.errors.NemoException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** The outcome of a batch: one item per input, in input order. Immutable. */
public final class BatchResult {
    /** What happened to one input in this run. */
    public enum Status {
        /** Edited and exported in this run. */
        DONE,
        /** Already done in an earlier run of the same journal, and its output is there: nothing was sent. */
        SKIPPED,
        /**
         * Its message was sent in an earlier run that stopped before the answer; the edit was found in the session's
         * state (the message was not sent again) and the clip exported in this run.
         */
        RECOVERED,
        /** Failed; see {@link Item#failure()}. */
        FAILED
    }

    /** The outcome for one input. */
    public static final class Item {
        private final Path input;
        private final Status status;
        private final QuickEditResult result;
        private final RuntimeException failure;
        private final Path output;
        private final String sessionId;

        private Item(Path input, Status status, QuickEditResult result, RuntimeException failure, Path output,
                String sessionId) {
            this.input = Objects.requireNonNull(input, "input");
            this.status = status;
            this.result = result;
            this.failure = failure;
            this.output = output;
            this.sessionId = sessionId;
        }

        /**
         * An input edited and exported in this run.
         *
         * @param input  the input
         * @param result its result
         * @return the item
         */
        public static Item success(Path input, QuickEditResult result) {
            Objects.requireNonNull(result, "result");
            return new Item(input, Status.DONE, result, null, result.output(), result.sessionId());
        }

        /**
         * An input of a resumed batch: finished by an earlier run ({@link Status#SKIPPED}), its edit recovered from
         * the session's state ({@link Status#RECOVERED}), or finished now from where the earlier run stopped
         * ({@link Status#DONE}, without the parts of the result an earlier run made).
         *
         * @param input     the input
         * @param status    any status but {@link Status#FAILED}
         * @param output    the MP4
         * @param sessionId its session
         * @return the item
         */
        public static Item resumed(Path input, Status status, Path output, String sessionId) {
            if (status == Status.FAILED) {
                throw new IllegalArgumentException("A failed item is made with failure(input, exception)");
            }
            return new Item(input, status, null, null, Objects.requireNonNull(output, "output"),
                    Objects.requireNonNull(sessionId, "sessionId"));
        }

        /**
         * A failed item.
         *
         * @param input   the input
         * @param failure why it failed
         * @return the item
         */
        public static Item failure(Path input, RuntimeException failure) {
            return new Item(input, Status.FAILED, null, Objects.requireNonNull(failure, "failure"), null, null);
        }

        /**
         * The input file.
         *
         * @return the path
         */
        public Path input() {
            return input;
        }

        /**
         * What happened to it in this run.
         *
         * @return the status
         */
        public Status status() {
            return status;
        }

        /**
         * Whether this input has its MP4: done now, in an earlier run, or recovered.
         *
         * @return true unless it failed
         */
        public boolean isSuccess() {
            return status != Status.FAILED;
        }

        /**
         * The whole result, for an input done from start to end in this run.
         *
         * @return the result
         */
        public Optional<QuickEditResult> result() {
            return Optional.ofNullable(result);
        }

        /**
         * The MP4 written for this input, unless it failed.
         *
         * @return the file
         */
        public Optional<Path> output() {
            return Optional.ofNullable(output);
        }

        /**
         * The session the input was edited in, unless it failed.
         *
         * @return the session id
         */
        public Optional<String> sessionId() {
            return Optional.ofNullable(sessionId);
        }

        /**
         * The failure (usually a {@link NemoException}), when it failed.
         *
         * @return the failure
         */
        public Optional<RuntimeException> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public String toString() {
            return input.getFileName() + ": " + (failure != null ? "failed: " + failure.getMessage()
                    : status.name().toLowerCase(java.util.Locale.ROOT) + " -> " + output);
        }
    }

    private final List<Item> items;

    private BatchResult(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /**
     * Creates a result.
     *
     * @param items one per input, in input order
     * @return the result
     */
    public static BatchResult of(List<Item> items) {
        return new BatchResult(items);
    }

    /**
     * All items, in input order.
     *
     * @return the items
     */
    public List<Item> items() {
        return items;
    }

    /**
     * The items that succeeded.
     *
     * @return the successes
     */
    public List<Item> succeeded() {
        return items.stream().filter(Item::isSuccess).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The items that failed.
     *
     * @return the failures
     */
    public List<Item> failed() {
        return items.stream().filter(i -> !i.isSuccess()).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String toString() {
        return "BatchResult{" + succeeded().size() + " succeeded, " + failed().size() + " failed}";
    }
}
