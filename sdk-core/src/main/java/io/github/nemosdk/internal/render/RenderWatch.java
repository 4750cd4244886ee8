package io.github.nemosdk.internal.render;

import io.github.nemosdk.ClientListener;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.RenderFailedException;
import io.github.nemosdk.errors.RenderTimeoutException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderProgressListener;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.render.RenderStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The rules of waiting for one render, shared by the blocking and the asynchronous wait: what each poll's answer
 * (or failure) means, and how long to wait before the next. One instance per wait; not thread-safe (a wait polls
 * one at a time).
 */
final class RenderWatch {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");

    private final String renderId;
    private final Duration timeout;
    private final Instant deadline;
    private final Clock clock;
    private final RenderSettings settings;
    private final RenderProgressListener listener;
    private final ClientListener clientListener;
    private int reads;

    RenderWatch(String renderId, Duration timeout, Clock clock, RenderSettings settings,
            RenderProgressListener listener, ClientListener clientListener) {
        this.renderId = renderId;
        this.timeout = timeout;
        this.clock = clock;
        this.deadline = clock.instant().plus(timeout);
        this.settings = settings;
        this.listener = listener;
        this.clientListener = clientListener;
    }

    /**
     * Whether a poll's failure leaves the render to be polled again: its own retries are spent, but the render goes
     * on regardless.
     */
    static boolean pollAgainAfter(Throwable e) {
        return e instanceof NemoTransportException || e instanceof NemoTimeoutException
                || e instanceof ServerErrorException || e instanceof RateLimitedException;
    }

    /**
     * After a poll failed in a way {@link #pollAgainAfter} accepts: the wait before the next poll.
     *
     * @throws RenderTimeoutException when the deadline has passed
     */
    Duration afterFailedPoll(NemoException e) {
        reads++;
        if (!clock.instant().isBefore(deadline)) {
            throw new RenderTimeoutException(renderId, "Render " + renderId + " could not be read before its deadline"
                    + " of " + timeout.getSeconds() + " s (" + e.getMessage() + "). Check it later with"
                    + " client.render().get(id).", e);
        }
        LOG.log(System.Logger.Level.INFO, "Polling render " + renderId + " failed (" + e.getMessage()
                + "); polling again");
        return nextWait();
    }

    /**
     * After a poll read the job: tells the listeners, then decides.
     *
     * @return the job when it completed, or null to poll again after {@link #nextWait()}
     * @throws RenderFailedException  when it failed or was cancelled
     * @throws RenderTimeoutException when it is still running at the deadline
     */
    RenderJob afterPoll(RenderJob job) {
        reads++;
        Listeners.tell("render progress", () -> listener.onProgress(job));
        Listeners.tell("render progress", () -> clientListener.onRenderProgress(job));
        if (job.status() == RenderStatus.COMPLETED) {
            return job;
        }
        if (job.status() == RenderStatus.FAILED || job.status() == RenderStatus.CANCELLED) {
            throw new RenderFailedException(renderId, "Render " + renderId + " "
                    + (job.status() == RenderStatus.FAILED ? "failed" : "was cancelled")
                    + job.error().map(e -> ": " + e).orElse("") + ".");
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new RenderTimeoutException(renderId, "Render " + renderId + " had not completed after "
                    + timeout.getSeconds() + " s (status " + job.status().name().toLowerCase(Locale.ROOT) + ", "
                    + job.progress() + "%). Wait longer with a larger timeout (RenderSettings), or check it later"
                    + " with client.render().get(id).");
        }
        return null;
    }

    /** The wait before the next poll: the poll interval, or what is left until the deadline when that is shorter. */
    Duration nextWait() {
        Duration wait = settings.pollIntervalAfter(reads);
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left.compareTo(wait) < 0 ? left : wait;
    }
}
