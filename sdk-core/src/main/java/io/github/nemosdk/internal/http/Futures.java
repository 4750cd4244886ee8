package io.github.nemosdk.internal.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Small helpers for the asynchronous calls. Their futures fail with the SDK's exception itself, never wrapped in a
 * {@link CompletionException}, so the layers above see what the blocking calls would throw.
 */
public final class Futures {
    private Futures() {
    }

    /**
     * A failed future.
     *
     * @param <T> the result type
     * @param e   the failure
     * @return the future
     */
    public static <T> CompletableFuture<T> failed(Throwable e) {
        CompletableFuture<T> f = new CompletableFuture<>();
        f.completeExceptionally(unwrap(e));
        return f;
    }

    /**
     * What a future failed with, without the wrappers of {@code CompletableFuture}.
     *
     * @param e the failure
     * @return its cause, for a {@link CompletionException} or {@link ExecutionException}
     */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Maps a future's result; a failure of the future or of the mapping fails the result unwrapped.
     *
     * @param <T> the input type
     * @param <R> the result type
     * @param f   the future
     * @param fn  the mapping
     * @return the mapped future
     */
    public static <T, R> CompletableFuture<R> map(CompletableFuture<T> f, Function<? super T, ? extends R> fn) {
        CompletableFuture<R> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e != null) {
                out.completeExceptionally(unwrap(e));
                return;
            }
            try {
                out.complete(fn.apply(v));
            } catch (Throwable t) {
                out.completeExceptionally(unwrap(t));
            }
        });
        return out;
    }

    /**
     * Chains a future on a future's result; failures pass unwrapped.
     *
     * @param <T> the input type
     * @param <R> the result type
     * @param f   the future
     * @param fn  the next step
     * @return the chained future
     */
    public static <T, R> CompletableFuture<R> then(CompletableFuture<T> f,
            Function<? super T, ? extends CompletableFuture<R>> fn) {
        CompletableFuture<R> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e != null) {
                out.completeExceptionally(unwrap(e));
                return;
            }
            CompletableFuture<R> next;
            try {
                next = fn.apply(v);
            } catch (Throwable t) {
                out.completeExceptionally(unwrap(t));
                return;
            }
            next.whenComplete((r, e2) -> {
                if (e2 != null) {
                    out.completeExceptionally(unwrap(e2));
                } else {
                    out.complete(r);
                }
            });
        });
        return out;
    }

    /**
     * Tells an observer a future's outcome, then passes it on; the failure unwrapped to both.
     *
     * @param <T>      the result type
     * @param f        the future
     * @param observer told the result, or null and the failure
     * @return a future completed as {@code f}, after the observer
     */
    public static <T> CompletableFuture<T> observe(CompletableFuture<T> f,
            java.util.function.BiConsumer<? super T, Throwable> observer) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            Throwable t = e == null ? null : unwrap(e);
            try {
                observer.accept(v, t);
            } finally {
                if (t == null) {
                    out.complete(v);
                } else {
                    out.completeExceptionally(t);
                }
            }
        });
        return out;
    }

    /**
     * Continues a failed future with another one (the failure unwrapped); a result passes as it is.
     *
     * @param <T> the result type
     * @param f   the future
     * @param fn  the future to continue with, given the failure
     * @return the continued future
     */
    public static <T> CompletableFuture<T> recover(CompletableFuture<T> f,
            Function<Throwable, ? extends CompletableFuture<T>> fn) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e == null) {
                out.complete(v);
                return;
            }
            attempt(() -> fn.apply(unwrap(e))).whenComplete((r, e2) -> {
                if (e2 == null) {
                    out.complete(r);
                } else {
                    out.completeExceptionally(unwrap(e2));
                }
            });
        });
        return out;
    }

    /**
     * Runs a blocking step on an executor; its failure, or the executor's refusal, fails the future.
     *
     * @param <T>      the result type
     * @param executor runs the step
     * @param step     the step
     * @return its future
     */
    public static <T> CompletableFuture<T> supplyOn(java.util.concurrent.Executor executor,
            java.util.function.Supplier<T> step) {
        CompletableFuture<T> out = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    out.complete(step.get());
                } catch (RuntimeException e) {
                    out.completeExceptionally(e);
                }
            });
        } catch (RuntimeException refused) {
            out.completeExceptionally(refused);
        }
        return out;
    }

    /**
     * Rewrites a future's failure (unwrapped); a result passes as it is.
     *
     * @param <T> the result type
     * @param f   the future
     * @param fn  the rewriting
     * @return the future with the rewritten failure
     */
    public static <T> CompletableFuture<T> mapFailure(CompletableFuture<T> f,
            Function<Throwable, ? extends Throwable> fn) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e == null) {
                out.complete(v);
                return;
            }
            Throwable t;
            try {
                t = fn.apply(unwrap(e));
            } catch (Throwable x) {
                t = x;
            }
            out.completeExceptionally(t);
        });
        return out;
    }

    /**
     * Runs a step that may throw and returns its future, or a future failed with what it threw.
     *
     * @param <T>  the result type
     * @param step the step
     * @return its future
     */
    public static <T> CompletableFuture<T> attempt(java.util.function.Supplier<CompletableFuture<T>> step) {
        try {
            return step.get();
        } catch (Throwable t) {
            return failed(t);
        }
    }
}
