package io.github.nemosdk.internal.http;

import io.github.nemosdk.errors.NemoException;

/**
 * Carries a failure that the layer raising it has already recovered from as far as it could (the token source's own
 * request, with its own retries): no layer above judges it again, and {@code Transport} throws the failure itself.
 */
public final class SettledFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient NemoException failure;

    /**
     * Wraps a failure.
     *
     * @param failure the failure to report as it is
     */
    public SettledFailure(NemoException failure) {
        super(null, null, false, false);
        this.failure = failure;
    }

    /**
     * The failure to report.
     *
     * @return the failure
     */
    public NemoException failure() {
        return failure;
    }
}
