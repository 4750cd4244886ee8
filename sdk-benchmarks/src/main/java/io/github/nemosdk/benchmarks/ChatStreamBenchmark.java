package io.github.nemosdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Events per second through {@code client.chat(sid).stream(prompt)} ({@link ChatStream}) for a recorded-looking
 * turn replayed by a {@link LoopbackApi}, against a raw {@link HttpClient} with {@code BodyHandlers.ofLines()} and
 * a Jackson {@code readTree} of every non-blank {@code data:} line. Both read the same bytes; the figure is the
 * replay's SSE events (events and comments) divided by the wall time from sending the request to the end of the
 * stream; median of the rounds, alternating the order.
 *
 * <p>Arguments: {@code --size-mb N} (replay size, default 3), {@code --rounds N} (default 15).
 */
public final class ChatStreamBenchmark {
    static final String TOKEN = "nmv_usr_benchmark";
    static final String SID = "1234567890123456789";

    private ChatStreamBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options
     * @throws Exception if it cannot run
     */
    public static void main(String[] args) throws Exception {
        int sizeMb = 3;
        int rounds = 15;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--size-mb")) {
                sizeMb = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[i + 1]);
            }
        }
        ChatReplay replay = ChatReplay.generate(sizeMb * 1024 * 1024, 42);
        Path dir = Files.createTempDirectory("nemo-chat-bench");
        try (LoopbackApi api = LoopbackApi.start(TOKEN, LoopbackApi.replay(replay.bytes, 16 * 1024));
                NemoClient client = NemoClient.builder().baseUrl(api.baseUrl()).token(TOKEN)
                        .environment(Map.of()).configDirectory(dir).build()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ObjectMapper mapper = new ObjectMapper();
            String prompt = "add lo-fi music at 35% and fade it out";
            byte[] body = ("{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"" + SID
                    + "\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"" + prompt + "\"}]}}")
                    .getBytes(StandardCharsets.UTF_8);
            HttpRequest rawRequest = HttpRequest.newBuilder(URI.create(api.baseUrl() + LoopbackApi.CHAT_PATH))
                    .header("User-Agent", "raw-benchmark/1.0")
                    .header("Accept", "text/event-stream")
                    .header("X-Skill-Source", client.attribution().source())
                    .header("X-Skill-Version", client.attribution().version())
                    .header("X-Skill-Platform", client.attribution().platform())
                    .header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();

            long[] counts = new long[2];
            Runnable sdk = () -> {
                long n = 0;
                try (ChatStream s = client.chat(SID).stream(prompt)) {
                    for (ChatEvent e : s) {
                        n++;
                    }
                }
                counts[0] = n;
            };
            Runnable raw = () -> {
                long n = 0;
                try {
                    HttpResponse<Stream<String>> r = http.send(rawRequest, HttpResponse.BodyHandlers.ofLines());
                    try (Stream<String> lines = r.body()) {
                        for (String line : (Iterable<String>) lines::iterator) {
                            if (line.startsWith("data:")) {
                                String v = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
                                if (!v.isBlank()) {
                                    JsonNode node = mapper.readTree(v);
                                    if (node.isObject()) {
                                        n++;
                                    }
                                } else {
                                    n++;
                                }
                            } else if (line.startsWith(":")) {
                                n++;
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                counts[1] = n;
            };
            System.out.printf(Locale.ROOT, "Chat stream: replay of %.2f MiB, %d SSE events, %d rounds%n",
                    replay.bytes.length / 1048576.0, replay.sseEvents, rounds);
            for (int i = 0; i < 5; i++) {
                time(sdk);
                time(raw);
            }
            List<Double> sdkRates = new ArrayList<>();
            List<Double> rawRates = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                if (round % 2 == 0) {
                    sdkRates.add(replay.sseEvents / time(sdk));
                    rawRates.add(replay.sseEvents / time(raw));
                } else {
                    rawRates.add(replay.sseEvents / time(raw));
                    sdkRates.add(replay.sseEvents / time(sdk));
                }
            }
            double s = Report.median(sdkRates);
            double r = Report.median(rawRates);
            System.out.printf(Locale.ROOT, "SDK delivered %d ChatEvents per turn; raw parsed %d data/comment lines;"
                    + " SDK %.1f MB/s, raw %.1f MB/s%n", counts[0], counts[1],
                    s * replay.bytes.length / replay.sseEvents / 1e6, r * replay.bytes.length / replay.sseEvents / 1e6);
            Report.row("chat stream, SSE events/s (median)", Report.f1(s), Report.f1(r), Report.ratio(s / r),
                    ">= 0.9x", s / r >= 0.9);
        }
    }

    /** Seconds for one run. */
    private static double time(Runnable run) {
        long t0 = System.nanoTime();
        run.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
