package io.github.nemosdk.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JVM start to the first successful call: launches {@code ${java.home}/bin/java -Xmx64m} with this JVM's class
 * path running {@link ColdStartProbe} ({@code sdk}: {@code NemoClient} + {@code credits().balance()}; {@code raw}:
 * {@code HttpClient} + Jackson), against a {@link LoopbackApi} in this JVM, and takes the wall time from just before
 * the launch to the moment the child reports success. Median of the runs, alternating the variants.
 *
 * <p>Arguments: {@code --runs N} per variant (default 7).
 */
public final class ColdStartBenchmark {
    private ColdStartBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options
     * @throws Exception if it cannot run
     */
    public static void main(String[] args) throws Exception {
        int runs = 7;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[i + 1]);
            }
        }
        String token = ChatStreamBenchmark.TOKEN;
        try (LoopbackApi api = LoopbackApi.start(token, LoopbackApi.replay(new byte[0], 1))) {
            List<Double> sdk = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            launch("sdk", api, token); // warm the OS file cache for both
            launch("raw", api, token);
            for (int i = 0; i < runs; i++) {
                if (i % 2 == 0) {
                    sdk.add(launch("sdk", api, token));
                    raw.add(launch("raw", api, token));
                } else {
                    raw.add(launch("raw", api, token));
                    sdk.add(launch("sdk", api, token));
                }
            }
            System.out.println("cold start ms, SDK: " + sdk + ", raw: " + raw);
            List<Double> ratios = new ArrayList<>(); // each run pairs one SDK launch with the raw launch beside it
            for (int i = 0; i < sdk.size(); i++) {
                ratios.add(sdk.get(i) / raw.get(i));
            }
            Report.row("cold start to first call, ms (paired runs)", Report.f1(Report.median(sdk)),
                    Report.f1(Report.median(raw)), Report.spread(ratios), "<= 1.5x", Report.median(ratios) <= 1.5);
        }
    }

    /** Milliseconds from launch to the child's first successful call. */
    private static double launch(String variant, LoopbackApi api, String token) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), ColdStartProbe.class.getName(), variant,
                api.baseUrl().toString(), token).redirectErrorStream(true);
        Instant start = Instant.now();
        Process p = pb.start();
        String done = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("DONE ")) {
                    done = line;
                }
            }
        }
        if (p.waitFor() != 0 || done == null) {
            throw new IllegalStateException("cold-start child (" + variant + ") failed:\n" + output);
        }
        long micros = Long.parseLong(done.split(" ")[1]);
        long startMicros = start.getEpochSecond() * 1_000_000L + start.getNano() / 1000;
        return (micros - startMicros) / 1000.0;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
