package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.async.AsyncNemoClient;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.render.ExportResult;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.render.RenderStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The asynchronous client against the emulator: the whole edit, and an export cancelled while it renders. */
@Timeout(60)
class SdkAsyncAgainstEmulatorTest {
    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private NemoClient.Builder builder(NemoEmulator emulator) {
        return NemoClient.builder().baseUrl(emulator.baseUrl()).environment(Map.of())
                .configDirectory(dir.resolve("cfg")).product(Product.ADD_MUSIC).executor(executor)
                .renderSettings(RenderSettings.of(Duration.ofMillis(50), Duration.ofSeconds(30)));
    }

    @Test
    void uploadChatAndExportWithTheAsyncClientGiveTheSameVideo() throws Exception {
        Path clip = SampleMedia.writeHorizontalMp4(dir.resolve("city.mp4"));
        Path out = dir.resolve("out/city-music.mp4");
        try (NemoEmulator emulator = NemoEmulator.builder().silentRatio(1.0).start();
                NemoClient client = builder(emulator).sleeper(d -> { }).build()) {
            AsyncNemoClient async = client.async();
            String sid = async.sessions().create().get(20, TimeUnit.SECONDS).sessionId();
            assertThat(async.uploads(sid).file(clip).get(20, TimeUnit.SECONDS).files()).hasSize(1);
            List<ChatEvent> events = collect(async.chat(sid).stream("add lo-fi music at 35% and fade it out"));
            assertThat(events).anyMatch(e -> e instanceof ChatEvent.ToolCall);
            assertThat(emulator.draft(sid)).contains("Lo-fi");
            ExportResult result = async.render().export(sid, out).get(30, TimeUnit.SECONDS);
            assertThat(result.job().status()).isEqualTo(RenderStatus.COMPLETED);
            assertThat(async.credits().balance().get(20, TimeUnit.SECONDS).available())
                    .isEqualTo(client.credits().balance().available());
        }
        SdkMediaAgainstEmulatorTest.assertMp4(out);
        assertThat(Files.readAllBytes(out)).isEqualTo(SampleMedia.horizontalMp4());
    }

    @Test
    void aCancelledExportCancelsItsRenderOnTheServiceAndSendsNothingAfter() throws Exception {
        Path clip = SampleMedia.writeHorizontalMp4(dir.resolve("city.mp4"));
        Path out = dir.resolve("out/city-music.mp4");
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (NemoEmulator emulator = NemoEmulator.builder().silentRatio(1.0).renderDuration(Duration.ofHours(1))
                .start()) {
            String sid;
            try (NemoClient setup = builder(emulator).sleeper(d -> { }).build()) {
                sid = setup.sessions().create().sessionId();
                setup.uploads(sid).file(clip);
                setup.chat(sid).send("add lo-fi music at 35% and fade it out");
            }
            try (NemoClient client = builder(emulator).sleeper(d -> {
                waiting.countDown(); // a poll has seen the render running; the export waits for the next
                release.await();
            }).build()) {
                CompletableFuture<ExportResult> export = client.async().render().export(sid, out);
                waiting.await();
                int before = emulator.requests().size();
                assertThat(export.cancel(true)).isTrue();
                while (count(emulator, Endpoint.RENDER_CANCEL) == 0) {
                    Thread.sleep(5); // the cancel goes out on its own
                }
                release.countDown();
                executor.submit(() -> { }).get(20, TimeUnit.SECONDS); // the wait has run its course
                assertThat(emulator.requests()).as("requests after the cancel").hasSize(before + 1);
                String id = new ObjectMapper().readTree(emulator.requests().stream()
                        .filter(r -> r.endpoint().equals(Optional.of(Endpoint.RENDER_START))).findFirst().get()
                        .body()).get("id").asText();
                assertThat(client.render().get(id).status()).isEqualTo(RenderStatus.CANCELLED);
            }
        }
        assertThat(Files.exists(out.getParent()) ? list(out.getParent()) : List.of()).isEmpty();
    }

    private static long count(NemoEmulator emulator, Endpoint endpoint) {
        return emulator.requests().stream().filter(r -> r.endpoint().equals(Optional.of(endpoint))).count();
    }

    private static List<Path> list(Path d) throws Exception {
        try (Stream<Path> files = Files.list(d)) {
            return files.collect(Collectors.toList());
        }
    }

    /** Subscribes, asks for one event at a time and waits for the end of the turn. */
    private static List<ChatEvent> collect(Flow.Publisher<ChatEvent> turn) throws Exception {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        turn.subscribe(new Flow.Subscriber<ChatEvent>() {
            private Flow.Subscription s;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                s = subscription;
                s.request(1);
            }

            @Override
            public void onNext(ChatEvent item) {
                events.add(item);
                s.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(30, TimeUnit.SECONDS);
        return events;
    }
}
