package io.github.nemosdk.testkit.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The export (render) jobs of one emulator. A job's progress is computed from the configured clock
 * whenever it is read, so no thread runs for it: over the configured render duration {@code D} it
 * is {@code pending} (progress 0) for the first tenth, then {@code processing} with progress rising
 * from 1 to 99, then {@code completed} (100) at {@code D}. A job chosen to fail ends {@code failed}
 * at {@code D/2} with progress 50; a cancelled one stays {@code cancelled} with the progress it had.
 * Render ids are global: an id used once (by anyone) is never accepted again. Thread-safe.
 */
final class RenderJobs {

    static final String PENDING = "pending";
    static final String PROCESSING = "processing";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";

    static final String FAILURE_MESSAGE = "render failed: the renderer could not encode the video (emulated failure)";

    /** A job's status at one instant. Immutable. */
    static final class Status {
        final String id;
        final String status;
        final int progress;
        final long createdAt;
        final Long completedAt;
        final String error;
        final boolean vertical;

        Status(String id, String status, int progress, long createdAt, Long completedAt, String error,
                boolean vertical) {
            this.id = id;
            this.status = status;
            this.progress = progress;
            this.createdAt = createdAt;
            this.completedAt = completedAt;
            this.error = error;
            this.vertical = vertical;
        }

        boolean finished() {
            return status.equals(COMPLETED) || status.equals(FAILED) || status.equals(CANCELLED);
        }
    }

    private static final class Job {
        final String id;
        final String ownerId;
        final long createdAt;
        final boolean failing;
        final boolean vertical;
        Status cancelled;

        Job(String id, String ownerId, long createdAt, boolean failing, boolean vertical) {
            this.id = id;
            this.ownerId = ownerId;
            this.createdAt = createdAt;
            this.failing = failing;
            this.vertical = vertical;
        }
    }

    private final Object lock = new Object();
    private final Clock clock;
    private final long durationMs;
    private final boolean everyIdUsed;
    private final int initialFailNext;
    private final Map<String, Job> jobs = new HashMap<>();
    private int failNext;

    RenderJobs(Clock clock, EmulatorConfig.Media settings) {
        this.clock = clock;
        this.durationMs = settings.renderDuration().toMillis();
        this.everyIdUsed = settings.duplicateRenderIds();
        this.failNext = settings.failNextRenders();
        this.initialFailNext = settings.failNextRenders();
    }

    /** Forgets every job (their ids become usable again) and restores the configured count of failing renders. */
    void reset() {
        synchronized (lock) {
            jobs.clear();
            failNext = initialFailNext;
        }
    }

    /**
     * Makes the next {@code n} started renders fail (replacing any count still pending).
     *
     * @param n not negative
     */
    void failNext(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        synchronized (lock) {
            failNext = n;
        }
    }

    /**
     * Creates a job.
     *
     * @return its first status ({@code pending}, progress 0)
     * @throws ApiException 409 (render envelope) if the id was used before, or always in duplicate-id mode
     */
    Status start(String ownerId, String id, boolean vertical) {
        synchronized (lock) {
            if (everyIdUsed || jobs.containsKey(id)) {
                throw ApiException.render(409, "render id already used");
            }
            boolean failing = failNext > 0;
            if (failing) {
                failNext--;
            }
            Job job = new Job(id, ownerId, clock.millis(), failing, vertical);
            jobs.put(id, job);
            return new Status(id, PENDING, 0, job.createdAt, null, null, vertical);
        }
    }

    /** The status of {@code ownerId}'s job {@code id}; empty if there is no such job of that user. */
    Optional<Status> status(String ownerId, String id) {
        synchronized (lock) {
            Job job = jobs.get(id);
            if (job == null || !job.ownerId.equals(ownerId)) {
                return Optional.empty();
            }
            return Optional.of(statusOf(job, clock.millis()));
        }
    }

    /** The status of job {@code id}, whoever owns it (for the unauthenticated output URL). */
    Optional<Status> status(String id) {
        synchronized (lock) {
            Job job = jobs.get(id);
            return job == null ? Optional.empty() : Optional.of(statusOf(job, clock.millis()));
        }
    }

    /**
     * Cancels {@code ownerId}'s job {@code id}.
     *
     * @return the cancelled status
     * @throws ApiException 404 (render envelope) if there is no such job of that user; 409 if it has
     *                      already finished
     */
    Status cancel(String ownerId, String id) {
        synchronized (lock) {
            Job job = jobs.get(id);
            if (job == null || !job.ownerId.equals(ownerId)) {
                throw ApiException.render(404, "render not found");
            }
            long now = clock.millis();
            Status current = statusOf(job, now);
            if (current.finished()) {
                throw ApiException.render(409, "render already finished (" + current.status + ")");
            }
            job.cancelled = new Status(id, CANCELLED, current.progress, job.createdAt,
                    Math.max(now, job.createdAt), null, job.vertical);
            return job.cancelled;
        }
    }

    private Status statusOf(Job job, long now) {
        if (job.cancelled != null) {
            return job.cancelled;
        }
        long elapsed = Math.max(0, now - job.createdAt);
        if (job.failing) {
            long failAt = durationMs / 2;
            if (elapsed >= failAt) {
                return new Status(job.id, FAILED, progressAt(failAt), job.createdAt, job.createdAt + failAt,
                        FAILURE_MESSAGE, job.vertical);
            }
        } else if (elapsed >= durationMs) {
            return new Status(job.id, COMPLETED, 100, job.createdAt, job.createdAt + durationMs, null, job.vertical);
        }
        if (elapsed < durationMs / 10) {
            return new Status(job.id, PENDING, 0, job.createdAt, null, null, job.vertical);
        }
        return new Status(job.id, PROCESSING, progressAt(elapsed), job.createdAt, null, null, job.vertical);
    }

    /** Progress while processing: the elapsed share of the duration, from 1 to 99. */
    private int progressAt(long elapsed) {
        if (durationMs <= 0) {
            return 0;
        }
        long percent = elapsed * 100 / durationMs;
        return (int) Math.max(1, Math.min(99, percent));
    }
}
