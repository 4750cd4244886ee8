package io.github.nemosdk.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes small files readable by their owner only (0600, in a 0700 directory), atomically: a reader sees the old
 * or the new content, never half of it.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /**
     * Writes text to a file, owner-only, atomically.
     *
     * @param file the target
     * @param text the content
     * @throws IOException if the directory or file cannot be written
     */
    public static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        Path tmp = createTempFile(dir, file.getFileName().toString());
        try {
            Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            restrict(file, FILE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir.getRoot() == null ? dir : dir.getRoot())) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
                return;
            } catch (FileAlreadyExistsException e) {
                return;
            } catch (UnsupportedOperationException e) {
                // fall through
            }
        }
        Files.createDirectories(dir);
    }

    private static Path createTempFile(Path dir, String name) throws IOException {
        try {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(FILE);
            return Files.createTempFile(dir, "." + name, ".tmp", attr);
        } catch (UnsupportedOperationException e) {
            Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
            java.io.File f = tmp.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
            return tmp;
        }
    }

    private static void restrict(Path file, Set<PosixFilePermission> perms) throws IOException {
        try {
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException e) {
            java.io.File f = file.toFile();
            f.setReadable(false, false);
            f.setReadable(true, true);
        }
    }

    private static boolean posix(Path p) {
        try {
            return p.getFileSystem().supportedFileAttributeViews().contains("posix");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
