package io.github.nemosdk.benchmarks;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.chat.ChatRecovery;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.testkit.Endpoint;
import io.github.nemosdk.testkit.Fault;
import io.github.nemosdk.testkit.NemoEmulator;
import io.github.nemosdk.testkit.SampleMedia;
import io.github.nemosdk.workflows.QuickEditResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A soak run of the quick edit ({@code client.workflows().addMusic}) against a loopback {@link NemoEmulator}, with a
 * random fault injected before every round. One {@link NemoClient} is shared by a few worker threads; each round,
 * every worker runs one quick edit of the sample clip. An operation ends in exactly one of: an MP4 (checked:
 * {@code ftyp} box, size), a typed {@link NemoException} (counted by class), or a <em>lost</em> result (anything
 * else: an untyped exception, a result without a valid MP4, or no answer within {@code --op-timeout-seconds}).
 *
 * <p>Every {@code --report-seconds} (default 10) a line shows the operations done, failures by type, lost results,
 * the heap used after {@code System.gc()} and the live thread count. At the end, a summary table; the exit code is 0
 * when no result was lost and heap and threads stayed flat (the maximum of the last third of the samples is within
 * {@code --flat-tolerance} (default 20 %) of the maximum of the first third), else 1.
 *
 * <p>Arguments: {@code --minutes M} (default 10, fractions allowed), {@code --max-ops N} (default unlimited),
 * {@code --threads N} (default 4), {@code --seed S}, {@code --report-seconds S}, {@code --op-timeout-seconds S}
 * (default 120), {@code --flat-tolerance F} (default 0.2), {@code --reset-every R} (rounds between emulator resets,
 * default 10: the emulator keeps every request, session and upload, so it is reset between rounds to keep its own
 * memory out of the heap figures), {@code --sdk-logs} (keep the SDK's INFO log lines about each recovery; they are
 * silenced by default).
 */
public final class Soak {
    private static final java.util.logging.Logger SDK_LOGGER = java.util.logging.Logger.getLogger("io.github.nemosdk");
    private static final String INSTRUCTION = "add lo-fi music at 35% and fade it out";

    /** The disturbance of one round. */
    enum Disturbance { RATE_LIMIT_429, TOKEN_EXPIRED_1001, SERVER_502_ON_READ, DROP_ON_READ, CHAT_DISCONNECT_AFTER_EDIT,
        RENDER_FAILURE, NONE }

    /** One sample of the periodic report. */
    static final class Sample {
        final double seconds;
        final long ops;
        final long heapUsed;
        final int threads;

        Sample(double seconds, long ops, long heapUsed, int threads) {
            this.seconds = seconds;
            this.ops = ops;
            this.heapUsed = heapUsed;
            this.threads = threads;
        }
    }

    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lostByReason = new ConcurrentHashMap<>();
    private final Map<Disturbance, AtomicLong> rounds = new ConcurrentHashMap<>();
    private final AtomicLong ops = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final List<Sample> samples = new ArrayList<>();
    private final List<String> lostExamples = new ArrayList<>();
    private long startNanos;

    private Soak() {
    }

    /**
     * Runs the soak.
     *
     * @param args see the class description
     * @throws Exception if the soak cannot start
     */
    public static void main(String[] args) throws Exception {
        double minutes = 10;
        long maxOps = Long.MAX_VALUE;
        int threads = 4;
        long seed = System.nanoTime();
        int reportSeconds = 10;
        int opTimeoutSeconds = 120;
        double tolerance = 0.2;
        int resetEvery = 10;
        boolean sdkLogs = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i].trim();
            if (a.isEmpty()) {
                continue;
            }
            if (a.equals("--sdk-logs")) {
                sdkLogs = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i].trim();
            switch (a) {
                case "--minutes": minutes = Double.parseDouble(v); break;
                case "--max-ops": maxOps = Long.parseLong(v); break;
                case "--threads": threads = Integer.parseInt(v); break;
                case "--seed": seed = Long.parseLong(v); break;
                case "--report-seconds": reportSeconds = Integer.parseInt(v); break;
                case "--op-timeout-seconds": opTimeoutSeconds = Integer.parseInt(v); break;
                case "--flat-tolerance": tolerance = Double.parseDouble(v); break;
                case "--reset-every": resetEvery = Integer.parseInt(v); break;
                default: throw new IllegalArgumentException("unknown argument " + a + " (see the Soak javadoc)");
            }
        }
        if (minutes <= 0 || maxOps < 1 || threads < 1 || reportSeconds < 1 || resetEvery < 1) {
            throw new IllegalArgumentException("--minutes, --max-ops, --threads, --report-seconds and --reset-every"
                    + " must be positive");
        }
        if (!sdkLogs) { // the SDK reports each recovery at INFO; the soak's own lines are the output
            SDK_LOGGER.setLevel(java.util.logging.Level.WARNING);
        }
        int code = new Soak().run(minutes, maxOps, threads, seed, reportSeconds, opTimeoutSeconds, tolerance,
                resetEvery);
        System.exit(code);
    }

    private int run(double minutes, long maxOps, int threads, long seed, int reportSeconds, int opTimeoutSeconds,
            double tolerance, int resetEvery) throws Exception {
        System.out.printf(Locale.ROOT, "soak: %.1f min, max ops %s, %d threads, seed %d, max heap %.0f MiB%n",
                minutes, maxOps == Long.MAX_VALUE ? "unlimited" : Long.toString(maxOps), threads, seed,
                Runtime.getRuntime().maxMemory() / 1048576.0);
        Path dir = Files.createTempDirectory("nemo-soak");
        Random random = new Random(seed);
        ExecutorService workers = Executors.newFixedThreadPool(threads, named("soak-worker-"));
        startNanos = System.nanoTime();
        long endNanos = startNanos + (long) (minutes * 60e9);
        Thread reporter = null;
        try (NemoEmulator emulator = NemoEmulator.builder().tokenLimitPerClient(Integer.MAX_VALUE)
                .initialCredits(1_000_000).turnDuration(Duration.ofMillis(50)).heartbeatInterval(Duration.ofMillis(20))
                .renderDuration(Duration.ofMillis(200)).seed(seed).start();
                NemoClient client = NemoClient.builder().baseUrl(emulator.baseUrl()).environment(Map.of())
                        .configDirectory(dir.resolve("config")).tokenCache(false).product(Product.ADD_MUSIC)
                        .renderSettings(RenderSettings.of(Duration.ofMillis(50), Duration.ofSeconds(60)))
                        .chatSettings(ChatSettings.builder().recovery(ChatRecovery.builder()
                                .initialWait(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(300))
                                .silentRecheckInterval(Duration.ofMillis(100)).build()).build())
                        .build()) {
            Path clip = SampleMedia.writeHorizontalMp4(dir.resolve("clip.mp4"));
            sample(); // the baseline, before any operation
            reporter = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(reportSeconds * 1000L);
                        report(sample());
                    }
                } catch (InterruptedException e) {
                    // stopped
                }
            }, "soak-reporter");
            reporter.setDaemon(true);
            reporter.start();

            long round = 0;
            AtomicInteger outputs = new AtomicInteger();
            while (System.nanoTime() < endNanos && ops.get() < maxOps) {
                if (round > 0 && round % resetEvery == 0) {
                    emulator.reset(); // nothing is in flight between rounds
                }
                Disturbance d = disturb(emulator, random, threads);
                rounds.computeIfAbsent(d, k -> new AtomicLong()).incrementAndGet();
                int n = (int) Math.min(threads, maxOps - ops.get());
                List<Future<?>> futures = new ArrayList<>(n);
                List<AtomicBoolean> settled = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Path out = dir.resolve("out-" + outputs.incrementAndGet() + ".mp4");
                    AtomicBoolean once = new AtomicBoolean();
                    settled.add(once);
                    futures.add(workers.submit(() -> quickEdit(client, clip, out, once)));
                }
                long roundDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(opTimeoutSeconds);
                for (int i = 0; i < n; i++) {
                    try {
                        futures.get(i).get(Math.max(0, roundDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        if (settled.get(i).compareAndSet(false, true)) { // the operation can no longer count itself
                            lose("no outcome within " + opTimeoutSeconds + " s", "round " + round + " (" + d + ")");
                            ops.incrementAndGet();
                        }
                        futures.get(i).cancel(true);
                    }
                }
                emulator.clearFaults();
                emulator.failNextRenders(0);
                round++;
            }
        } finally {
            if (reporter != null) {
                reporter.interrupt();
                reporter.join();
            }
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
            deleteTree(dir);
        }
        Sample last = sample();
        report(last);
        return summary(tolerance);
    }

    /** Injects this round's random disturbance. */
    private static Disturbance disturb(NemoEmulator emulator, Random random, int threads) {
        Disturbance d = Disturbance.values()[random.nextInt(Disturbance.values().length)];
        Endpoint read = random.nextBoolean() ? Endpoint.STATE : Endpoint.RENDER_POLL;
        switch (d) {
            case RATE_LIMIT_429: {
                Endpoint[] any = {Endpoint.CREATE_SESSION, Endpoint.UPLOAD, Endpoint.STATE, Endpoint.CHAT,
                    Endpoint.RENDER_START, Endpoint.RENDER_POLL, Endpoint.CREDITS};
                emulator.inject(any[random.nextInt(any.length)], Fault.rateLimited(Duration.ofSeconds(1)),
                        1 + random.nextInt(threads));
                break;
            }
            case TOKEN_EXPIRED_1001:
                if (random.nextBoolean()) {
                    emulator.expireAllTokens();
                } else {
                    Endpoint[] any = {Endpoint.CREATE_SESSION, Endpoint.UPLOAD, Endpoint.STATE, Endpoint.CHAT,
                        Endpoint.RENDER_START, Endpoint.RENDER_POLL};
                    emulator.inject(any[random.nextInt(any.length)], Fault.tokenExpired(), 1);
                }
                break;
            case SERVER_502_ON_READ:
                emulator.inject(read, Fault.serverError(502), 1 + random.nextInt(2));
                break;
            case DROP_ON_READ:
                emulator.inject(read, Fault.dropConnection(), 1 + random.nextInt(2));
                break;
            case CHAT_DISCONNECT_AFTER_EDIT:
                emulator.inject(Endpoint.CHAT, Fault.chatDisconnect(true), 1);
                break;
            case RENDER_FAILURE:
                emulator.failNextRenders(1);
                break;
            case NONE:
            default:
                break;
        }
        return d;
    }

    /** One quick edit, classified into exactly one outcome. */
    private void quickEdit(NemoClient client, Path clip, Path out, AtomicBoolean settled) {
        Runnable outcome;
        try {
            QuickEditResult r = client.workflows().addMusic(clip, INSTRUCTION, out);
            String problem = mp4Problem(r == null ? null : r.output());
            outcome = problem == null ? succeeded::incrementAndGet : () -> lose("result without a valid MP4", problem);
        } catch (NemoException e) {
            outcome = () -> failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong())
                    .incrementAndGet();
        } catch (Throwable t) {
            outcome = () -> lose("untyped " + t.getClass().getName(), String.valueOf(t));
        }
        try {
            if (settled.compareAndSet(false, true)) { // not yet given up on by the round's deadline
                outcome.run();
                ops.incrementAndGet();
            }
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                // the temp dir is deleted at the end
            }
        }
    }

    private static String mp4Problem(Path file) {
        if (file == null) {
            return "no output path";
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            if (head.length < 8 || !"ftyp".equals(new String(head, 4, 4, StandardCharsets.US_ASCII))) {
                return file + " has no ftyp box";
            }
            return Files.size(file) > 1000 ? null : file + " is only " + Files.size(file) + " bytes";
        } catch (IOException e) {
            return file + ": " + e;
        }
    }

    private void lose(String reason, String detail) {
        lost.incrementAndGet();
        lostByReason.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        synchronized (lostExamples) {
            if (lostExamples.size() < 10) {
                lostExamples.add(reason + ": " + detail);
            }
        }
    }

    private Sample sample() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int liveThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        Sample s = new Sample((System.nanoTime() - startNanos) / 1e9, ops.get(), heap, liveThreads);
        synchronized (samples) {
            samples.add(s);
        }
        return s;
    }

    private void report(Sample s) {
        System.out.printf(Locale.ROOT, "[%6.1fs] ops %d, ok %d, failures %s, lost %d, heap after GC %.1f MiB,"
                + " threads %d%n", s.seconds, s.ops, succeeded.get(), counts(failures), lost.get(),
                s.heapUsed / 1048576.0, s.threads);
    }

    private static <K extends Comparable<K>> Map<K, Long> counts(Map<K, AtomicLong> m) {
        Map<K, Long> sorted = new TreeMap<>();
        m.forEach((k, v) -> sorted.put(k, v.get()));
        return sorted;
    }

    /** Prints the summary table and returns the exit code. */
    private int summary(double tolerance) {
        List<Sample> all;
        synchronized (samples) {
            all = new ArrayList<>(samples);
        }
        // the first sample is the baseline before any operation; thirds are taken over the samples during the run
        List<Sample> run = all.size() > 1 ? all.subList(1, all.size()) : all;
        int third = Math.max(1, run.size() / 3);
        List<Sample> first = run.subList(0, third);
        List<Sample> lastThird = run.subList(run.size() - third, run.size());
        long heapFirst = first.stream().mapToLong(s -> s.heapUsed).max().orElse(0);
        long heapLast = lastThird.stream().mapToLong(s -> s.heapUsed).max().orElse(0);
        int threadsFirst = first.stream().mapToInt(s -> s.threads).max().orElse(0);
        int threadsLast = lastThird.stream().mapToInt(s -> s.threads).max().orElse(0);
        boolean heapFlat = heapLast <= heapFirst * (1 + tolerance);
        boolean threadsFlat = threadsLast <= threadsFirst * (1 + tolerance);
        boolean noLoss = lost.get() == 0;
        double seconds = all.get(all.size() - 1).seconds;

        System.out.println();
        System.out.println("soak summary");
        String line = "---------------------------------------- ------------------------------ ------";
        System.out.printf(Locale.ROOT, "%-40s %-30s %s%n", "figure", "value", "result");
        System.out.println(line);
        row("duration", String.format(Locale.ROOT, "%.1f s", seconds), "");
        row("operations (quick edits)", Long.toString(ops.get()), "");
        row("  produced an MP4", Long.toString(succeeded.get()), "");
        long failed = failures.values().stream().mapToLong(AtomicLong::get).sum();
        row("  typed failures", Long.toString(failed), "");
        counts(failures).forEach((k, v) -> row("    " + k, Long.toString(v), ""));
        row("  lost results", Long.toString(lost.get()), noLoss ? "pass" : "FAIL");
        counts(lostByReason).forEach((k, v) -> row("    " + k, Long.toString(v), ""));
        row("  accounted (ok + failed + lost = ops)", (succeeded.get() + failed + lost.get()) + " = " + ops.get(),
                succeeded.get() + failed + lost.get() == ops.get() ? "pass" : "FAIL");
        row("throughput", String.format(Locale.ROOT, "%.1f ops/s", ops.get() / Math.max(seconds, 1e-9)), "");
        counts(rounds).forEach((k, v) -> row("rounds " + k.name(), Long.toString(v), ""));
        row("heap after GC, max 1st / last third", String.format(Locale.ROOT, "%.1f / %.1f MiB",
                heapFirst / 1048576.0, heapLast / 1048576.0), heapFlat ? "pass" : "FAIL");
        row("live threads, max 1st / last third", threadsFirst + " / " + threadsLast, threadsFlat ? "pass" : "FAIL");
        row("samples (baseline + during the run)", all.size() + String.format(Locale.ROOT,
                " (flat: last third max <= %.0f%% above first third max)", tolerance * 100), "");
        System.out.println(line);
        synchronized (lostExamples) {
            lostExamples.forEach(e -> System.out.println("lost: " + e));
        }
        boolean pass = noLoss && heapFlat && threadsFlat && succeeded.get() + failed + lost.get() == ops.get();
        System.out.println("result: " + (pass ? "PASS" : "FAIL") + " (exit code " + (pass ? 0 : 1) + ")");
        return pass ? 0 : 1;
    }

    private static void row(String figure, String value, String result) {
        System.out.printf(Locale.ROOT, "%-40s %-30s %s%n", figure, value, result);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
