package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private static final int THREADS = 50;

    private NemoEmulator emu;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        if (emu != null) {
            emu.close();
        }
    }

    /** Runs {@code task} on all threads at once and returns the results. */
    private <T> List<T> runTogether(Callable<T> task) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            futures.add(pool.submit(() -> {
                gate.await();
                return task.call();
            }));
        }
        gate.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(20, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void manyClientsGetTokensAndSessionsAtOnce() throws Exception {
        emu = NemoEmulator.start();
        Http http = new Http(emu);

        List<String[]> results = runTogether(() -> {
            String clientId = Thread.currentThread().getName() + "-" + System.nanoTime();
            String token = http.newToken(clientId);
            String sid = http.newSession(token);
            JsonNode state = Http.successData(http.state(token, sid));
            Http.successData(http.credits(token));
            return new String[] {token, sid, state.get("state").get("draft").toString()};
        });

        Set<String> tokens = new HashSet<>();
        Set<String> sessions = new HashSet<>();
        for (String[] r : results) {
            tokens.add(r[0]);
            sessions.add(r[1]);
            assertThat(r[2]).isEqualTo("{\"t\":[]}");
        }
        assertThat(tokens).hasSize(THREADS);
        assertThat(sessions).hasSize(THREADS);
        assertThat(emu.tokensIssued()).isEqualTo(THREADS);
        assertThat(emu.requestCount(Endpoint.CREATE_SESSION)).isEqualTo(THREADS);
        assertThat(emu.requests()).hasSize(4 * THREADS);
    }

    @Test
    void tokenLimitHoldsUnderConcurrentRequestsForOneClientId() throws Exception {
        emu = NemoEmulator.builder().tokenLimitPerClient(10).start();
        Http http = new Http(emu);

        List<HttpResponse<String>> responses = runTogether(() -> http.anonymousToken("shared-client"));

        List<HttpResponse<String>> granted = new ArrayList<>();
        for (HttpResponse<String> r : responses) {
            assertThat(r.statusCode()).isIn(200, 429);
            if (r.statusCode() == 200) {
                granted.add(r);
            }
        }
        assertThat(granted).hasSize(10);
        assertThat(granted.stream().map(r -> Http.successData(r).get("user_id").asText()).distinct()).hasSize(1);
        assertThat(emu.tokensIssued()).isEqualTo(10);
    }

    @Test
    void faultsAreConsumedExactlyOnceUnderConcurrency() throws Exception {
        emu = NemoEmulator.start();
        Http http = new Http(emu);
        String token = http.newToken("c");
        emu.inject(Endpoint.CREDITS, Fault.rateLimitedWithoutRetryAfter(), 20);

        List<Integer> statuses = runTogether(() -> http.credits(token).statusCode());

        assertThat(statuses).filteredOn(s -> s == 429).hasSize(20);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(THREADS - 20);
    }
}
