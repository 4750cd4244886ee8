package io.github.nemosdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatStream;
import io.github.nemosdk.errors.NemoInterruptedException;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.render.RenderStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt of a thread blocked in the SDK ends the call at once with {@link NemoInterruptedException}, the
 * interrupt flag set again and the connection let go: for chat reads, {@code send}, uploads, render waits and
 * downloads. The server here never finishes anything, so only the interrupt can end the calls before the
 * deadlines (minutes away).
 */
class InterruptTest {
    private static final String SID = "7000000000000000077";

    @TempDir
    Path dir;

    private final HangingServer server = new HangingServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private NemoClient client() {
        return NemoClient.builder().baseUrl(server.baseUrl())
                .token("nmv_usr_interrupt").environment(Map.of()).configDirectory(dir.resolve("cfg"))
                .renderSettings(RenderSettings.of(Duration.ofSeconds(30), Duration.ofMinutes(5)))
                .build();
    }

    /** What the interrupted call ended with, and whether its thread's interrupt flag was set then. */
    private static final class Outcome {
        Throwable thrown;
        boolean flagSet;
    }

    /** Runs {@code call} on a thread, interrupts it once it is blocked, and reports how the call ended. */
    private static Outcome interrupted(Consumer<CountDownLatch> call) throws Exception {
        Outcome o = new Outcome();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                call.accept(started);
            } catch (Throwable e) {
                o.thrown = e;
            }
            o.flagSet = Thread.currentThread().isInterrupted();
        }, "interrupted-caller");
        t.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).as("the call got going").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(200); // blocked for a while, not just passing through a wait
        // nothing else ends these calls for at least 30 s: a NemoInterruptedException within the join guard is the
        // interrupt's doing
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).as("the call ended").isFalse();
        return o;
    }

    private static void assertInterrupted(Outcome o) {
        assertThat(o.thrown).isInstanceOf(NemoInterruptedException.class);
        assertThat(o.flagSet).as("interrupt flag set again").isTrue();
    }

    @Test
    void aThreadReadingAChatStreamStopsAtOnceAndTheConnectionGoes() throws Exception {
        try (NemoClient client = client()) {
            Outcome o = interrupted(started -> {
                try (ChatStream events = client.chat(SID).stream("add music")) {
                    for (ChatEvent e : events) {
                        started.countDown();
                    }
                }
            });
            assertInterrupted(o);
        }
        assertThat(server.awaitClientsGone(1, 10_000)).as("the server saw the client go").isTrue();
    }

    @Test
    void sendStopsAtOnceAndDoesNotStartARecovery() throws Exception {
        try (NemoClient client = client()) {
            Outcome o = interrupted(started -> client.chat(SID).send("add music", e -> started.countDown()));
            assertInterrupted(o);
        }
        assertThat(server.awaitClientsGone(1, 10_000)).as("the server saw the client go").isTrue();
    }

    @Test
    void anUploadWaitingForItsAnswerStopsAtOnce() throws Exception {
        Path clip = Files.write(dir.resolve("clip.mp4"), TestMedia.mp4(50_000));
        try (NemoClient client = client()) {
            Outcome o = interrupted(started -> {
                started.countDown();
                client.uploads(SID).file(clip);
            });
            assertInterrupted(o);
        }
    }

    @Test
    void aRenderWaitStopsAtOnce() throws Exception {
        try (NemoClient client = client()) {
            Outcome o = interrupted(started -> client.render().awaitCompletion("render_w", Duration.ofMinutes(5),
                    job -> started.countDown()));
            assertInterrupted(o);
        }
    }

    @Test
    void aDownloadStopsAtOnceWritesNothingAndTheConnectionGoes() throws Exception {
        RenderJob job = RenderJob.of("render_w", RenderStatus.COMPLETED, 100,
                server.slowDownload(), null, null, null);
        Path out = dir.resolve("out.mp4");
        try (NemoClient client = client()) {
            Outcome o = interrupted(started -> {
                started.countDown();
                client.render().download(job, out);
            });
            assertInterrupted(o);
        }
        assertThat(out).doesNotExist();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        assertThat(server.awaitClientsGone(1, 10_000)).as("the server saw the client go").isTrue();
    }
}
