package io.github.nemosdk.internal;

import io.github.nemosdk.errors.NemoException;
import java.util.function.BiConsumer;

/**
 * Gives an exception the request id of the response it is about (a chat stream that broke, a turn that timed out):
 * the SDK's own way in to a field that has no public setter. {@code NemoException} installs the setter when its class
 * is initialised.
 */
public final class ExceptionRequestIds {
    private static volatile BiConsumer<NemoException, String> setter;

    private ExceptionRequestIds() {
    }

    /**
     * Installs the setter; only the first call counts.
     *
     * @param s sets an exception's request id
     */
    public static synchronized void install(BiConsumer<NemoException, String> s) {
        if (setter == null) {
            setter = s;
        }
    }

    /**
     * Sets the request id of an exception that has none.
     *
     * @param <T>       the exception type
     * @param e         the exception (any throwable; only a {@code NemoException} takes an id)
     * @param requestId the id, or null
     * @return the same exception
     */
    public static <T extends Throwable> T attach(T e, String requestId) {
        if (requestId != null && e instanceof NemoException && !((NemoException) e).requestId().isPresent()) {
            setter.accept((NemoException) e, requestId); // NemoException's class is initialised: e is one
        }
        return e;
    }
}
