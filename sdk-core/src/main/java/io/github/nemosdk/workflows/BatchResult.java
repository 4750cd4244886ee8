package io.github.nemosdk.workflows;

import io.github.nemosdk.errors.NemoException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** The outcome of a batch: one item per input, in input order. Immutable. */
public final class BatchResult {
    /** The outcome for one input: a result or the failure. */
    public static final class Item {
        private final Path input;
        private final QuickEditResult result;
        private final RuntimeException failure;

        private Item(Path input, QuickEditResult result, RuntimeException failure) {
            this.input = Objects.requireNonNull(input, "input");
            this.result = result;
            this.failure = failure;
        }

        /**
         * A successful item.
         *
         * @param input  the input
         * @param result its result
         * @return the item
         */
        public static Item success(Path input, QuickEditResult result) {
            return new Item(input, Objects.requireNonNull(result, "result"), null);
        }

        /**
         * A failed item.
         *
         * @param input   the input
         * @param failure why it failed
         * @return the item
         */
        public static Item failure(Path input, RuntimeException failure) {
            return new Item(input, null, Objects.requireNonNull(failure, "failure"));
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
         * Whether this input was edited and exported.
         *
         * @return true on success
         */
        public boolean isSuccess() {
            return result != null;
        }

        /**
         * The result, on success.
         *
         * @return the result
         */
        public Optional<QuickEditResult> result() {
            return Optional.ofNullable(result);
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
            return input.getFileName() + ": " + (result != null ? "ok -> " + result.output() : "failed: "
                    + failure.getMessage());
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
