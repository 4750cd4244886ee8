package io.github.nemosdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Events per second through {@code client.chat(sid).stream(prompt)} ({@link ChatStream}) for a recorded-looking
 * turn replayed by a {@link LoopbackApi}, against three clients reading the same bytes, each parsing every non-blank
 * {@code data:} payload to a Jackson tree:
 * <ul>
 * <li>{@code raw bytes}: {@code HttpClient} with {@code ofInputStream()}, lines split on the bytes, each payload
 * parsed with {@code readTree(bytes, off, len)} (the fastest a hand-written client gets);</li>
 * <li>{@code raw lines}: {@code HttpClient} with {@code BodyHandlers.ofLines()} and {@code readTree(String)};</li>
 * <li>{@code okhttp-sse}: OkHttp's {@code EventSource} (5.5.1) and {@code readTree(String)} of each event.</li>
 * </ul>
 * A round takes one sample of every variant (as many turns as take the slowest variant about a second), in an order
 * that rotates from round to round; each ratio is taken within its round (SDK rate / baseline rate), so a slow moment
 * of the machine hits both sides of a ratio. The rows give the
 * median ratio and its min–max over the rounds.
 *
 * <p>Arguments: {@code --size-mb N} (replay size, default 24), {@code --rounds N} (default 21); {@code --profile
 * VARIANT --seconds N} runs one variant ({@code sdk}, {@code raw bytes}, …) in a loop instead, for a profiler.
 */
public final class ChatStreamBenchmark {
    static final String TOKEN = "nmv_usr_benchmark";
    static final String SID = "1234567890123456789";
    private static final String PROMPT = "add lo-fi music at 35% and fade it out";
    /** About how long one sample of the slowest variant takes. */
    private static final double SAMPLE_SECONDS = 1.0;

    private ChatStreamBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options
     * @throws Exception if it cannot run
     */
    public static void main(String[] args) throws Exception {
        int sizeMb = 24;
        int rounds = 21;
        String profile = null;
        int seconds = 20;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--size-mb")) {
                sizeMb = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--profile")) {
                profile = args[i + 1];
            } else if (args[i].equals("--seconds")) {
                seconds = Integer.parseInt(args[i + 1]);
            }
        }
        ChatReplay replay = ChatReplay.generate(sizeMb * 1024 * 1024, 42);
        Path dir = Files.createTempDirectory("nemo-chat-bench");
        try (LoopbackApi api = LoopbackApi.start(TOKEN, LoopbackApi.replay(replay.bytes, 16 * 1024));
                NemoClient client = NemoClient.builder().baseUrl(api.baseUrl()).token(TOKEN)
                        .environment(Map.of()).configDirectory(dir).build()) {
            ObjectMapper mapper = new ObjectMapper();
            byte[] body = ("{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"" + SID
                    + "\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"" + PROMPT + "\"}]}}")
                    .getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", "raw-benchmark/1.0");
            headers.put("Accept", "text/event-stream");
            headers.put("X-Skill-Source", client.attribution().source());
            headers.put("X-Skill-Version", client.attribution().version());
            headers.put("X-Skill-Platform", client.attribution().platform());
            headers.put("Authorization", "Bearer " + TOKEN);
            URI uri = URI.create(api.baseUrl() + LoopbackApi.CHAT_PATH);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
            headers.forEach(rb::header);
            HttpRequest rawRequest = rb.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            OkHttpSse okhttp = new OkHttpSse(uri, headers, body, mapper);

            Map<String, Variant> variants = new LinkedHashMap<>();
            variants.put("sdk", () -> sdk(client));
            variants.put("raw bytes", () -> rawBytes(http, rawRequest, mapper));
            variants.put("raw lines", () -> rawLines(http, rawRequest, mapper));
            variants.put("okhttp-sse", okhttp::run);
            if (profile != null) {
                Variant v = variants.get(profile);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                int turns = 0;
                while (System.nanoTime() < end) {
                    v.run();
                    turns++;
                }
                System.out.printf(Locale.ROOT, "%s: %d turns in %d s%n", profile, turns, seconds);
                okhttp.close();
                return;
            }
            System.out.printf(Locale.ROOT, "Chat stream: replay of %.2f MiB, %d SSE events, %d rounds%n",
                    replay.bytes.length / 1048576.0, replay.sseEvents, rounds);
            for (Map.Entry<String, Variant> v : variants.entrySet()) {
                System.out.printf(Locale.ROOT, "  %s: %d events or lines seen per turn%n", v.getKey(),
                        v.getValue().run());
            }
            List<String> names = new ArrayList<>(variants.keySet());
            double slowest = 0;
            for (int i = 0; i < 8; i++) { // warm-up: every variant's code compiled before anything is measured
                for (String n : names) {
                    double t = time(variants.get(n), 1);
                    if (i == 7) {
                        slowest = Math.max(slowest, t);
                    }
                }
            }
            // one sample = as many turns as take about a second for the slowest variant: a garbage collection or a
            // slow moment of the machine is a small part of a sample, not most of it
            int turns = Math.max(1, (int) Math.round(SAMPLE_SECONDS / slowest));
            System.out.printf(Locale.ROOT, "  %d turns per sample%n", turns);
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            names.forEach(n -> rates.put(n, new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < names.size(); k++) {
                    String n = names.get((round + k) % names.size());
                    rates.get(n).add(replay.sseEvents * (double) turns / time(variants.get(n), turns));
                }
            }
            okhttp.close();
            List<Double> sdkRates = rates.get("sdk");
            System.out.printf(Locale.ROOT, "  SDK median %.1f MB/s%n", Report.median(sdkRates)
                    * replay.bytes.length / replay.sseEvents / 1e6);
            Report.row("chat stream, SSE events/s (median)", Report.f1(Report.median(sdkRates)), "-", "-", "-",
                    null);
            row("chat stream / raw bytes (paired)", sdkRates, rates.get("raw bytes"), 1.0);
            row("chat stream / okhttp-sse (paired)", sdkRates, rates.get("okhttp-sse"), 1.10);
            row("chat stream / raw ofLines (paired)", sdkRates, rates.get("raw lines"), 1.0);
        }
    }

    private static void row(String figure, List<Double> sdk, List<Double> baseline, double target) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < sdk.size(); i++) {
            ratios.add(sdk.get(i) / baseline.get(i));
        }
        double median = Report.median(ratios);
        Report.row(figure, Report.f1(Report.median(sdk)), Report.f1(Report.median(baseline)), Report.spread(ratios),
                String.format(Locale.ROOT, ">= %.2fx", target), median >= target);
    }

    /** One turn through one client; the count of what it saw. */
    @FunctionalInterface
    interface Variant {
        long run() throws Exception;
    }

    private static long sdk(NemoClient client) {
        long n = 0;
        try (ChatStream s = client.chat(SID).stream(PROMPT)) {
            for (ChatEvent e : s) {
                n++;
            }
        }
        return n;
    }

    /** Splits lines on the bytes as they arrive and parses each payload from the bytes. */
    private static long rawBytes(HttpClient http, HttpRequest request, ObjectMapper mapper) throws Exception {
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        int have = 0;
        try (InputStream in = r.body()) {
            int read;
            while ((read = in.read(buf, have, buf.length - have)) != -1) {
                int end = have + read;
                int start = 0;
                for (int i = 0; i < end; i++) {
                    if (buf[i] == '\n') {
                        n += line(buf, start, i, mapper);
                        start = i + 1;
                    }
                }
                have = end - start;
                System.arraycopy(buf, start, buf, 0, have);
                if (have == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
            }
        }
        return n;
    }

    private static int line(byte[] b, int start, int end, ObjectMapper mapper) throws Exception {
        if (end > start && b[end - 1] == '\r') {
            end--;
        }
        if (end - start >= 5 && b[start] == 'd' && b[start + 1] == 'a' && b[start + 2] == 't' && b[start + 3] == 'a'
                && b[start + 4] == ':') {
            int v = start + 5 < end && b[start + 5] == ' ' ? start + 6 : start + 5;
            if (v < end) {
                JsonNode node = mapper.readTree(b, v, end - v);
                return node.isObject() ? 1 : 0;
            }
            return 1;
        }
        return end > start && b[start] == ':' ? 1 : 0;
    }

    private static long rawLines(HttpClient http, HttpRequest request, ObjectMapper mapper) throws Exception {
        long n = 0;
        HttpResponse<Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
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
        return n;
    }

    /** OkHttp's server-sent events client: each event's data parsed with {@code readTree(String)}. */
    private static final class OkHttpSse implements AutoCloseable {
        private final okhttp3.OkHttpClient client = new okhttp3.OkHttpClient.Builder()
                .readTimeout(60, TimeUnit.SECONDS).build();
        private final okhttp3.Request request;
        private final ObjectMapper mapper;

        OkHttpSse(URI uri, Map<String, String> headers, byte[] body, ObjectMapper mapper) {
            okhttp3.Request.Builder b = new okhttp3.Request.Builder().url(uri.toString())
                    .post(okhttp3.RequestBody.create(body, okhttp3.MediaType.get("application/json")));
            headers.forEach(b::header);
            this.request = b.build();
            this.mapper = mapper;
        }

        long run() throws Exception {
            long[] n = new long[1];
            CompletableFuture<Void> done = new CompletableFuture<>();
            okhttp3.sse.EventSources.createFactory(client).newEventSource(request,
                    new okhttp3.sse.EventSourceListener() {
                        @Override
                        public void onEvent(okhttp3.sse.EventSource source, String id, String type, String data) {
                            try {
                                if (!data.isBlank()) {
                                    JsonNode node = mapper.readTree(data);
                                    if (node.isObject()) {
                                        n[0]++;
                                    }
                                } else {
                                    n[0]++;
                                }
                            } catch (Exception e) {
                                done.completeExceptionally(e);
                            }
                        }

                        @Override
                        public void onClosed(okhttp3.sse.EventSource source) {
                            done.complete(null);
                        }

                        @Override
                        public void onFailure(okhttp3.sse.EventSource source, Throwable t,
                                okhttp3.Response response) {
                            done.completeExceptionally(t != null ? t : new IllegalStateException("HTTP "
                                    + (response == null ? "?" : response.code())));
                        }
                    });
            done.get(120, TimeUnit.SECONDS);
            return n[0];
        }

        @Override
        public void close() {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    /** Seconds for some runs, one after the other. */
    private static double time(Variant run, int times) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < times; i++) {
            run.run();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
