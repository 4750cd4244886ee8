package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.RetrySettings;
import io.github.nemosdk.SessionRecovery;
import io.github.nemosdk.SessionReplacement;
import io.github.nemosdk.Sleeper;
import io.github.nemosdk.errors.ChatStreamException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.state.SessionState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 threads share one {@link NemoClient} (anonymous token) and run mixed calls against the emulator while it
 * expires every token, answers 429 to hundreds of calls, or loses sessions. Every submitted operation must end in
 * exactly one outcome: a result, or a typed {@link NemoException}; the counts each disturbance implies must hold.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrencyStormTest {
    private static final int THREADS = 200;
    private static final int OPS_PER_THREAD = 8;
    private static final int N = THREADS * OPS_PER_THREAD;
    private static final String EDIT = "add lo-fi music at 35%";

    @TempDir
    Path dir;

    private NemoEmulator emulator;
    private Path clip;

    @BeforeEach
    void start() {
        emulator = NemoEmulator.builder().initialCredits(1_000_000).silentRatio(0.0)
                .turnDuration(Duration.ofMillis(20)).heartbeatInterval(Duration.ofMillis(10)).start();
        clip = SampleMedia.writeHorizontalMp4(dir.resolve("clip.mp4"));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private NemoClient.Builder client(Sleeper sleeper) {
        return NemoClient.builder().baseUrl(emulator.baseUrl()).environment(Map.of())
                .configDirectory(dir.resolve("cfg")).tokenCache(false).sleeper(sleeper)
                .renderSettings(RenderSettings.of(Duration.ofMillis(50), Duration.ofSeconds(30)));
    }

    /** The mixed calls; each worker cycles through them, starting at a different one. */
    enum Kind { CREDITS, STATE, CREATE_SESSION, CHAT, UPLOAD }

    /** One operation's single outcome. */
    static final class Outcome {
        final Kind kind;
        final Object result;
        final Throwable failure;
        final long nanos;

        Outcome(Kind kind, Object result, Throwable failure, long nanos) {
            this.kind = kind;
            this.result = result;
            this.failure = failure;
            this.nanos = nanos;
        }

        String label() {
            return failure == null ? "success" : failure.getClass().getSimpleName();
        }
    }

    /** Runs the storm: THREADS workers, OPS_PER_THREAD operations each, one outcome slot per operation. */
    class Storm {
        final NemoClient client;
        final String[] sessions = new String[THREADS];
        final AtomicReferenceArray<Outcome> outcomes = new AtomicReferenceArray<>(N);
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger doubleOutcomes = new AtomicInteger();
        final List<Throwable> harnessErrors = new CopyOnWriteArrayList<>();
        /** Before running op i of a worker, the worker waits for gates[i] when set. */
        final CountDownLatch[] gates = new CountDownLatch[OPS_PER_THREAD];
        /** Disturbances done so far, and how many operations that started after exactly g of them still run. */
        final AtomicInteger generation = new AtomicInteger();
        final AtomicInteger[] inFlight = newCounters(OPS_PER_THREAD + 1);

        Storm(NemoClient client) {
            this.client = client;
        }

        /** Creates one session per worker, concurrently: the first use acquires the anonymous token. */
        void createSessions() throws InterruptedException {
            runWorkers(w -> sessions[w] = client.sessions().create().sessionId());
        }

        Kind kind(int worker, int i) {
            return Kind.values()[(worker + i) % Kind.values().length];
        }

        Object call(Kind kind, int worker) {
            String sid = sessions[worker];
            switch (kind) {
                case CREDITS: return client.credits().balance();
                case STATE: return client.state(sid).latest();
                case CREATE_SESSION: return client.sessions().create();
                case CHAT: return client.chat(sid).send(EDIT);
                case UPLOAD: return client.uploads(sid).file(clip);
                default: throw new AssertionError(kind);
            }
        }

        void run(IntPredicate lastOpIsState) throws InterruptedException {
            runWorkers(w -> {
                for (int i = 0; i < OPS_PER_THREAD; i++) {
                    CountDownLatch gate = gates[i];
                    if (gate != null && !gate.await(20, TimeUnit.SECONDS)) {
                        throw new AssertionError("gate " + i + " never opened");
                    }
                    Kind kind = i == OPS_PER_THREAD - 1 && lastOpIsState.test(w) ? Kind.STATE : kind(w, i);
                    int g = enter();
                    long t0 = System.nanoTime();
                    Outcome o;
                    try {
                        o = new Outcome(kind, call(kind, w), null, System.nanoTime() - t0);
                    } catch (Throwable t) {
                        o = new Outcome(kind, null, t, System.nanoTime() - t0);
                    } finally {
                        inFlight[g].decrementAndGet();
                    }
                    if (!outcomes.compareAndSet(w * OPS_PER_THREAD + i, null, o)) {
                        doubleOutcomes.incrementAndGet();
                    }
                    completed.incrementAndGet();
                }
            });
        }

        private int enter() {
            while (true) {
                int g = generation.get();
                inFlight[g].incrementAndGet();
                if (generation.get() == g) {
                    return g;
                }
                inFlight[g].decrementAndGet();
            }
        }

        /** Waits until every operation that started before the latest disturbance has finished. */
        void awaitOlderOperations() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (int g = 0; g < generation.get(); g++) {
                while (inFlight[g].get() > 0) {
                    assertThat(System.nanoTime()).as("operations of generation %d finished", g).isLessThan(deadline);
                    Thread.sleep(1);
                }
            }
        }

        private void runWorkers(Worker body) throws InterruptedException {
            List<Thread> threads = new ArrayList<>(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            for (int w = 0; w < THREADS; w++) {
                int worker = w;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        body.run(worker);
                    } catch (Throwable e) {
                        harnessErrors.add(e);
                    }
                }, "storm-" + w);
                threads.add(t);
                t.start();
            }
            go.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(40));
                assertThat(t.isAlive()).as("%s finished", t.getName()).isFalse();
            }
        }

        void awaitCompleted(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (completed.get() < n) {
                assertThat(System.nanoTime()).as("%d operations completed", n).isLessThan(deadline);
                Thread.sleep(1);
            }
        }

        /** Outcome label (success or exception class) to count, after checking that nothing was lost. */
        Map<String, Integer> tally() {
            assertThat(harnessErrors).as("errors outside the operations").isEmpty();
            assertThat(doubleOutcomes.get()).as("operations with two outcomes").isZero();
            Map<String, Integer> counts = new TreeMap<>();
            Map<String, String> examples = new TreeMap<>();
            List<Throwable> untyped = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                Outcome o = outcomes.get(i);
                assertThat(o).as("outcome of operation %d", i).isNotNull();
                counts.merge(o.label(), 1, Integer::sum);
                if (o.failure != null) {
                    examples.putIfAbsent(o.label(), o.kind + " of worker " + i / OPS_PER_THREAD + ": "
                            + o.failure.getMessage());
                }
                if (o.failure != null && !(o.failure instanceof NemoException)) {
                    untyped.add(o.failure);
                }
                if (o.failure == null) {
                    assertThat(o.result).as("result of operation %d", i).isNotNull();
                }
            }
            assertThat(untyped).as("untyped exceptions (outcomes %s, e.g. %s)", counts, examples).isEmpty();
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(N);
            return counts;
        }
    }

    @FunctionalInterface
    interface Worker {
        void run(int worker) throws Exception;
    }

    @Test
    void aTokenExpiryDuringTheStormCostsExactlyOneRefresh() throws Exception {
        int expiries = 3;
        try (NemoClient client = client(Sleeper.system()).build()) {
            Storm storm = new Storm(client);
            storm.createSessions();
            assertThat(emulator.tokensIssued()).as("200 first uses share one acquisition").isEqualTo(1);

            // Expiry k happens halfway through segment k, while the workers are busy; segment k+1 opens after it.
            int segment = OPS_PER_THREAD / (expiries + 1);
            for (int k = 1; k <= expiries; k++) {
                storm.gates[k * segment] = new CountDownLatch(1);
            }
            Thread expirer = new Thread(() -> {
                try {
                    for (int k = 0; k < expiries; k++) {
                        storm.awaitCompleted(k * segment * THREADS + segment * THREADS / 2);
                        // a call is retried once with a new token, so no call may see two expiries: one that
                        // spans two fails with TokenExpiredException ("a newly acquired token was rejected")
                        storm.awaitOlderOperations();
                        emulator.expireAllTokens();
                        storm.generation.incrementAndGet();
                        storm.gates[(k + 1) * segment].countDown();
                    }
                } catch (Throwable e) {
                    storm.harnessErrors.add(e);
                }
            }, "expirer");
            expirer.start();
            storm.run(w -> false);
            expirer.join();

            // A call is renewed once (the documented rule); one whose retry meets the next expiry as well fails
            // with TokenExpiredException. The harness spaces the expiries to make that rare, but one operation
            // makes several requests, so it cannot rule it out: such failures are allowed, typed and few.
            Map<String, Integer> counts = storm.tally();
            assertThat(counts.keySet()).isSubsetOf("success", "TokenExpiredException");
            assertThat(counts.getOrDefault("TokenExpiredException", 0)).as("calls caught by two expiries")
                    .isLessThanOrEqualTo(N / 100);
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).as("one outcome per call")
                    .isEqualTo(N);
        }
        assertThat(emulator.tokensIssued()).as("one refresh per expiry").isEqualTo(1 + expiries);
    }

    @Test
    void aRateLimitStormIsRetriedWithinBoundsAndEveryCallWaitsWithinItsBudget() throws Exception {
        int maxAttempts = 3;
        Duration maxElapsed = Duration.ofSeconds(10);
        // Each call on the thread counts its waits; the sleeper really sleeps, 1/40 of what was asked.
        ThreadLocal<List<Duration>> waits = ThreadLocal.withInitial(ArrayList::new);
        Sleeper sleeper = d -> {
            waits.get().add(d);
            Thread.sleep(Math.max(1, d.toMillis() / 40));
        };
        Endpoint[] limited = {Endpoint.CREDITS, Endpoint.STATE, Endpoint.CREATE_SESSION, Endpoint.CHAT,
            Endpoint.UPLOAD};
        int perEndpoint = 150;
        Map<Integer, List<Duration>> waitsPerOp = new ConcurrentHashMap<>();
        try (NemoClient client = client(sleeper)
                .retry(RetrySettings.builder().maxAttempts(maxAttempts).maxElapsed(maxElapsed).build()).build()) {
            Storm storm = new Storm(client) {
                @Override
                Object call(Kind kind, int worker) {
                    waits.get().clear();
                    try {
                        return super.call(kind, worker);
                    } finally {
                        waitsPerOp.put(worker * OPS_PER_THREAD + waitsPerOpIndex(worker), new ArrayList<>(waits.get()));
                    }
                }

                private final AtomicInteger[] next = newCounters(THREADS);

                private int waitsPerOpIndex(int worker) {
                    return next[worker].getAndIncrement();
                }
            };
            storm.createSessions();
            for (Endpoint e : limited) {
                emulator.inject(e, Fault.rateLimited(Duration.ofSeconds(1)), perEndpoint);
            }
            storm.run(w -> false);

            Map<String, Integer> counts = storm.tally();
            assertThat(counts.keySet()).as("outcomes").isSubsetOf("success", "RateLimitedException");
            int rateLimited = counts.getOrDefault("RateLimitedException", 0);
            // a call gives up only after maxAttempts 429s in a row, so at most injected / maxAttempts of them fail
            assertThat(rateLimited).isLessThanOrEqualTo(limited.length * perEndpoint / maxAttempts);
            assertThat(counts.get("success")).isEqualTo(N - rateLimited);

            for (int i = 0; i < N; i++) {
                Outcome o = storm.outcomes.get(i);
                // a chat send is three calls (state, chat, state); every other operation is one
                int calls = o.kind == Kind.CHAT ? 3 : 1;
                List<Duration> w = waitsPerOp.get(i);
                assertThat(w).as("waits of operation %d (%s)", i, o.kind).hasSizeLessThanOrEqualTo(
                        calls * (maxAttempts - 1));
                assertThat(w).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(1),
                        Duration.ofMillis(1200)));
                if (o.failure != null) {
                    assertThat(w).as("waits before giving up").hasSizeGreaterThanOrEqualTo(maxAttempts - 1);
                }
                // maxElapsed bounds each call's waits on the client's clock: no wait starts that would end after it
                assertThat(w.stream().reduce(Duration.ZERO, Duration::plus)).as("waits of operation %d", i)
                        .isLessThanOrEqualTo(maxElapsed.multipliedBy(calls));
            }
            // every 429 served was followed by a wait, except the last one of each call that gave up
            int totalWaits = waitsPerOp.values().stream().mapToInt(List::size).sum();
            assertThat(totalWaits + rateLimited).as("429s served (%d waits, %d calls gave up)", totalWaits,
                    rateLimited).isEqualTo(limited.length * perEndpoint);
        }
    }

    private static AtomicInteger[] newCounters(int n) {
        AtomicInteger[] a = new AtomicInteger[n];
        for (int i = 0; i < n; i++) {
            a[i] = new AtomicInteger();
        }
        return a;
    }

    @Test
    void lostSessionsAreReplacedOnceEachAndCounted() throws Exception {
        List<SessionReplacement> told = new CopyOnWriteArrayList<>();
        int lostWorkers = 50;
        try (NemoClient client = client(Sleeper.system()).sessionRecovery(SessionRecovery.RECREATE)
                .onSessionReplaced(told::add).build()) {
            Storm storm = new Storm(client);
            storm.createSessions();
            Set<String> deleted = ConcurrentHashMap.newKeySet();
            int half = OPS_PER_THREAD / 2;
            storm.gates[OPS_PER_THREAD - 1] = new CountDownLatch(1);
            Thread deleter = new Thread(() -> {
                try {
                    storm.awaitCompleted(half * THREADS);
                    for (int w = 0; w < lostWorkers; w++) {
                        emulator.deleteSession(storm.sessions[w * (THREADS / lostWorkers)]);
                        deleted.add(storm.sessions[w * (THREADS / lostWorkers)]);
                    }
                    storm.gates[OPS_PER_THREAD - 1].countDown();
                } catch (Throwable e) {
                    storm.harnessErrors.add(e);
                }
            }, "deleter");
            deleter.start();
            // every worker's last operation is a state read, after the deletions
            storm.run(w -> true);
            deleter.join();

            Map<String, Integer> counts = storm.tally();
            assertThat(counts.keySet()).as("outcomes").isSubsetOf("success", "SessionNotFoundException",
                    "ChatStreamException");
            int replacedReads = 0;
            for (int i = 0; i < N; i++) {
                Outcome o = storm.outcomes.get(i);
                if (o.failure instanceof ChatStreamException) {
                    // a chat turn whose session was deleted while it ran ends with an error frame
                    assertThat(o.kind).isEqualTo(Kind.CHAT);
                    assertThat(deleted).contains(storm.sessions[i / OPS_PER_THREAD]);
                    assertThat(o.failure).hasMessageContaining("session not found");
                }
                if (o.failure instanceof SessionNotFoundException) {
                    // only calls that cannot be recovered on a fresh session may fail: chat and upload
                    assertThat(o.kind).isIn(Kind.CHAT, Kind.UPLOAD);
                    assertThat(deleted).contains(((SessionNotFoundException) o.failure).sessionId().orElseThrow());
                }
                if (o.kind == Kind.STATE && o.failure == null
                        && ((SessionState) o.result).replacement().isPresent()) {
                    replacedReads++;
                }
            }
            assertThat(told).as("replacements").hasSize(lostWorkers);
            assertThat(told).extracting(SessionReplacement::lostSessionId).containsExactlyInAnyOrderElementsOf(deleted);
            assertThat(told).extracting(SessionReplacement::newSessionId).doesNotHaveDuplicates()
                    .doesNotContainAnyElementsOf(deleted);
            // only the read that triggered a replacement reports it; a chat send's own state read may do it first
            assertThat(replacedReads).as("reads that report their replacement").isBetween(1, lostWorkers);
            for (int w = 0; w < THREADS; w++) {
                Outcome last = storm.outcomes.get(w * OPS_PER_THREAD + OPS_PER_THREAD - 1);
                assertThat(last.failure).as("last read of worker %d", w).isNull();
                boolean lost = deleted.contains(storm.sessions[w]);
                assertThat(((SessionState) last.result).sessionId().equals(storm.sessions[w]))
                        .as("worker %d reads its %s session", w, lost ? "replaced" : "own").isNotEqualTo(lost);
            }
        }
    }
}
