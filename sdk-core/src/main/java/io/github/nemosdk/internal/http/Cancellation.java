package io.github.nemosdk.internal.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The cancellation of one asynchronous call: cancelling the future a user holds cancels this, and whatever the call
 * has under way at that moment (an HTTP exchange, a scheduled retry or poll) registered how to stop. A hook added
 * after the cancellation runs at once. Thread-safe.
 */
public final class Cancellation {
    /** A call that is never cancelled (the blocking calls, and clean-up that must run after a cancel). */
    public static final Cancellation NONE = new Cancellation();

    private List<Runnable> hooks = new ArrayList<>();
    private boolean cancelled;
    private boolean committed;

    /** A hook's removal; idempotent. */
    public interface Hook {
        /** Forgets the hook: what it would stop is over. */
        void remove();
    }

    /**
     * Whether the call was cancelled.
     *
     * @return true once cancelled
     */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Registers how to stop something under way.
     *
     * @param hook stops it; must not block
     * @return the registration, to remove when the thing is over
     */
    public Hook onCancel(Runnable hook) {
        if (this == NONE) {
            return () -> { };
        }
        synchronized (this) {
            if (!cancelled) {
                hooks.add(hook);
                return () -> {
                    synchronized (this) {
                        if (hooks != null) {
                            hooks.remove(hook);
                        }
                    }
                };
            }
        }
        hook.run();
        return () -> { };
    }

    /**
     * Runs the step that makes a call's result visible (moving a finished download into place), unless the call
     * was cancelled first; a cancel that comes later fails, so that a cancel that succeeded never leaves a result
     * behind.
     *
     * @param step the step; short
     * @return false when the call was cancelled and the step did not run
     */
    public boolean commit(Runnable step) {
        if (this == NONE) {
            step.run();
            return true;
        }
        synchronized (this) {
            if (cancelled) {
                return false;
            }
            step.run();
            committed = true;
            return true;
        }
    }

    /**
     * Cancels the call: runs every hook once.
     *
     * @return false when the call had already made its result visible ({@link #commit}); true otherwise, also when
     *         it was already cancelled
     */
    public boolean cancel() {
        if (!mark()) {
            return false;
        }
        runHooks();
        return true;
    }

    /**
     * The first half of {@link #cancel()}: marks the call cancelled (nothing new starts, {@link #commit} refuses)
     * without running the hooks yet.
     *
     * @return false when the call had already made its result visible
     */
    public boolean mark() {
        if (this == NONE) {
            return false;
        }
        synchronized (this) {
            if (committed) {
                return false;
            }
            cancelled = true;
            return true;
        }
    }

    /** The second half of {@link #cancel()}: runs the hooks of a marked call, once. */
    public void runHooks() {
        List<Runnable> run;
        synchronized (this) {
            if (!cancelled || hooks == null) {
                return;
            }
            run = hooks;
            hooks = null;
        }
        for (Runnable r : run) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // best effort: the others must run too
            }
        }
    }

    private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();

    /**
     * The cancellation of the asynchronous call that runs blocking code on this thread ({@code AsyncCall.blocking}),
     * for the blocking steps that make a result visible; {@link #NONE} elsewhere.
     *
     * @return the cancellation
     */
    public static Cancellation current() {
        Cancellation c = CURRENT.get();
        return c == null ? NONE : c;
    }

    /**
     * Sets or clears {@link #current()} for this thread.
     *
     * @param c the cancellation, or null to clear
     */
    static void setCurrent(Cancellation c) {
        if (c == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(c);
        }
    }
}
