package io.github.nemosdk.internal.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OrderedBodyTest {
    /** A subscription that counts demand and records cancellation. */
    private static final class Upstream implements Flow.Subscription {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    private static List<ByteBuffer> bytes(String s) {
        return List.of(ByteBuffer.wrap(s.getBytes(UTF_8)));
    }

    /** Waits until the thread is parked in a read. */
    private static void awaitBlocked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(t.getState()).as("the reader is blocked in read()").isEqualTo(Thread.State.WAITING);
    }

    @Test
    void bytesReceivedBeforeAFailureAreReadBeforeTheFailure() throws IOException {
        OrderedBody body = OrderedBody.of(s -> { });
        body.onSubscribe(new Upstream());
        body.onNext(bytes("data:{\"last\":true}\n\n"));
        body.onError(new EOFException("EOF reached while reading"));

        byte[] all = new byte[64];
        int n = body.read(all, 0, all.length);
        assertThat(new String(all, 0, n, UTF_8)).isEqualTo("data:{\"last\":true}\n\n");
        assertThatThrownBy(() -> body.read(all, 0, all.length)).isInstanceOf(IOException.class)
                .hasCauseInstanceOf(EOFException.class);
        assertThatThrownBy(() -> body.read(all, 0, all.length)).as("the failure stays").isInstanceOf(IOException.class);
    }

    @Test
    void aCompleteBodyEndsWithMinusOneEveryTime() throws IOException {
        OrderedBody body = OrderedBody.of(s -> { });
        body.onSubscribe(new Upstream());
        body.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3})));
        body.onComplete();
        assertThat(body.readAllBytes()).containsExactly(1, 2, 3);
        assertThat(body.read()).isEqualTo(-1);
    }

    @Test
    void demandIsOneListAheadOfTheReader() throws IOException {
        OrderedBody body = OrderedBody.of(s -> { });
        Upstream up = new Upstream();
        body.onSubscribe(up);
        assertThat(up.requested).hasValue(1);
        body.onNext(bytes("ab"));
        assertThat(body.read()).isEqualTo('a');
        assertThat(up.requested).as("the next list is asked for once this one is taken").hasValue(2);
        assertThat(body.read()).isEqualTo('b');
        assertThat(up.requested).hasValue(2);
    }

    @Test
    void closeFromAnotherThreadWakesABlockedReaderAndCancels() throws Exception {
        OrderedBody body = OrderedBody.of(s -> { });
        Upstream up = new Upstream();
        body.onSubscribe(up);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                body.read(new byte[8], 0, 8);
                outcome.complete(null);
            } catch (IOException e) {
                outcome.complete(e);
            }
        });
        reader.start();
        awaitBlocked(reader);
        body.close();
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class).hasMessage("closed");
        assertThat(up.cancelled).isTrue();
    }

    @Test
    void aCloseBeforeTheSubscriptionCancelsItOnArrival() {
        OrderedBody body = OrderedBody.of(s -> { });
        body.close();
        Upstream up = new Upstream();
        body.onSubscribe(up);
        assertThat(up.cancelled).isTrue();
        assertThat(up.requested).hasValue(0);
    }

    @Test
    void anInterruptedReaderGetsAnInterruptedIoExceptionWithTheFlagSet() throws Exception {
        OrderedBody body = OrderedBody.of(s -> { });
        body.onSubscribe(new Upstream());
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                body.read(new byte[8], 0, 8);
                outcome.complete("read");
            } catch (InterruptedIOException e) {
                outcome.complete("interrupted, flag " + Thread.currentThread().isInterrupted());
            } catch (IOException e) {
                outcome.complete(e.toString());
            }
        });
        reader.start();
        awaitBlocked(reader);
        reader.interrupt();
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo("interrupted, flag true");
    }
}
