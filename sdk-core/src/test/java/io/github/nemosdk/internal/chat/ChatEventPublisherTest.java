package io.github.nemosdk.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.ManualTicker;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.internal.http.LiveExchanges;
import io.github.nemosdk.internal.http.Secrets;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher of a chat turn on its own: what a subscriber that cancels at once leaves behind. */
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
}
