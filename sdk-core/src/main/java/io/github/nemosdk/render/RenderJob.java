package io.github.nemosdk.render;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/** A render job as last reported by the service. Immutable. */
@Value.Immutable
public abstract class RenderJob {
    RenderJob() {
    }

    /**
     * The render id ({@code render_…}).
     *
     * @return the id
     */
    public abstract String id();

    /**
     * The job's status.
     *
     * @return the status
     */
    public abstract RenderStatus status();

    /**
     * Progress from 0 to 100.
     *
     * @return the percentage
     */
    public abstract int progress();

    /**
     * Where the finished MP4 can be downloaded ({@code output.url}, or {@code data.outputUrl} in the older shape). A
     * completed job without one is downloaded from the authenticated download endpoint.
     *
     * @return the URL, once completed
     */
    public abstract Optional<URI> outputUrl();

    /**
     * The length of the finished video ({@code output.duration}).
     *
     * @return the duration, once completed and when reported
     */
    public abstract Optional<Duration> outputDuration();

    /**
     * The size of the finished file in bytes ({@code output.size}).
     *
     * @return the size, once completed and when reported
     */
    public abstract OptionalLong outputSize();

    /**
     * When the job was created.
     *
     * @return the time, when reported
     */
    public abstract Optional<Instant> createdAt();

    /**
     * When the job finished.
     *
     * @return the time, when reported
     */
    public abstract Optional<Instant> completedAt();

    /**
     * Why the job failed.
     *
     * @return the service's message, when it failed
     */
    public abstract Optional<String> error();

    /**
     * The job as a progress line for people: {@code Waiting to render}, {@code Rendering 37%},
     * {@code Rendering 100%}, or {@code Render failed: <reason>} / {@code Render cancelled}.
     *
     * @return the line
     */
    public String display() {
        switch (status()) {
            case PENDING:
                return "Waiting to render";
            case PROCESSING:
                return "Rendering " + progress() + "%";
            case COMPLETED:
                return "Rendering 100%";
            case FAILED:
                return "Render failed" + error().map(e -> ": " + e).orElse("");
            case CANCELLED:
                return "Render cancelled";
            default:
                return "Rendering (status unknown) " + progress() + "%";
        }
    }

    /**
     * Creates a value, e.g. for tests. Null stands for unknown.
     *
     * @param id          the render id
     * @param status      the status
     * @param progress    0 to 100
     * @param outputUrl   the output URL, or null
     * @param createdAt   the creation time, or null
     * @param completedAt the completion time, or null
     * @param error       the failure message, or null
     * @return the value
     */
    public static RenderJob of(String id, RenderStatus status, int progress, URI outputUrl, Instant createdAt,
            Instant completedAt, String error) {
        return of(id, status, progress, outputUrl, null, null, createdAt, completedAt, error);
    }

    /**
     * Creates a value with the output's length and size, e.g. for tests. Null stands for unknown.
     *
     * @param id             the render id
     * @param status         the status
     * @param progress       0 to 100
     * @param outputUrl      the output URL, or null
     * @param outputDuration the video's length, or null
     * @param outputSize     the file's size in bytes, or null
     * @param createdAt      the creation time, or null
     * @param completedAt    the completion time, or null
     * @param error          the failure message, or null
     * @return the value
     */
    public static RenderJob of(String id, RenderStatus status, int progress, URI outputUrl, Duration outputDuration,
            Long outputSize, Instant createdAt, Instant completedAt, String error) {
        return ImmutableRenderJob.of(id, status, Math.max(0, Math.min(100, progress)), Optional.ofNullable(outputUrl),
                Optional.ofNullable(outputDuration),
                outputSize == null ? OptionalLong.empty() : OptionalLong.of(outputSize),
                Optional.ofNullable(createdAt), Optional.ofNullable(completedAt), Optional.ofNullable(error));
    }
}
