package io.github.nemosdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatStream;
import io.github.nemosdk.errors.ClientClosedException;
import io.github.nemosdk.render.RenderJob;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.render.RenderStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client.close()} ends everything the client started: open chat streams (blocking and async), pending
 * requests, waits and downloads end promptly with {@link ClientClosedException}, their connections go, no SDK
 * thread stays, and later calls fail the same way without sending anything.
 */
class CloseTest {
    private static final String SID = "7000000000000000088";

    @TempDir
    Path dir;

    private final HangingServer server = new HangingServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private NemoClient client() {
        return NemoClient.builder().baseUrl(server.baseUrl()).token("nmv_usr_close").environment(Map.of())
                .configDirectory(dir.resolve("cfg"))
                .renderSettings(RenderSettings.of(Duration.ofSeconds(30), Duration.ofMinutes(5))).build();
    }

    /** A call running on its own thread; {@link #end()} says how it ended. */
    private static final class Running {
        final CompletableFuture<Throwable> ended = new CompletableFuture<>();
        final CountDownLatch going = new CountDownLatch(1);

        Running(String name, ThrowingCall call) {
            Thread t = new Thread(() -> {
                try {
                    call.run(going);
                    ended.complete(null);
                } catch (Throwable e) {
                    ended.complete(e);
                }
            }, name);
            t.setDaemon(true);
            t.start();
        }

        Throwable end() throws Exception {
            return ended.get(5, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run(CountDownLatch going) throws Exception;
    }

    private static long sdkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("nemo-")).count();
    }

    @Test
    void closeEndsEveryStreamRequestWaitAndDownloadAtOnce() throws Exception {
        long threadsBefore = sdkThreads();
        Path clip = Files.write(dir.resolve("clip.mp4"), TestMedia.mp4(20_000));
        NemoClient client = client();
        List<Running> streams = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ChatStream events = client.chat(SID).stream("add music " + i);
            streams.add(new Running("reader-" + i, going -> {
                for (ChatEvent e : events) {
                    going.countDown();
                }
            }));
        }
        Running upload = new Running("upload", going -> {
            going.countDown();
            client.uploads(SID).file(clip);
        });
        Running render = new Running("render", going -> client.render().awaitCompletion("render_w",
                Duration.ofMinutes(5), job -> going.countDown()));
        Running download = new Running("download", going -> {
            going.countDown();
            client.render().download(RenderJob.of("render_w", RenderStatus.COMPLETED, 100, server.slowDownload(),
                    null, null, null), dir.resolve("out.mp4"));
        });
        CompletableFuture<Throwable> async = new CompletableFuture<>();
        CountDownLatch asyncGoing = new CountDownLatch(1);
        client.async().chat(SID).stream("add jazz").subscribe(new Flow.Subscriber<ChatEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ChatEvent item) {
                asyncGoing.countDown();
            }

            @Override
            public void onError(Throwable t) {
                async.complete(t);
            }

            @Override
            public void onComplete() {
                async.complete(null);
            }
        });
        for (Running r : streams) {
            assertThat(r.going.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(upload.going.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(render.going.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(download.going.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(asyncGoing.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // everything is blocked: the server answers nothing more for seconds

        // nothing else ends these calls for at least 30 s (request timeout, render poll, endless heartbeats), so each
        // ending with ClientClosedException within the 5 s guard of end() is close()'s doing
        client.close();

        for (Running r : streams) {
            assertThat(r.end()).isInstanceOf(ClientClosedException.class).hasMessageContaining("chat stream");
        }
        assertThat(upload.end()).isInstanceOf(ClientClosedException.class);
        assertThat(render.end()).isInstanceOf(ClientClosedException.class);
        assertThat(download.end()).isInstanceOf(ClientClosedException.class);
        assertThat(async.get(5, TimeUnit.SECONDS)).isInstanceOf(ClientClosedException.class);
        assertThat(dir.resolve("out.mp4")).doesNotExist();
        assertThat(server.awaitClientsGone(52, 5_000)).as("every streaming connection went, %s of 52",
                server.clientsGone.get()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sdkThreads() > threadsBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sdkThreads()).as("SDK threads left").isLessThanOrEqualTo(threadsBefore);

        int seen = server.requests.get();
        assertThatThrownBy(() -> client.credits().balance()).isInstanceOf(ClientClosedException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> client.chat(SID).stream("again")).isInstanceOf(ClientClosedException.class);
        assertThat(server.requests.get()).as("nothing sent after close").isEqualTo(seen);
    }

    @Test
    void theAsyncClientOfAClosedClientFailsEachCallAndStartsNoThread() throws Exception {
        NemoClient client = client();
        client.close();
        long before = sdkThreads();
        java.util.concurrent.CompletableFuture<?> credits = client.async().credits().balance();
        assertThatThrownBy(() -> credits.get(5, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class)
                .hasCauseInstanceOf(ClientClosedException.class);
        assertThat(sdkThreads()).as("SDK threads started for a closed client").isLessThanOrEqualTo(before);
        assertThat(server.requests.get()).as("requests sent").isZero();
    }

    @Test
    void aDownloadAfterCloseSendsNothingAndWritesNothing() throws Exception {
        NemoClient client = client();
        client.close();
        io.github.nemosdk.render.RenderJob job = io.github.nemosdk.render.RenderJob.of("render_closed",
                io.github.nemosdk.render.RenderStatus.COMPLETED, 100,
                java.net.URI.create(server.baseUrl() + "/cdn/slow.mp4"), null, null, null);
        assertThatThrownBy(() -> client.render().download(job, dir.resolve("late.mp4")))
                .isInstanceOf(ClientClosedException.class);
        assertThat(server.requests.get()).as("requests sent").isZero();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("late.mp4"));
        }
    }
}
