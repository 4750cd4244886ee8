package io.github.nemosdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * Runs the benchmarks, each in a child JVM ({@code ${java.home}/bin/java}, this JVM's class path, its own
 * {@code -Xmx}), and prints one table: figure, SDK, baseline, ratio, target, result.
 *
 * <p>Arguments: {@code all} or a comma list of {@code upload,chat,decoder,small,concurrency,coldstart,footprint};
 * then {@code --quick} for a short smoke run (smaller sizes, fewer rounds). The exit code is 0 whether or not the
 * targets are met; it is non-zero only when a benchmark cannot run.
 */
public final class BenchmarkSuite {
    private static final List<String> ALL = List.of("upload", "chat", "decoder", "small", "concurrency",
            "coldstart", "footprint");
    private static final List<String[]> ROWS = new ArrayList<>();
    private static final List<String> NOTES = new ArrayList<>();

    private BenchmarkSuite() {
    }

    /**
     * Runs the selected benchmarks.
     *
     * @param args selection and options
     * @throws Exception if a benchmark cannot run
     */
    public static void main(String[] args) throws Exception {
        Set<String> selected = new LinkedHashSet<>();
        boolean quick = false;
        for (String a : args) {
            a = a.trim();
            if (a.isEmpty()) {
                continue;
            }
            if (a.equals("--quick")) {
                quick = true;
            } else {
                for (String s : a.split(",")) {
                    if (s.equals("all")) {
                        selected.addAll(ALL);
                    } else if (ALL.contains(s)) {
                        selected.add(s);
                    } else {
                        System.err.println("Unknown benchmark '" + s + "'; choose all or some of " + ALL);
                        System.exit(2);
                    }
                }
            }
        }
        if (selected.isEmpty()) {
            selected.addAll(ALL);
        }
        long t0 = System.nanoTime();
        for (String b : ALL) {
            if (!selected.contains(b)) {
                continue;
            }
            System.out.println("=== " + b);
            switch (b) {
                case "upload":
                    upload(quick);
                    break;
                case "chat":
                    ROWS.addAll(rows(child("-Xmx256m", ChatStreamBenchmark.class, quick
                            ? List.of("--size-mb", "1", "--rounds", "5") : List.of())));
                    break;
                case "decoder":
                    decoder(quick);
                    break;
                case "small":
                    ROWS.addAll(rows(child("-Xmx128m", SmallCallBenchmark.class, quick
                            ? List.of("--calls", "300", "--rounds", "2") : List.of())));
                    break;
                case "concurrency":
                    concurrency(quick);
                    break;
                case "coldstart":
                    ROWS.addAll(rows(child("-Xmx64m", ColdStartBenchmark.class, quick
                            ? List.of("--runs", "2") : List.of())));
                    break;
                default:
                    footprint();
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println();
        System.out.printf(Locale.ROOT, "Nemo SDK benchmarks: Java %s (%s), %d CPUs, %s %s; %.0f s%s%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), (System.nanoTime() - t0) / 1e9,
                quick ? " (--quick: smoke run, not for the record)" : "");
        String row = "| %-50s | %14s | %14s | %7s | %-20s | %-6s |%n";
        System.out.printf(Locale.ROOT, row, "figure", "SDK", "baseline", "ratio", "target", "result");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%n", "-".repeat(52), "-".repeat(16), "-".repeat(16),
                "-".repeat(9), "-".repeat(22), "-".repeat(8));
        for (String[] r : ROWS) {
            System.out.printf(Locale.ROOT, row, (Object[]) r);
        }
        for (String n : NOTES) {
            System.out.println("  " + n);
        }
    }

    // ---------------------------------------------------------------- benchmarks

    private static void upload(boolean quick) throws Exception {
        ROWS.addAll(rows(child("-Xmx64m", UploadBenchmark.class, quick
                ? List.of("--size-mb", "128", "--rounds", "2") : List.of())));
    }

    private static void decoder(boolean quick) throws Exception {
        Path json = Files.createTempFile("nemo-jmh", ".json");
        try {
            child("-Xmx256m", "org.openjdk.jmh.Main", List.of(SseDecoderBenchmark.class.getName(), "-f", "1",
                    "-wi", quick ? "1" : "5", "-w", quick ? "1s" : "2s", "-i", quick ? "2" : "5",
                    "-r", quick ? "1s" : "2s", "-prof", "gc",
                    "-jvmArgs", "-Xmx256m", "-rf", "json", "-rff", json.toString()));
            ChatReplay replay = ChatReplay.generate(SseDecoderBenchmark.REPLAY_BYTES, SseDecoderBenchmark.SEED);
            Map<String, double[]> results = new HashMap<>();
            for (JsonNode r : new ObjectMapper().readTree(json.toFile())) {
                String name = r.path("benchmark").asText();
                String variant = name.substring(name.lastIndexOf('.') + 1);
                double msPerOp = r.path("primaryMetric").path("score").asDouble();
                double bytesPerOp = r.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score")
                        .asDouble(Double.NaN);
                results.put(variant, new double[] {msPerOp, bytesPerOp});
            }
            double[] s = results.get("sdk");
            double[] r = results.get("raw");
            double mbS = replay.bytes.length / 1e6 / (s[0] / 1000);
            double mbR = replay.bytes.length / 1e6 / (r[0] / 1000);
            ROWS.add(new String[] {"decoder alone (JMH), MB/s", Report.f1(mbS), Report.f1(mbR),
                Report.ratio(mbS / mbR), "- (info)", "info"});
            double aS = s[1] / replay.sseEvents;
            double aR = r[1] / replay.sseEvents;
            ROWS.add(new String[] {"decoder alone (JMH -prof gc), bytes alloc/event", Report.f1(aS), Report.f1(aR),
                Report.ratio(aS / aR), "- (info)", "info"});
            NOTES.add(String.format(Locale.ROOT, "decoder: %d-byte replay, %d SSE events per op; SDK = SseParser +"
                    + " FrameDecoder to ChatEvents, baseline = BufferedReader lines + readTree", replay.bytes.length,
                    replay.sseEvents));
        } finally {
            Files.deleteIfExists(json);
        }
    }

    private static void concurrency(boolean quick) throws Exception {
        List<Integer> sizes = quick ? List.of(200) : List.of(1000, 5000, 10000);
        for (int n : sizes) {
            // the JDK's HTTP client keeps a read buffer of jdk.httpclient.bufsize (16 KiB) per open connection: at
            // 10,000 streams that alone is 160 MiB, so that row runs both sides with 4 KiB buffers
            String bufsize = n >= 10000 ? "-Djdk.httpclient.bufsize=4096" : null;
            Map<String, String> s = concurrencyRun("sdk", n, bufsize);
            Map<String, String> r = concurrencyRun("raw", n, bufsize);
            String label = String.format(Locale.ROOT, "%,d", n) + (bufsize != null ? " (4 KiB JDK read buffers)" : "");
            ROWS.add(new String[] {label + " async chat streams: completed", s.get("completed"), r.get("completed"),
                "-", "all complete", pf(Boolean.parseBoolean(s.get("allCompleted")))});
            double threads = Double.parseDouble(s.get("threadsClient"));
            ROWS.add(new String[] {label + " streams: peak client platform threads", s.get("threadsClient"),
                r.get("threadsClient"), Report.ratio(threads / Double.parseDouble(r.get("threadsClient"))), "< 64",
                pf(threads < 64)});
            double hs = Double.parseDouble(s.get("heapRetainedPerStreamKiB"));
            double hr = Double.parseDouble(r.get("heapRetainedPerStreamKiB"));
            ROWS.add(new String[] {label + " streams: heap per open stream after GC, KiB (-Xmx256m)",
                s.get("heapRetainedPerStreamKiB"), r.get("heapRetainedPerStreamKiB"), Report.ratio(hs / hr),
                "<= 1.10x", pf(hs / hr <= 1.10)});
            ROWS.add(new String[] {label + " streams: peak heap used, MiB", s.get("heapPeakMiB"), r.get("heapPeakMiB"),
                Report.ratio(Double.parseDouble(s.get("heapPeakMiB")) / Double.parseDouble(r.get("heapPeakMiB"))),
                "- (info)", "info"});
        }
        int n = sizes.get(0);
        Map<String, String> d = concurrencyRun("raw-default", n, null);
        ROWS.add(new String[] {String.format(Locale.ROOT, "%,d", n) + " streams: raw client on the JDK's default"
                + " executor, peak client threads", d.get("threadsClient"), "-", "-", "- (info)",
            Boolean.parseBoolean(d.get("allCompleted")) ? "info" : "FAIL"});
        NOTES.add("concurrency: the server runs in a JVM of its own; client threads = all live platform threads but"
                + " the benchmark's main and sampler threads (JVM housekeeping threads included); the SDK runs with its"
                + " defaults (an HTTP pool of max(4, 2 x CPUs) threads), the raw client (HttpClient.sendAsync +"
                + " fromLineSubscriber, the same request headers) on a fixed pool of the same size; heap per stream ="
                + " heap used after a GC while all streams are open, divided by the streams; the 10,000 row runs both"
                + " sides with -Djdk.httpclient.bufsize=4096 (with the JDK's 16 KiB per connection neither fits)");
    }

    /** One run's values; a run that dies (out of memory under -Xmx256m) is reported, not the end of the suite. */
    private static Map<String, String> concurrencyRun(String variant, int streams, String jvmOption)
            throws Exception {
        Map<String, String> values = new HashMap<>();
        List<String> jvm = jvmOption == null ? List.of("-Xmx256m") : List.of("-Xmx256m", jvmOption);
        try {
            for (String line : child(jvm, ConcurrencyBenchmark.class.getName(), List.of(variant, "--streams",
                    Integer.toString(streams)))) {
                String[] p = line.split("\t");
                if (p.length == 3 && p[0].equals("VAL")) {
                    values.put(p[1], p[2]);
                }
            }
        } catch (IllegalStateException died) {
            values.clear();
            values.put("completed", "died (heap)");
            values.put("allCompleted", "false");
            for (String k : List.of("threadsClient", "heapRetainedPerStreamKiB", "heapPeakMiB")) {
                values.put(k, "NaN");
            }
        }
        return values;
    }

    /** The runtime dependency closure of nemo-sdk-core, from this JVM's class path and the jars' embedded POMs. */
    private static void footprint() throws IOException {
        Map<String, Path> byArtifact = new LinkedHashMap<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Paths.get(e).toAbsolutePath();
            String artifact = artifactId(p);
            if (artifact != null) {
                byArtifact.putIfAbsent(artifact, p);
            }
        }
        Path core = byArtifact.get("nemo-sdk-core");
        if (core == null) {
            throw new IllegalStateException("nemo-sdk-core is not on the class path");
        }
        Set<String> closure = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of("nemo-sdk-core"));
        while (!todo.isEmpty()) {
            String a = todo.remove(0);
            if (!closure.add(a)) {
                continue;
            }
            for (String dep : runtimeDependencies(byArtifact.get(a), a)) {
                if (byArtifact.containsKey(dep)) {
                    todo.add(dep);
                } else {
                    // Maven's class path is authoritative: e.g. jackson-core's fastdoubleparser is shaded into it
                    NOTES.add("footprint: " + a + " declares " + dep + ", not on the resolved class path (shaded or"
                            + " excluded); not counted");
                }
            }
        }
        long total = 0;
        List<String> parts = new ArrayList<>();
        for (String a : closure) {
            long size = size(byArtifact.get(a));
            total += size;
            parts.add(a + " " + String.format(Locale.ROOT, "%,d", size));
        }
        ROWS.add(new String[] {"footprint: nemo-sdk-core runtime closure, MB", Report.f2(total / 1e6), "-", "-",
            "< 3 MB", pf(total < 3_000_000)});
        NOTES.add(String.format(Locale.ROOT, "footprint: %,d bytes = %s", total, String.join(" + ", parts)));
    }

    // ---------------------------------------------------------------- helpers

    private static String artifactId(Path p) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p)) {
            // a reactor module's target/classes: the artifact id is in the module's pom.xml
            Path pom = p.getParent() == null || p.getParent().getParent() == null ? null
                    : p.getParent().getParent().resolve("pom.xml");
            if (pom != null && Files.isRegularFile(pom)) {
                try {
                    Matcher m = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>", Pattern.DOTALL)
                            .matcher(Files.readString(pom));
                    return m.find() ? m.group(1).trim() : null;
                } catch (IOException e) {
                    return null;
                }
            }
            return null;
        }
        // <repo>/<group path>/<artifactId>/<version>/<artifactId>-<version>.jar, or <module>/target/<a>-<v>.jar
        Path versionDir = p.getParent();
        if (versionDir != null && versionDir.getParent() != null
                && name.startsWith(versionDir.getParent().getFileName() + "-")) {
            return versionDir.getParent().getFileName().toString();
        }
        Matcher m = Pattern.compile("(.+?)-\\d.*\\.jar").matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    /** The compile and runtime dependencies (not test, provided, optional) declared by an artifact's POM. */
    private static List<String> runtimeDependencies(Path location, String artifact) throws IOException {
        String pom = null;
        if (Files.isDirectory(location)) {
            pom = Files.readString(location.getParent().getParent().resolve("pom.xml"));
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                ZipEntry entry = jar.stream().filter(e -> e.getName().startsWith("META-INF/maven/")
                        && e.getName().endsWith("/" + artifact + "/pom.xml")).findFirst().orElse(null);
                if (entry != null) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        pom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        if (pom == null) {
            return List.of();
        }
        for (String block : Arrays.asList("dependencyManagement", "build", "profiles", "parent", "reporting")) {
            pom = pom.replaceAll("(?s)<" + block + ">.*?</" + block + ">", "");
        }
        pom = pom.replaceAll("(?s)<!--.*?-->", "");
        List<String> deps = new ArrayList<>();
        Matcher m = Pattern.compile("(?s)<dependency>(.*?)</dependency>").matcher(pom);
        while (m.find()) {
            String d = m.group(1);
            String scope = tag(d, "scope");
            if (scope != null && !scope.equals("compile") && !scope.equals("runtime")
                    || "true".equals(tag(d, "optional"))) {
                continue;
            }
            deps.add(tag(d, "artifactId"));
        }
        return deps;
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private static long size(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return Files.size(p);
        }
        try (var files = Files.walk(p)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static String pf(boolean pass) {
        return pass ? "pass" : "FAIL";
    }

    private static List<String[]> rows(List<String> output) {
        List<String[]> rows = new ArrayList<>();
        for (String line : output) {
            if (line.startsWith(Report.PREFIX)) {
                rows.add(line.substring(Report.PREFIX.length()).split("\t", -1));
            }
        }
        return rows;
    }

    private static List<String> child(String xmx, Class<?> main, List<String> args) throws Exception {
        return child(xmx, main.getName(), args);
    }

    /** Runs a child JVM, echoing its output, and returns its stdout lines. */
    private static List<String> child(String xmx, String main, List<String> args) throws Exception {
        return child(List.of(xmx), main, args);
    }

    /** Runs a child JVM with these options, echoing its output, and returns its stdout lines. */
    private static List<String> child(List<String> jvm, String main, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("  " + line);
                lines.add(line);
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(main + " exited with " + code);
        }
        return lines;
    }
}
