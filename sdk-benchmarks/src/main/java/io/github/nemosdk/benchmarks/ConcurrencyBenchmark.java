package io.github.nemosdk.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many concurrent chat streams with heartbeats in one client JVM (run it under {@code -Xmx256m}). A {@link LoopbackApi}
 * (one selector thread) in a JVM of its own, so that the client's heap and file descriptors are the client's alone,
 * keeps every stream beating until the client saw all of them open at once and measured its heap, then ends each with
 * a reply and {@code turnComplete}. Variants (first argument):
 * <ul>
 * <li>{@code sdk}: {@code client.async().chat(sid).stream(prompt)} subscribers (request(1) per event), the client
 * with its default settings (its HTTP client runs on the SDK's bounded pool of {@code max(4, 2 x CPUs)} threads);</li>
 * <li>{@code raw}: {@code HttpClient.sendAsync} with {@code BodyHandlers.fromLineSubscriber} and a Jackson
 * {@code readTree} of each non-blank {@code data:} line, its HTTP client given a fixed pool of the same size: both
 * sides run on the same executor and send the same headers (the ones API.md requires on every call, and a
 * {@code User-Agent});</li>
 * <li>{@code raw-default}: the same raw client on the JDK's default executor (a cached pool);</li>
 * <li>{@code server}: the server alone (started by the others): prints its base URL, serves until its standard
 * input ends, then prints the most streams it had open at once.</li>
 * </ul>
 * Prints {@code VAL} lines: streams completed, peak live platform threads (all; client side = all but the
 * benchmark's own main and sampler threads), peak heap used (sampled every 20 ms, includes garbage) and the heap used
 * after a GC while every stream was open (each stream had delivered an event).
 *
 * <p>Arguments: {@code <variant> [--streams N (default 1000)] [--histogram]} (the latter prints the heap's class
 * histogram while every stream is open).
 */
public final class ConcurrencyBenchmark {
    /** The attribution headers API.md requires on every call: both sides send the same ones. */
    private static final String SOURCE = "add-music";
    private static final String VERSION = "1.0.0";
    private static final String PLATFORM = "unknown";
    private static final Set<String> HARNESS = Set.of("main", "heap-sampler", "thread-sampler");

    private ConcurrencyBenchmark() {
    }

    /**
     * Runs one variant.
     *
     * @param args variant and options
     * @throws Exception if it cannot run
     */
    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "sdk";
        int streams = 1000;
        boolean histogram = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--streams") && i + 1 < args.length) {
                streams = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--histogram")) {
                histogram = true;
            }
        }
        if (variant.equals("server")) {
            serve(streams);
            return;
        }
        String token = ChatStreamBenchmark.TOKEN;
        String sid = ChatStreamBenchmark.SID;
        int n = streams;
        Path dir = Files.createTempDirectory("nemo-conc-bench");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (Server api = Server.start(n);
                HeapSampler heap = HeapSampler.start(20)) {
            AtomicInteger peakAll = new AtomicInteger();
            AtomicInteger peakClient = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    ThreadInfo[] infos = mx.getThreadInfo(mx.getAllThreadIds(), 0);
                    int all = 0;
                    int client = 0;
                    for (ThreadInfo t : infos) {
                        if (t == null) {
                            continue;
                        }
                        all++;
                        if (!HARNESS.contains(t.getThreadName())) {
                            client++;
                        }
                    }
                    peakAll.accumulateAndGet(all, Math::max);
                    peakClient.accumulateAndGet(client, Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "thread-sampler");
            sampler.setDaemon(true);
            sampler.start();

            System.gc();
            long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            CountDownLatch done = new CountDownLatch(n);
            AtomicInteger completed = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger open = new AtomicInteger();
            AtomicLong events = new AtomicLong();
            long t0 = System.nanoTime();
            NemoClient client = null;
            ExecutorService pool = null;
            if (variant.equals("sdk")) {
                client = NemoClient.builder().baseUrl(URI.create(api.baseUrl)).token(token).environment(Map.of())
                        .attribution(SOURCE, VERSION, PLATFORM).configDirectory(dir).build();
                for (int i = 0; i < n; i++) {
                    client.async().chat(sid).stream("add lo-fi music at 35%").subscribe(
                            new Counter<ChatEvent>(done, completed, failed, open, events));
                }
            } else {
                HttpClient.Builder hb = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
                if (variant.equals("raw")) {
                    AtomicInteger k = new AtomicInteger();
                    // the size of the SDK's own HTTP pool (NemoClient.Builder.httpExecutor): max(4, 2 x CPUs)
                    int size = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
                    pool = Executors.newFixedThreadPool(size, r -> {
                        Thread t = new Thread(r, "raw-http-" + k.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    hb.executor(pool);
                }
                HttpClient http = hb.build();
                ObjectMapper mapper = new ObjectMapper();
                byte[] body = ("{\"app_name\":\"nemo_agent\",\"user_id\":\"me\",\"session_id\":\"" + sid
                        + "\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"add lo-fi music at 35%\"}]}}")
                        .getBytes(StandardCharsets.UTF_8);
                HttpRequest req = HttpRequest.newBuilder(URI.create(api.baseUrl + LoopbackApi.CHAT_PATH))
                        .header("User-Agent", "raw-benchmark/1.0").header("Accept", "text/event-stream")
                        .header("X-Skill-Source", SOURCE).header("X-Skill-Version", VERSION)
                        .header("X-Skill-Platform", PLATFORM).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                for (int i = 0; i < n; i++) {
                    Counter<String> lines = new Counter<>(null, null, null, open, events) {
                        @Override
                        void onItem(String line) throws Exception {
                            if (line.startsWith("data:") && !line.substring(5).isBlank()) {
                                mapper.readTree(line.substring(5));
                            }
                        }
                    };
                    http.sendAsync(req, HttpResponse.BodyHandlers.fromLineSubscriber(lines)).whenComplete((r, e) -> {
                        if (e == null && r.statusCode() == 200 && lines.error == null) {
                            completed.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        done.countDown();
                    });
                }
            }
            // with every stream open at once (each has delivered an event, none may end before the release): the
            // heap in use after a GC
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (open.get() < n && System.nanoTime() < deadline && done.getCount() > 0) {
                Thread.sleep(10);
            }
            int openAtOnce = open.get() - (n - (int) done.getCount());
            System.gc();
            long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (histogram) { // what the heap holds while every stream is open, for a comparison of the variants
                Object h = ManagementFactory.getPlatformMBeanServer().invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
                String[] lines = h.toString().split("\n");
                for (int i = 0; i < Math.min(lines.length, 40); i++) {
                    System.out.println("HISTO " + lines[i]);
                }
            }
            api.release();
            boolean finished = done.await(180, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            if (client != null) {
                client.close();
            }
            if (pool != null) {
                pool.shutdownNow();
            }
            int serverPeak = api.stop();
            System.out.printf(Locale.ROOT, "%s: %d/%d streams completed (%d failed%s) in %.1f s, %d events, %d open"
                    + " at once (%d on the server); threads: %d peak live (%d client side)%n", variant,
                    completed.get(), n, failed.get(), finished ? "" : ", TIMED OUT", seconds, events.get(),
                    openAtOnce, serverPeak, peakAll.get(), peakClient.get());
            val("completed", completed.get() + "/" + n);
            val("allCompleted", Boolean.toString(completed.get() == n && openAtOnce == n && serverPeak == n));
            val("peakOpen", Integer.toString(openAtOnce));
            val("threadsAll", Integer.toString(peakAll.get()));
            val("threadsClient", Integer.toString(peakClient.get()));
            val("heapPeakMiB", Report.f1(heap.peak() / 1048576.0));
            val("heapRetainedMiB", Report.f1(retained / 1048576.0));
            val("eventsPerStream", Report.f1(events.get() / (double) n));
            val("heapRetainedPerStreamKiB", Report.f1((retained - before) / 1024.0 / n));
        }
    }

    /**
     * The server side: keeps every stream beating until its standard input says {@code release} (or for at most
     * 150 s), serves until the input ends, then prints the most streams it had open at once.
     */
    private static void serve(int n) throws Exception {
        List<byte[]> beats = List.of(ascii(": ping\n\n"), ascii("data: {\"type\":\"heartbeat\"}\n\n"),
                ascii("data:\n\n"));
        List<byte[]> tail = List.of(ascii(
                "data: {\"invocationId\":\"e-1\",\"author\":\"nemo_agent\",\"content\":{\"parts\":[{\"text\":"
                        + "\"Added lo-fi \"}]},\"partial\":true}\n\n"
                        + "data: {\"invocationId\":\"e-1\",\"author\":\"nemo_agent\",\"content\":{\"parts\":[{\"text\":"
                        + "\"music at 35%.\"}]},\"partial\":true}\n\n"
                        + "data: {\"invocationId\":\"e-1\",\"author\":\"nemo_agent\",\"content\":{\"parts\":[{\"text\":"
                        + "\"Added lo-fi music at 35%.\"}]}}\n\n"
                        + "data: {\"invocationId\":\"e-1\",\"author\":\"nemo_agent\",\"turnComplete\":true}\n\n"));
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        try (LoopbackApi api = LoopbackApi.start(ChatStreamBenchmark.TOKEN, LoopbackApi.heartbeats(beats, tail,
                TimeUnit.MILLISECONDS.toNanos(500), 4, released::get, TimeUnit.SECONDS.toNanos(150)))) {
            System.out.println(api.baseUrl());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) { // "release", then the end of input
                if (line.trim().equals("release")) {
                    released.set(true);
                }
            }
            System.out.println(api.peakOpenStreams());
            System.out.flush();
        }
    }

    /** The server JVM, seen from the client's. */
    private static final class Server implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        final String baseUrl;

        private Server(Process process) throws IOException {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null) {
                throw new IOException("the server JVM did not start");
            }
            this.baseUrl = first.trim();
        }

        static Server start(int streams) throws IOException {
            List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"), ConcurrencyBenchmark.class.getName(),
                    "server", "--streams", Integer.toString(streams));
            return new Server(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        /** Lets the streams end. */
        void release() throws IOException {
            process.getOutputStream().write("release\n".getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
        }

        /** Ends the server; returns the most streams it had open at once. */
        int stop() throws IOException, InterruptedException {
            process.getOutputStream().close();
            String peak = out.readLine();
            process.waitFor(30, TimeUnit.SECONDS);
            return peak == null ? -1 : Integer.parseInt(peak.trim());
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    private static void val(String key, String value) {
        System.out.println("VAL\t" + key + "\t" + value);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A subscriber requesting one item at a time and counting them. */
    private static class Counter<T> implements Flow.Subscriber<T> {
        private final CountDownLatch done;
        private final AtomicInteger completed;
        private final AtomicInteger failed;
        private final AtomicInteger open;
        private final AtomicLong events;
        private Flow.Subscription subscription;
        private boolean opened;
        volatile Throwable error;

        Counter(CountDownLatch done, AtomicInteger completed, AtomicInteger failed, AtomicInteger open,
                AtomicLong events) {
            this.done = done;
            this.completed = completed;
            this.failed = failed;
            this.open = open;
            this.events = events;
        }

        void onItem(T item) throws Exception {
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(T item) {
            if (!opened) {
                opened = true;
                open.incrementAndGet();
            }
            events.incrementAndGet();
            try {
                onItem(item);
            } catch (Exception e) {
                error = e;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            if (done != null) {
                failed.incrementAndGet();
                done.countDown();
                System.err.println("stream failed: " + t);
            }
        }

        @Override
        public void onComplete() {
            if (done != null) {
                completed.incrementAndGet();
                done.countDown();
            }
        }
    }
}
