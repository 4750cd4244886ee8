package io.github.nemosdk.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.ManualTicker;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.internal.http.LiveExchanges;
import io.github.nemosdk.internal.http.Secrets;
import io.github.nemosdk.internal.http.Decoded;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher of a chat turn on its own: what a subscriber that cancels at once leaves behind, and events read from
 * the read-only buffers the HTTP client hands out.
 */
class ChatEventPublisherTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aSubscriberThatCancelsInOnSubscribeSendsNothingAndLeavesNothingRegistered() {
        LiveExchanges live = new LiveExchanges();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger signals = new AtomicInteger();
        ChatEventPublisher turn = new ChatEventPublisher("1234567890123", cancel -> {
            opened.incrementAndGet();
            throw new AssertionError("the message must not be sent");
        }, scheduler, new ManualTicker(), ChatSettings.defaults(), Secrets.none(), live,
                Listeners.NONE);
        turn.subscribe(new Flow.Subscriber<ChatEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(ChatEvent item) {
                signals.incrementAndGet();
            }

            @Override
            public void onError(Throwable t) {
                signals.incrementAndGet();
            }

            @Override
            public void onComplete() {
                signals.incrementAndGet();
            }
        });
        assertThat(opened).as("messages sent").hasValue(0);
        assertThat(live.size()).as("registrations left with the client").isZero();
        assertThat(signals).as("signals after cancel").hasValue(0);
    }

    @Test
    void eventsSplitAcrossReadOnlyBuffersLargerThanTheScratchArriveWhole() throws Exception {
        String longText = "lo-fi ".repeat(5000); // 30,000 characters: one event larger than any copy buffer
        String stream = "data: {\"invocationId\":\"e-1\",\"author\":\"nemo_agent\",\"content\":{\"parts\":[{\"text\":\""
                + longText + "\"}]}}\n\n"
                + "data: {\"invocationId\":\"e-1\",\"author\":\"nemo_agent\",\"content\":{\"parts\":[{\"text\":"
                + "\"done\"}]}}\n\n"
                + "data: {\"invocationId\":\"e-1\",\"author\":\"nemo_agent\",\"turnComplete\":true}\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        // cut at places that split the long event, a line end and the next event's field name
        int[] cuts = {0, 7, 20_001, bytes.length - 120, bytes.length - 119, bytes.length};
        List<List<ByteBuffer>> chunks = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.length; i++) {
            ByteBuffer b = ByteBuffer.wrap(bytes, cuts[i], cuts[i + 1] - cuts[i]).slice().asReadOnlyBuffer();
            assertThat(b.hasArray()).isFalse();
            chunks.add(List.of(b));
        }
        SubmissionPublisher<List<ByteBuffer>> body = new SubmissionPublisher<>();
        Request request = Request.post("chat", "/run_sse").build();
        ChatEventPublisher turn = new ChatEventPublisher("1234567890123", cancel -> CompletableFuture.completedFuture(
                new Response(request, 200, Decoded.ofPublisher(body, null), -1)), scheduler, new ManualTicker(),
                ChatSettings.defaults(), Secrets.none(), new LiveExchanges(), Listeners.NONE);
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        turn.subscribe(new Flow.Subscriber<ChatEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ChatEvent item) {
                events.add(item);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        for (List<ByteBuffer> chunk : chunks) {
            body.submit(chunk);
        }
        body.close();
        done.get(10, TimeUnit.SECONDS);
        assertThat(events).filteredOn(e -> e instanceof ChatEvent.Text)
                .extracting(e -> ((ChatEvent.Text) e).text()).containsExactly(longText, "done");
    }
}
