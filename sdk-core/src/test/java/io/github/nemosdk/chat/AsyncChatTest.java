package io.github.nemosdk.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.errors.ChatTimeoutException;
import io.github.nemosdk.errors.TokenExpiredException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WireMockTest
class AsyncChatTest {
    private static final String SID = "7000000000000000005";

    @TempDir
    Path dir;

    private NemoClient client(URI base, ChatSettings chat) {
        return NemoClient.builder().baseUrl(base).token("nmv_usr_async").environment(Map.of())
                .configDirectory(dir).sleeper(d -> { }).chatSettings(chat).build();
    }

    /** A subscriber that records everything and requests only what the test says. */
    static final class Probe implements Flow.Subscriber<ChatEvent> {
        final List<ChatEvent> events = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        final CountDownLatch subscribed = new CountDownLatch(1);
        volatile Flow.Subscription subscription;
        volatile boolean completed;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            subscribed.countDown();
        }

        @Override
        public void onNext(ChatEvent item) {
            events.add(item);
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
            done.countDown();
        }

        @Override
        public void onComplete() {
            completed = true;
            done.countDown();
        }

        void awaitEvents(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
    }

    @Test
    void futuresCompleteWithTheResultOrTheTypedFailure(WireMockRuntimeInfo wm) throws Exception {
        stubFor(get("/api/credits/balance/simple").willReturn(okJson(
                "{\"code\":0,\"data\":{\"available\":7,\"frozen\":1,\"total\":8}}")
                .withFixedDelay(200))); // still pending when the function below is attached
        stubFor(get("/api/state/nemo_agent/me/" + SID + "/latest").willReturn(aResponse().withStatus(401)
                .withBody("{\"code\":1001}")));
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "my-pool"));
        AtomicReference<String> thread = new AtomicReference<>();
        try (NemoClient client = NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).token("nmv_usr_a")
                .environment(Map.of()).configDirectory(dir).executor(pool).build()) {
            assertThat(client.async().credits().balance().thenApply(c -> {
                thread.set(Thread.currentThread().getName());
                return c.total();
            }).get(10, TimeUnit.SECONDS)).isEqualTo(8);
            assertThatThrownBy(() -> client.async().state(SID).latest().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TokenExpiredException.class);
            assertThatThrownBy(() -> client.async().state(SID).latest().join()).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(TokenExpiredException.class);
            assertThat(client.async()).isSameAs(client.async());
        } finally {
            pool.shutdownNow();
        }
        assertThat(thread.get()).isEqualTo("my-pool");
    }

    @Test
    void thePublisherDeliversOnlyWhatWasRequestedThenTheRest() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(out -> {
            for (int i = 0; i < 200; i++) {
                ScriptedSseServer.send(out, "data: {\"type\":\"text\",\"content\":\"t" + i + "\"}\n\n");
            }
        }); NemoClient client = client(server.baseUrl(), ChatSettings.defaults())) {
            Probe probe = new Probe();
            Flow.Publisher<ChatEvent> turn = client.async().chat(SID).stream("go");
            Thread.sleep(100);
            assertThat(server.requests.get()).as("nothing is sent before a subscriber comes").isZero();
            turn.subscribe(probe);
            probe.subscribed.await(5, TimeUnit.SECONDS);
            probe.subscription.request(2);
            probe.awaitEvents(2);
            Thread.sleep(300);
            assertThat(probe.events).hasSize(2);
            assertThat(probe.completed).isFalse();
            probe.subscription.request(Long.MAX_VALUE);
            assertThat(probe.done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(probe.events).hasSize(200);
            assertThat(((ChatEvent.Text) probe.events.get(199)).text()).isEqualTo("t199");
            assertThat(probe.completed).isTrue();
            assertThat(server.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void cancellingTheSubscriptionClosesTheExchange() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(out -> {
            while (true) {
                ScriptedSseServer.send(out, "data: {\"type\":\"heartbeat\"}\n\n");
                Thread.sleep(20);
            }
        }); NemoClient client = client(server.baseUrl(), ChatSettings.defaults())) {
            Probe probe = new Probe();
            client.async().chat(SID).stream("go").subscribe(probe);
            probe.subscribed.await(5, TimeUnit.SECONDS);
            probe.subscription.request(Long.MAX_VALUE);
            probe.awaitEvents(3);
            probe.subscription.cancel();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!server.clientGone && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.clientGone).isTrue();
            int seen = probe.events.size();
            Thread.sleep(200);
            assertThat(probe.events).hasSize(seen);
            assertThat(probe.done.getCount()).as("no terminal signal after cancel").isEqualTo(1);
        }
    }

    @Test
    void anErrorFrameArrivesAfterTheEarlierEventsAsOnError() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(out -> ScriptedSseServer.send(out,
                "data: {\"type\":\"text\",\"content\":\"working\"}\n\ndata: {\"error\":\"boom\"}\n\n"));
                NemoClient client = client(server.baseUrl(), ChatSettings.defaults())) {
            Probe probe = new Probe();
            client.async().chat(SID).stream("go").subscribe(probe);
            probe.subscribed.await(5, TimeUnit.SECONDS);
            probe.subscription.request(10);
            assertThat(probe.done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(probe.events).hasSize(1);
            assertThat(probe.error.get()).isInstanceOf(ChatStreamException.class).hasMessageContaining("boom");
        }
    }

    @Test
    void aSecondSubscriberIsRefusedAndTheMessageGoesOutOnce() throws Exception {
        try (ScriptedSseServer server = new ScriptedSseServer(out -> ScriptedSseServer.send(out,
                "data: {\"type\":\"text\",\"content\":\"ok\"}\n\n"));
                NemoClient client = client(server.baseUrl(), ChatSettings.defaults())) {
            Flow.Publisher<ChatEvent> turn = client.async().chat(SID).stream("go");
            Probe first = new Probe();
            Probe second = new Probe();
            turn.subscribe(first);
            turn.subscribe(second);
            first.subscribed.await(5, TimeUnit.SECONDS);
            first.subscription.request(Long.MAX_VALUE);
            assertThat(first.done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second.error.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("send the message again");
            assertThat(server.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void aStalledStreamEndsWithATimeoutAndBadDemandIsAnError() throws Exception {
        AtomicInteger served = new AtomicInteger();
        try (ScriptedSseServer server = new ScriptedSseServer(out -> {
            served.incrementAndGet();
            ScriptedSseServer.send(out, "data: {\"type\":\"text\",\"content\":\"hi\"}\n\n");
            Thread.sleep(10_000);
        }); NemoClient client = client(server.baseUrl(), ChatSettings.builder()
                .idleTimeout(Duration.ofSeconds(2)).build())) { // the server stalls for 10 s
            Probe probe = new Probe();
            client.async().chat(SID).stream("go").subscribe(probe);
            probe.subscribed.await(5, TimeUnit.SECONDS);
            probe.subscription.request(Long.MAX_VALUE);
            assertThat(probe.done.await(8, TimeUnit.SECONDS)).isTrue();
            assertThat(probe.events).hasSize(1);
            assertThat(probe.error.get()).isInstanceOfSatisfying(ChatTimeoutException.class, e ->
                    assertThat(e.reason()).isEqualTo(ChatTimeoutException.Reason.IDLE));

            Probe bad = new Probe();
            client.async().chat(SID).stream("go").subscribe(bad);
            bad.subscribed.await(5, TimeUnit.SECONDS);
            bad.subscription.request(0);
            assertThat(bad.done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(bad.error.get()).isInstanceOf(IllegalArgumentException.class);
        }
        try (NemoClient unused = NemoClient.builder().environment(Map.of()).build()) {
            assertThatThrownBy(() -> unused.async().chat(SID).stream(" ")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
