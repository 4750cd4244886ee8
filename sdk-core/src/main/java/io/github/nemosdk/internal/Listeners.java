package io.github.nemosdk.internal;

/**
 * Calls a user's listener: whatever the listener throws is logged (at WARNING, with what the listener was for) and
 * never becomes the failure of the work that told it.
 */
public final class Listeners {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    /** The client listener of a client that has none: the hot paths skip building events for it. */
    public static final io.github.nemosdk.ClientListener NONE = new io.github.nemosdk.ClientListener() { };

    private Listeners() {
    }

    /**
     * Runs one listener call.
     *
     * @param what names the listener in the log line, e.g. {@code "render progress"}
     * @param call the call
     */
    public static void tell(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A " + what + " listener failed: " + e);
        }
    }
}
