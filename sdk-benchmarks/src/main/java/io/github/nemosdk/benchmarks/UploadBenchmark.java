package io.github.nemosdk.benchmarks;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.uploads.UploadResult;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compares the SDK's file upload with a raw {@link HttpClient} POST of the same file, both against a
 * {@link LoopbackSink} on 127.0.0.1, and prints one table: throughput (median of the rounds), the SDK/raw ratio,
 * and the peak heap in use during each variant. Run it with a small heap ({@code -Xmx64m}): a body buffered in
 * memory instead of streamed shows up as an {@link OutOfMemoryError}, reported as a failed target.
 *
 * <p>Arguments: {@code --size-mb N} (file size, default 1024), {@code --rounds N} (measured rounds per variant,
 * default 6). Each variant gets one warm-up upload, then the rounds alternate between the variants (SDK first in
 * odd rounds, raw first in even ones). The exit code is 0 whether or not the targets are met; it is non-zero only
 * when the benchmark itself cannot run.
 */
public final class UploadBenchmark {
    private static final String SESSION_ID = "1234567890123456789";
    private static final long MIB = 1024 * 1024;
    private static final double MIN_RATIO = 0.9;
    private static final long FLAT_HEAP = 64 * MIB;
    /** An MP4 {@code ftyp} box (isom, minor 0x200, brands isom iso2 avc1 mp41): the file's first 32 bytes. */
    private static final byte[] FTYP = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0,
        'i', 's', 'o', 'm', 'i', 's', 'o', '2', 'a', 'v', 'c', '1', 'm', 'p', '4', '1'};

    private UploadBenchmark() {
    }

    /** One way of uploading the file. */
    private interface Upload {
        void run() throws Exception;
    }

    /** A variant's measurements. */
    private static final class Variant {
        final String name;
        final Upload upload;
        final List<Double> mibPerSecond = new ArrayList<>();
        long peakHeap;
        long bodyBytes;
        String failure;

        Variant(String name, Upload upload) {
            this.name = name;
            this.upload = upload;
        }
    }

    /**
     * Runs the benchmark and prints the table.
     *
     * @param args {@code --size-mb N}, {@code --rounds N}
     * @throws Exception if the benchmark cannot run (not when a target is missed)
     */
    public static void main(String[] args) throws Exception {
        long sizeMb = 1024;
        int rounds = 6; // even: each variant goes first as often as the other
        for (int i = 0; i < args.length; i++) {
            String a = args[i].trim();
            if (a.isEmpty()) {
                continue;
            } else if (a.equals("--size-mb") && i + 1 < args.length) {
                sizeMb = Long.parseLong(args[++i].trim());
            } else if (a.equals("--rounds") && i + 1 < args.length) {
                rounds = Integer.parseInt(args[++i].trim());
            } else {
                System.err.println("Usage: UploadBenchmark [--size-mb N (1 to 2048, default 1024)]"
                        + " [--rounds N (default 6)]");
                System.exit(2);
            }
        }
        if (sizeMb < 1 || sizeMb > 2048 || rounds < 1) {
            throw new IllegalArgumentException("--size-mb must be 1 to 2048 and --rounds at least 1");
        }
        long size = sizeMb * MIB;

        Path dir = Files.createTempDirectory("nemo-upload-bench");
        try (LoopbackSink sink = LoopbackSink.start(); HeapSampler heap = HeapSampler.start(20);
                NemoClient client = NemoClient.builder()
                        .baseUrl(sink.baseUrl())
                        .token("nmv_usr_benchmark")
                        .environment(Map.of())
                        .configDirectory(dir.resolve("config"))
                        .maxUploadBytes(2048 * MIB)
                        .build()) {
            Path file = sparseMp4(dir.resolve("big.mp4"), size);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI raw = sink.baseUrl().resolve(LoopbackSink.RAW_PATH);

            Variant sdk = new Variant("SDK", () -> {
                UploadResult r = client.uploads(SESSION_ID).file(file);
                if (r.files().size() != 1) {
                    throw new IllegalStateException("unexpected upload result " + r);
                }
            });
            Variant baseline = new Variant("raw", () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(raw)
                        .header("Content-Type", "video/mp4")
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("raw upload answered " + r.statusCode() + ": " + r.body());
                }
            });

            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "Upload benchmark: %d MiB sparse .mp4, %d round(s) + 1 warm-up per variant,"
                    + " sink %s%n", sizeMb, rounds, sink.baseUrl());
            System.out.printf(Locale.ROOT, "Java %s (%s), %d CPUs, Runtime.maxMemory() = %.1f MiB%n",
                    System.getProperty("java.version"), System.getProperty("java.vm.name"),
                    rt.availableProcessors(), rt.maxMemory() / (double) MIB);

            measure(sdk, sink, heap, size, true);
            measure(baseline, sink, heap, size, true);
            for (int round = 1; round <= rounds; round++) {
                Variant first = round % 2 == 1 ? sdk : baseline;
                Variant second = first == sdk ? baseline : sdk;
                measure(first, sink, heap, size, false);
                measure(second, sink, heap, size, false);
                System.out.printf(Locale.ROOT, "round %d: SDK %s MiB/s, raw %s MiB/s%n", round,
                        last(sdk), last(baseline));
            }
            System.out.println();
            printTable(sdk, baseline, size, sink.mismatches());
        } finally {
            deleteTree(dir);
        }
    }

    /** Uploads once; records throughput and peak heap unless it is the warm-up. */
    private static void measure(Variant v, LoopbackSink sink, HeapSampler heap, long size, boolean warmUp)
            throws Exception {
        if (v.failure != null) {
            return;
        }
        System.gc();
        heap.reset();
        long t0 = System.nanoTime();
        try {
            v.upload.run();
        } catch (OutOfMemoryError e) {
            v.failure = "OOM";
            System.out.println(v.name + " upload ran out of memory: " + e.getMessage());
            return;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = heap.peak();
        if (sink.lastReceived() != sink.lastDeclared() || sink.lastReceived() < size) {
            throw new IllegalStateException(v.name + " body: received " + sink.lastReceived() + " bytes, declared "
                    + sink.lastDeclared() + ", file " + size);
        }
        if (!warmUp) {
            v.mibPerSecond.add(size / (double) MIB / seconds);
            v.peakHeap = Math.max(v.peakHeap, peak);
            v.bodyBytes = sink.lastReceived();
        }
    }

    private static void printTable(Variant sdk, Variant raw, long size, int mismatches) {
        String row = "%-28s %14s %14s %20s %-24s %s%n";
        System.out.printf(Locale.ROOT, row, "figure", "SDK", "baseline", "ratio", "target", "result");
        System.out.printf(Locale.ROOT, row, "-".repeat(28), "-".repeat(14), "-".repeat(14), "-".repeat(20),
                "-".repeat(24), "------");

        double sdkRate = median(sdk.mibPerSecond);
        double rawRate = median(raw.mibPerSecond);
        boolean measured = sdk.failure == null && raw.failure == null;
        // each round pairs the two uploads made one after the other: the ratio is taken per round
        List<Double> ratios = new java.util.ArrayList<>();
        for (int i = 0; measured && i < Math.min(sdk.mibPerSecond.size(), raw.mibPerSecond.size()); i++) {
            ratios.add(sdk.mibPerSecond.get(i) / raw.mibPerSecond.get(i));
        }
        double ratio = median(ratios);
        System.out.printf(Locale.ROOT, row, "throughput MiB/s (paired)", rate(sdk, sdkRate), rate(raw, rawRate),
                measured ? spread(ratios) : "-", ">= 0.9x", passFail(measured && ratio >= MIN_RATIO));
        Report.row("upload throughput, MiB/s (paired rounds)", rate(sdk, sdkRate), rate(raw, rawRate),
                measured ? spread(ratios) : "-", ">= 0.90x", measured && ratio >= MIN_RATIO);
        Report.row("upload peak heap used, MiB (-Xmx64m)", heap(sdk), heap(raw),
                measured ? String.format(Locale.ROOT, "%.2fx", sdk.peakHeap / (double) raw.peakHeap) : "-",
                "< 64 MiB (flat heap)", sdk.failure == null && sdk.peakHeap < FLAT_HEAP);

        System.out.printf(Locale.ROOT, row, "peak heap used MiB", heap(sdk), heap(raw),
                measured ? String.format(Locale.ROOT, "%.2fx", sdk.peakHeap / (double) raw.peakHeap) : "-",
                "< 64 MiB (flat heap)", passFail(sdk.failure == null && sdk.peakHeap < FLAT_HEAP));

        System.out.printf(Locale.ROOT, row, "body bytes per upload", bytes(sdk), bytes(raw), "-",
                "= Content-Length", passFail(mismatches == 0 && sdk.bodyBytes >= size && raw.bodyBytes == size));
        Report.row("upload body bytes", bytes(sdk), bytes(raw), "-", "= Content-Length",
                mismatches == 0 && sdk.bodyBytes >= size && raw.bodyBytes == size);
        System.out.printf(Locale.ROOT, "(max heap %.1f MiB; peak heap includes uncollected garbage; SDK body ="
                + " file + multipart framing)%n", Runtime.getRuntime().maxMemory() / (double) MIB);
    }

    private static String spread(List<Double> ratios) {
        double[] a = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.2fx (%.2f-%.2f)", median(ratios), a[0], a[a.length - 1]);
    }

    private static String rate(Variant v, double median) {
        return v.failure != null ? v.failure : String.format(Locale.ROOT, "%.1f", median);
    }

    private static String heap(Variant v) {
        return v.failure != null ? v.failure : String.format(Locale.ROOT, "%.1f", v.peakHeap / (double) MIB);
    }

    private static String bytes(Variant v) {
        return v.failure != null ? v.failure : Long.toString(v.bodyBytes);
    }

    private static String last(Variant v) {
        return v.failure != null ? v.failure
                : String.format(Locale.ROOT, "%.1f", v.mibPerSecond.get(v.mibPerSecond.size() - 1));
    }

    private static String passFail(boolean pass) {
        return pass ? "pass" : "FAIL";
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** Creates a sparse file of the given size starting with an MP4 {@code ftyp} box. */
    private static Path sparseMp4(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(FTYP);
            f.setLength(size);
        }
        return file;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
