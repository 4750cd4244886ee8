package io.github.nemosdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.credits.CreditBalance;
import io.github.nemosdk.state.SessionState;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Latency (p50, p99) and allocations per call of {@code client.credits().balance()} and
 * {@code client.state(sid).latest()} against a {@link LoopbackApi} that answers the documented JSON at once, next
 * to a raw {@link HttpClient} GET with the same headers (bearer token included) and a Jackson {@code readTree} of
 * the body, checking {@code code == 0} and reading the same fields.
 *
 * <p>Allocations are {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} summed over every live thread
 * of the JVM except the server's (the HTTP client allocates on its selector and worker threads too), measured
 * around each block of calls and divided by the calls. A round alternates blocks of 25 calls between the SDK and the
 * raw client, so both meet the same moments of the machine, and the p50 ratio is taken per round; the row gives the
 * median of those ratios and their min–max.
 *
 * <p>Arguments: {@code --calls N} per variant per round (default 1500), {@code --rounds N} (default 21).
 */
public final class SmallCallBenchmark {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Calls per block: blocks of the two variants alternate within a round, short enough (a few milliseconds) that
     * both meet the same moments of the machine.
     */
    private static final int BLOCK = 25;

    private SmallCallBenchmark() {
    }

    /** One variant's samples. */
    private static final class Variant {
        final String name;
        final Callable<Object> call;
        double[] latencies = new double[0];
        long allocated;
        long calls;
        /** CPU nanoseconds: the calling thread, the HTTP client's selector thread, every other client thread. */
        final long[] cpu = new long[3];

        Variant(String name, Callable<Object> call) {
            this.name = name;
            this.call = call;
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args options
     * @throws Exception if it cannot run
     */
    public static void main(String[] args) throws Exception {
        int calls = 1500;
        int rounds = 21;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--calls")) {
                calls = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[i + 1]);
            }
        }
        String token = ChatStreamBenchmark.TOKEN;
        String sid = ChatStreamBenchmark.SID;
        Path dir = Files.createTempDirectory("nemo-small-bench");
        try (LoopbackApi api = LoopbackApi.start(token, LoopbackApi.replay(new byte[0], 1));
                NemoClient client = NemoClient.builder().baseUrl(api.baseUrl()).token(token)
                        .environment(Map.of()).configDirectory(dir).build()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
            ObjectMapper mapper = new ObjectMapper();
            // the raw variants build their request per call, as code sending a current bearer token must
            String creditsUrl = api.baseUrl().resolve(LoopbackApi.CREDITS_PATH).toString();
            String stateUrl = api.baseUrl().resolve(LoopbackApi.STATE_PREFIX + sid + "/latest").toString();

            Variant sdkCredits = new Variant("credits SDK", () -> {
                CreditBalance b = client.credits().balance();
                return b.available();
            });
            Variant rawCredits = new Variant("credits raw", () -> {
                JsonNode data = data(mapper, http.send(get(URI.create(creditsUrl), client, token),
                        HttpResponse.BodyHandlers.ofByteArray()));
                return data.get("available").asLong() + data.path("frozen").asLong();
            });
            Variant sdkState = new Variant("state SDK", () -> {
                SessionState s = client.state(sid).latest();
                return s.draft();
            });
            Variant rawState = new Variant("state raw", () -> {
                JsonNode data = data(mapper, http.send(get(URI.create(stateUrl), client, token),
                        HttpResponse.BodyHandlers.ofByteArray()));
                return data.get("state").get("draft");
            });
            long serverThread = api.thread().getId();
            Variant[][] pairs = {{sdkCredits, rawCredits}, {sdkState, rawState}};
            System.out.printf(Locale.ROOT, "Small calls: %d calls per variant per round, %d rounds, server %s%n",
                    calls, rounds, api.baseUrl());
            // every variant is warmed up before any is measured: the SDK variants share code, so warming each pair
            // just before its rounds would leave JIT compilation inside the first pair's measurements
            for (int pass = 0; pass < 2; pass++) {
                for (Variant[] pair : pairs) {
                    for (Variant v : pair) {
                        run(v, calls, serverThread, false);
                    }
                }
            }
            for (Variant[] pair : pairs) {
                List<Double> ratios50 = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    // a round alternates blocks of calls of the two variants, so both see the same moments of the
                    // machine; the round's ratio is taken from its own p50s
                    int block = Math.max(1, Math.min(BLOCK, calls));
                    List<double[]> sdkBlocks = new ArrayList<>();
                    List<double[]> rawBlocks = new ArrayList<>();
                    for (int done = 0; done < calls; done += block) {
                        boolean sdkFirst = (done / block + round) % 2 == 0;
                        Variant first = sdkFirst ? pair[0] : pair[1];
                        Variant second = sdkFirst ? pair[1] : pair[0];
                        double[] a = run(first, block, serverThread, true);
                        double[] b = run(second, block, serverThread, true);
                        (sdkFirst ? sdkBlocks : rawBlocks).add(a);
                        (sdkFirst ? rawBlocks : sdkBlocks).add(b);
                    }
                    double s50 = Report.percentile(concat(sdkBlocks), 50);
                    double r50 = Report.percentile(concat(rawBlocks), 50);
                    ratios50.add(s50 / r50);
                    System.out.printf(Locale.ROOT, "  %-12s round %2d p50 %8.1f us, raw %8.1f us, ratio %.2f%n",
                            pair[0].name, round, s50, r50, s50 / r50);
                }
                String what = pair[0].name.startsWith("credits") ? "credits().balance()" : "state(sid).latest()";
                Variant sv = pair[0];
                Variant rv = pair[1];
                double s50 = Report.percentile(sv.latencies.clone(), 50);
                double r50 = Report.percentile(rv.latencies.clone(), 50);
                double s99 = Report.percentile(sv.latencies.clone(), 99);
                double r99 = Report.percentile(rv.latencies.clone(), 99);
                double sa = sv.allocated / (double) sv.calls / 1024;
                double ra = rv.allocated / (double) rv.calls / 1024;
                Report.row(what + " p50 latency, us (paired rounds)", Report.f1(s50), Report.f1(r50),
                        Report.spread(ratios50), "<= 1.10x", Report.median(ratios50) <= 1.10);
                Report.row(what + " p99 latency, us", Report.f1(s99), Report.f1(r99), Report.ratio(s99 / r99),
                        "-", null);
                Report.row(what + " CPU per call, us: caller / selector / other client threads",
                        cpuPerCall(sv), cpuPerCall(rv), "-", "- (info)", null);
                Report.row(what + " alloc per call, KiB", Report.f1(sa), Report.f1(ra), Report.ratio(sa / ra),
                        "-", null);
            }
            if (api.rejected() > 0) {
                throw new IllegalStateException(api.rejected() + " requests were rejected by the server");
            }
        }
    }

    private static HttpRequest get(URI uri, NemoClient client, String token) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("User-Agent", "raw-benchmark/1.0")
                .header("Accept", "application/json")
                .header("X-Skill-Source", client.attribution().source())
                .header("X-Skill-Version", client.attribution().version())
                .header("X-Skill-Platform", client.attribution().platform())
                .header("Authorization", "Bearer " + token)
                .GET().build();
    }

    private static JsonNode data(ObjectMapper mapper, HttpResponse<byte[]> r) throws Exception {
        JsonNode root = mapper.readTree(r.body());
        if (r.statusCode() != 200 || root.path("code").asInt(-1) != 0) {
            throw new IllegalStateException("raw call answered " + r.statusCode() + ": " + root);
        }
        return root.get("data");
    }

    private static double[] concat(List<double[]> blocks) {
        int n = 0;
        for (double[] b : blocks) {
            n += b.length;
        }
        double[] all = new double[n];
        int at = 0;
        for (double[] b : blocks) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }

    private static double[] run(Variant v, int calls, long serverThread, boolean record) throws Exception {
        double[] lat = new double[calls];
        long[] cpuBefore = cpu(serverThread);
        long before = allocated(serverThread);
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            Object result = v.call.call();
            lat[i] = (System.nanoTime() - t0) / 1e3;
            if (result == null) {
                throw new IllegalStateException(v.name + " returned null");
            }
        }
        long after = allocated(serverThread);
        long[] cpuAfter = cpu(serverThread);
        if (record) {
            int n = v.latencies.length;
            v.latencies = Arrays.copyOf(v.latencies, n + calls);
            System.arraycopy(lat, 0, v.latencies, n, calls);
            v.allocated += after - before;
            for (int i = 0; i < 3; i++) {
                v.cpu[i] += cpuAfter[i] - cpuBefore[i];
            }
            v.calls += calls;
        }
        return lat;
    }

    private static String cpuPerCall(Variant v) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", v.cpu[0] / 1e3 / v.calls, v.cpu[1] / 1e3 / v.calls,
                v.cpu[2] / 1e3 / v.calls);
    }

    /**
     * CPU time so far of the calling thread, the HTTP clients' selector threads and every other live thread but the
     * server's (the HTTP clients' executors, the SDK's watchdog, JVM threads).
     */
    private static long[] cpu(long excluded) {
        long[] out = new long[3];
        long self = Thread.currentThread().getId();
        for (java.lang.management.ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null || t.getThreadId() == excluded) {
                continue;
            }
            long ns = THREADS.getThreadCpuTime(t.getThreadId());
            if (ns < 0) {
                continue;
            }
            int k = t.getThreadId() == self ? 0 : t.getThreadName().contains("SelectorManager") ? 1 : 2;
            out[k] += ns;
        }
        return out;
    }

    /** Bytes allocated so far by all live threads but the server's. */
    private static long allocated(long excluded) {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        long sum = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != excluded && bytes[i] > 0) {
                sum += bytes[i];
            }
        }
        return sum;
    }
}
