package io.github.nemosdk.internal.http;

import io.github.nemosdk.errors.NemoInterruptedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;

/** Tells an I/O failure caused by an interrupt from a real one. */
public final class Interrupts {
    private Interrupts() {
    }

    /**
     * Whether a failed read or write was the calling thread being interrupted: an {@link InterruptedIOException}, a
     * {@link ClosedByInterruptException}, an {@link InterruptedException} as the cause (the JDK's response stream
     * wraps it so), or the thread's interrupt flag set.
     *
     * @param e the failure
     * @return true for an interruption
     */
    public static boolean caused(IOException e) {
        return e instanceof InterruptedIOException || e instanceof ClosedByInterruptException
                || e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted();
    }

    /**
     * The exception for an interrupted exchange; sets the thread's interrupt flag again.
     *
     * @param what what was abandoned, e.g. "the chat stream of session 42"
     * @param e    the failure that showed the interrupt
     * @return the exception to throw
     */
    public static NemoInterruptedException interrupted(String what, Throwable e) {
        Thread.currentThread().interrupt();
        return new NemoInterruptedException("Interrupted while reading " + what + "; the exchange was abandoned and"
                + " its connection released.", e);
    }
}
