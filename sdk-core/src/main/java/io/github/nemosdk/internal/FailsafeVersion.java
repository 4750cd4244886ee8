package io.github.nemosdk.internal;

/**
 * Checks, when a client is built, that the Failsafe on the class path is one the SDK was built for: its retry policies
 * take Failsafe's checked predicates, which came with 3.2.1 (earlier 3.x releases took {@code java.util.function}
 * predicates, a binary-incompatible change), so an older Failsafe would otherwise fail with a bare
 * {@code NoClassDefFoundError} at the first call.
 */
public final class FailsafeVersion {
    /** The oldest Failsafe the SDK runs with. */
    public static final String MINIMUM = "3.2.1";

    private FailsafeVersion() {
    }

    /**
     * Fails with a message naming the versions when Failsafe is older than {@link #MINIMUM}.
     *
     * @param loader where to look for Failsafe's classes
     * @throws IllegalStateException if Failsafe is missing or too old
     */
    public static void check(ClassLoader loader) {
        try {
            Class.forName("dev.failsafe.function.CheckedBiPredicate", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("The Nemo SDK needs Failsafe " + MINIMUM + " or newer (3.3.1 or newer on"
                    + " the module path); the class path has " + found(loader) + ". Declare"
                    + " dev.failsafe:failsafe " + MINIMUM + " or newer in your own dependencies so it wins over the"
                    + " older one another library brings.", e);
        }
    }

    private static String found(ClassLoader loader) {
        try {
            Class<?> failsafe = Class.forName("dev.failsafe.Failsafe", false, loader);
            String v = failsafe.getPackage() == null ? null : failsafe.getPackage().getImplementationVersion();
            return v == null ? "an older Failsafe" : "Failsafe " + v;
        } catch (ClassNotFoundException | LinkageError e) {
            return "no Failsafe at all";
        }
    }
}
