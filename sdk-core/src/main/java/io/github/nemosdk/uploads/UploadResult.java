package io.github.nemosdk.uploads;

import java.util.List;
import org.immutables.value.Value;

/** The outcome of one upload request. Immutable. */
@Value.Immutable
public abstract class UploadResult {
    UploadResult() {
    }

    /**
     * The session the files went to.
     *
     * @return the session id
     */
    public abstract String sessionId();

    /**
     * The files the service accepted, in request order.
     *
     * @return the files
     */
    public abstract List<UploadedFile> files();

    /**
     * Whether the service added the files to the session's state (timeline and media).
     *
     * @return true when the state was updated
     */
    public abstract boolean stateApplied();

    /**
     * Creates a value, e.g. for tests.
     *
     * @param sessionId    the session
     * @param files        the files
     * @param stateApplied whether the state was updated
     * @return the value
     */
    public static UploadResult of(String sessionId, List<UploadedFile> files, boolean stateApplied) {
        return ImmutableUploadResult.of(sessionId, files, stateApplied);
    }
}
