package io.github.nemosdk.examples.observability;

import io.github.nemosdk.ClientListener;
import io.github.nemosdk.RequestEvent;
import io.github.nemosdk.RetryEvent;
import io.github.nemosdk.SessionReplacement;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.render.RenderJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * The SDK's {@link ClientListener} bridged to Micrometer, so its figures reach whatever backend a registry feeds
 * (Prometheus, OpenTelemetry, Datadog, ...). Meters, all tagged with the endpoint where it applies:
 * <ul>
 *   <li>{@code nemo.requests} (timer): every HTTP attempt, tagged {@code outcome} = the status, or the failure's
 *       type for one that failed in transit;</li>
 *   <li>{@code nemo.response.bytes} (summary): the size of each answer read whole;</li>
 *   <li>{@code nemo.retries} (counter): tagged {@code reason} = the failure's type;</li>
 *   <li>{@code nemo.token.renewals}, {@code nemo.sessions.replaced} (counters);</li>
 *   <li>{@code nemo.chat.events} (counter): tagged {@code type} = the event's type;</li>
 *   <li>{@code nemo.render.polls} (counter): tagged {@code status}.</li>
 * </ul>
 * Usage: {@code NemoClient.builder().listener(new MicrometerListener(registry)).build()}.
 */
public final class MicrometerListener implements ClientListener {
    private final MeterRegistry registry;

    /**
     * Creates the bridge.
     *
     * @param registry where the meters are registered
     */
    public MicrometerListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void onRequestEnd(RequestEvent request) {
        String outcome = request.status().isPresent() ? String.valueOf(request.status().getAsInt())
                : request.failure().map(f -> f.getClass().getSimpleName()).orElse("unknown");
        Timer.builder("nemo.requests").description("HTTP attempts to the Nemo API")
                .tag("endpoint", request.endpoint()).tag("outcome", outcome)
                .register(registry).record(request.duration());
        if (request.bytesReceived() >= 0) {
            DistributionSummary.builder("nemo.response.bytes").baseUnit("bytes")
                    .tag("endpoint", request.endpoint()).register(registry).record(request.bytesReceived());
        }
    }

    @Override
    public void onRetry(RetryEvent retry) {
        Counter.builder("nemo.retries").tag("endpoint", retry.endpoint())
                .tag("reason", retry.reason().getClass().getSimpleName()).register(registry).increment();
    }

    @Override
    public void onTokenRenewal(String endpoint, NemoApiException rejection) {
        Counter.builder("nemo.token.renewals").tag("endpoint", endpoint).register(registry).increment();
    }

    @Override
    public void onSessionReplaced(SessionReplacement replacement) {
        Counter.builder("nemo.sessions.replaced").register(registry).increment();
    }

    @Override
    public void onChatEvent(String sessionId, ChatEvent event) {
        Counter.builder("nemo.chat.events").tag("type", event.getClass().getSimpleName()).register(registry)
                .increment();
    }

    @Override
    public void onRenderProgress(RenderJob job) {
        Counter.builder("nemo.render.polls").tag("status", job.status().name()).register(registry).increment();
    }
}
