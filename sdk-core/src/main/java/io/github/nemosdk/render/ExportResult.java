package io.github.nemosdk.render;

import java.nio.file.Path;
import org.immutables.value.Value;

/** A finished export: the render job and the downloaded file. Immutable. */
@Value.Immutable
public abstract class ExportResult {
    ExportResult() {
    }

    /**
     * The session that was exported.
     *
     * @return the session id
     */
    public abstract String sessionId();

    /**
     * The completed render job.
     *
     * @return the job
     */
    public abstract RenderJob job();

    /**
     * The downloaded MP4.
     *
     * @return the file
     */
    public abstract Path file();

    /**
     * How many renders were started: 1, or 2 when the first failed and was retried with a new id.
     *
     * @return the number of renders
     */
    public abstract int renders();

    /**
     * Creates a value, e.g. for tests.
     *
     * @param sessionId the session
     * @param job       the job
     * @param file      the file
     * @param renders   renders started
     * @return the value
     */
    public static ExportResult of(String sessionId, RenderJob job, Path file, int renders) {
        return ImmutableExportResult.of(sessionId, job, file, renders);
    }
}
