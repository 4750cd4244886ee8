package io.github.nemosdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nemosdk.errors.NemoInterruptedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The config directory's lock, between the threads of this JVM and against another program. */
@Timeout(120)
class ConfigLockTest {
    /** Another program: locks the file named by its argument, says so, and holds it until its input closes. */
    private static final String HOLDER = "import java.nio.channels.*;\n"
            + "import java.nio.file.*;\n"
            + "public class Holder {\n"
            + "    public static void main(String[] a) throws Exception {\n"
            + "        try (FileChannel c = FileChannel.open(Paths.get(a[0]), StandardOpenOption.CREATE,\n"
            + "                StandardOpenOption.WRITE); FileLock l = c.lock()) {\n"
            + "            System.out.println(\"locked\");\n"
            + "            System.out.flush();\n"
            + "            while (System.in.read() >= 0) { }\n"
            + "        }\n"
            + "    }\n"
            + "}\n";

    @TempDir
    Path dir;

    private Process holder;

    @AfterEach
    void release() throws Exception {
        if (holder != null) {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Starts the other program and returns once it holds the directory's lock. */
    private void holdFromAnotherProgram() throws Exception {
        Path source = Files.writeString(dir.resolve("Holder.java"), HOLDER);
        holder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                source.toString(), dir.resolve(".lock").toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
    }

    /** Waits until the thread is blocked in the file lock's system call. */
    private static void awaitWaitingForTheFile(Thread t) throws InterruptedException {
        awaitState(() -> Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("lock0")));
    }

    private static void awaitState(BooleanSupplier reached) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!reached.getAsBoolean()) {
            assertThat(System.nanoTime()).as("state reached in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void anActionWaitsWhileAnotherProgramHoldsTheLock() throws Exception {
        holdFromAnotherProgram();
        AtomicBoolean ran = new AtomicBoolean();
        Thread t = new Thread(() -> ConfigLock.with(dir, () -> ran.getAndSet(true)));
        t.start();
        awaitWaitingForTheFile(t);
        assertThat(ran).isFalse();

        holder.getOutputStream().close();
        t.join(30_000);
        assertThat(ran).isTrue();
    }

    @Test
    void anInterruptEndsTheWaitForAnotherProgramsLockWithoutRunningTheAction() throws Exception {
        holdFromAnotherProgram();
        AtomicBoolean ran = new AtomicBoolean();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                ConfigLock.with(dir, () -> ran.getAndSet(true));
            } catch (RuntimeException e) {
                failed.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        awaitWaitingForTheFile(t);
        t.interrupt();
        t.join(30_000);

        assertThat(failed.get()).isInstanceOf(NemoInterruptedException.class).hasMessageContaining("lock");
        assertThat(flagKept).isTrue();
        assertThat(ran).as("the action ran without the lock").isFalse();
    }

    @Test
    void anInterruptEndsTheWaitForAnotherThreadOfThisProgram() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Thread first = new Thread(() -> ConfigLock.with(dir, () -> {
            entered.countDown();
            try {
                return leave.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        first.start();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean ran = new AtomicBoolean();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Thread second = new Thread(() -> {
            try {
                ConfigLock.with(dir, () -> ran.getAndSet(true));
            } catch (RuntimeException e) {
                failed.set(e);
            }
        });
        second.start();
        awaitState(() -> second.getState() == Thread.State.WAITING);
        second.interrupt();
        second.join(30_000);
        try {
            assertThat(second.isAlive()).as("still waiting after the interrupt").isFalse();
            assertThat(failed.get()).isInstanceOf(NemoInterruptedException.class);
            assertThat(ran).isFalse();
        } finally {
            leave.countDown();
            first.join(30_000);
        }
    }
}
