package io.github.nemosdk.internal.http;

import io.github.nemosdk.errors.ClientClosedException;
import io.github.nemosdk.errors.NemoException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The future an asynchronous call hands to the user. {@code cancel} cancels the call's {@link Cancellation}, which
 * stops what is under way (the exchange, a scheduled retry or poll, a render on the server) and keeps what comes
 * later from starting; it returns false once the call has made its result visible. The client's {@code close()}
 * fails it with a {@link ClientClosedException}. It completes on the client's executor (so that what the user
 * chains on it never runs on the HTTP client's threads), with the SDK's exception itself, as the blocking call
 * throws it.
 *
 * @param <T> the result type
 */
public final class AsyncCall<T> extends CompletableFuture<T> {
    private final Cancellation cancellation = new Cancellation();
    private volatile LiveExchanges.Registration registration;

    private AsyncCall() {
    }

    /**
     * Starts a call made of non-blocking steps.
     *
     * @param <T>       the result type
     * @param transport the client's transport (its {@code close()} ends the call)
     * @param executor  completes the future
     * @param what      names the call in a closed client's message
     * @param work      starts the work under the call's cancellation
     * @return the call's future
     */
    public static <T> AsyncCall<T> start(Transport transport, Executor executor, String what,
            Function<Cancellation, CompletableFuture<T>> work) {
        AsyncCall<T> call = new AsyncCall<>();
        if (transport.isClosed()) {
            call.completeExceptionally(new ClientClosedException(what));
            return call;
        }
        call.registration = transport.live().add(() -> {
            if (call.cancellation.mark()) { // unless the result is already in place
                call.completeExceptionally(new ClientClosedException(what));
                call.cancellation.runHooks();
            }
        });
        Futures.attempt(() -> work.apply(call.cancellation)).whenComplete((v, e) -> {
            call.registration.close();
            Runnable complete = () -> {
                if (e == null) {
                    call.complete(v);
                } else {
                    call.completeExceptionally(failure(transport, what, Futures.unwrap(e)));
                }
            };
            try {
                executor.execute(complete);
            } catch (RejectedExecutionException x) {
                complete.run(); // the executor is shut down (a closed client): completed here
            }
        });
        return call;
    }

    /**
     * Runs a blocking call on an executor; cancelling the future interrupts the thread running it, which the
     * blocking calls answer by stopping (the exchange is cancelled, a render is cancelled on the server, a part file
     * removed).
     *
     * @param <T>       the result type
     * @param transport the client's transport
     * @param executor  runs the call
     * @param what      names the call in messages
     * @param blocking  the call
     * @return the call's future
     */
    public static <T> AsyncCall<T> blocking(Transport transport, Executor executor, String what, Supplier<T> blocking) {
        AsyncCall<T> call = new AsyncCall<>();
        Object lock = new Object();
        Thread[] runner = new Thread[1];
        call.cancellation.onCancel(() -> {
            synchronized (lock) {
                if (runner[0] != null) {
                    runner[0].interrupt();
                }
            }
        });
        try {
            executor.execute(() -> {
                synchronized (lock) {
                    if (call.cancellation.isCancelled() || call.isDone()) {
                        return; // cancelled before it started: nothing is sent
                    }
                    runner[0] = Thread.currentThread();
                }
                Cancellation.setCurrent(call.cancellation); // its final file move goes through commit
                try {
                    call.complete(blocking.get());
                } catch (Throwable e) {
                    call.completeExceptionally(e);
                } finally {
                    Cancellation.setCurrent(null);
                    synchronized (lock) {
                        runner[0] = null;
                    }
                    Thread.interrupted(); // a cancel's interrupt stays with this call, not the executor's next task
                }
            });
        } catch (RejectedExecutionException e) {
            call.completeExceptionally(transport.isClosed() ? new ClientClosedException(what)
                    : new NemoException("The executor refused " + what + " (" + e + "); give the client an executor"
                            + " with room for it.", e));
        }
        return call;
    }

    /**
     * Cancels the call: what it has under way stops, and nothing more is sent (except the cancel of a render it
     * started).
     *
     * @param mayInterruptIfRunning ignored: the call stops either way
     * @return false when the call already completed or made its result visible
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (isDone() || !cancellation.mark()) {
            return false;
        }
        boolean cancelled = super.cancel(mayInterruptIfRunning); // first: what the hooks stop cannot complete it
        cancellation.runHooks();
        LiveExchanges.Registration r = registration;
        if (r != null) {
            r.close();
        }
        return cancelled;
    }

    /** A refused task of a user's executor reads as what it is: a closed client, or an executor without room. */
    private static Throwable failure(Transport transport, String what, Throwable e) {
        if (e instanceof RejectedExecutionException) {
            return transport.isClosed() ? new ClientClosedException(what) : new NemoException("The executor refused"
                    + " a step of " + what + " (" + e + "); give the client an executor with room for it.", e);
        }
        return e;
    }
}
