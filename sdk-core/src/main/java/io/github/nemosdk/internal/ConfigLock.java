package io.github.nemosdk.internal;

import io.github.nemosdk.errors.NemoInterruptedException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises what reads, changes and writes the files of one config directory (the client id, the token cache, a
 * token renewal), across the threads of this JVM and across processes: a JVM-wide lock per directory, and a lock
 * on the file {@code .lock} in it. Two programs sharing the directory then never lose each other's client id or
 * cached tokens, and never both renew a token that one renewal serves. Re-entrant within a thread. Where the file
 * system cannot lock (some network file systems), the JVM-wide lock alone is kept. A wait for either lock ends
 * with a {@link NemoInterruptedException} when the thread is interrupted, without running the action.
 */
public final class ConfigLock {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private ConfigLock() {
    }

    /**
     * Runs an action while holding the directory's lock.
     *
     * @param <T>    the result type
     * @param dir    the config directory
     * @param action the read-modify-write
     * @return what the action returns
     * @throws NemoInterruptedException when interrupted while waiting for the lock (the action did not run)
     */
    public static <T> T with(Path dir, Supplier<T> action) {
        Path lockFile = dir.toAbsolutePath().normalize().resolve(".lock");
        ReentrantLock jvm = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        try {
            jvm.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(lockFile, e);
        }
        try {
            if (jvm.getHoldCount() > 1) {
                return action.get(); // this thread holds the file lock already
            }
            FileChannel channel = null;
            FileLock lock = null;
            try {
                PrivateFiles.createDirectories(lockFile.getParent());
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = channel.lock();
            } catch (FileLockInterruptionException | ClosedByInterruptException e) {
                close(null, channel); // the interrupt flag is set
                throw interrupted(lockFile, e);
            } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
                LOG.log(System.Logger.Level.DEBUG, "Cannot lock " + lockFile + " (" + e + "); going on without a"
                        + " lock between processes");
            }
            try {
                return action.get();
            } finally {
                close(lock, channel);
            }
        } finally {
            jvm.unlock();
        }
    }

    private static NemoInterruptedException interrupted(Path lockFile, Exception e) {
        return new NemoInterruptedException("Interrupted while waiting for the lock of the config directory "
                + lockFile.getParent() + " (another thread or program holds it while it reads or renews a token);"
                + " nothing was read or written.", e);
    }

    private static void close(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
