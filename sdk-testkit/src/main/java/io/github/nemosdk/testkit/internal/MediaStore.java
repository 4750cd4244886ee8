package io.github.nemosdk.testkit.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files uploaded to one emulator, as its CDN serves them. Uploaded bytes live in a private
 * temporary directory (created on the first upload, deleted by {@link #close()}), so large uploads
 * do not fill the heap. URL uploads are stored as their source URL only: the emulator never fetches.
 * Thread-safe.
 */
final class MediaStore implements AutoCloseable {

    /** One stored file: either bytes on disk ({@code file}) or a remote source ({@code source}). */
    static final class Media {
        final String id;
        final String fileName;
        final Path file;
        final long size;
        final URI source;

        Media(String id, String fileName, Path file, long size, URI source) {
            this.id = id;
            this.fileName = fileName;
            this.file = file;
            this.size = size;
            this.source = source;
        }
    }

    private final Object lock = new Object();
    private final Map<String, Media> media = new HashMap<>();
    private Path dir;
    private boolean closed;

    /**
     * A new empty file in the store's directory for an upload in progress; the caller deletes it if
     * the upload is rejected, or hands it to {@link #addFile}.
     *
     * @throws IOException if the store is closed or the file cannot be created
     */
    Path newFile() throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("the emulator is closed");
            }
            if (dir == null) {
                dir = Files.createTempDirectory("nemo-emulator-media-");
            }
            return Files.createTempFile(dir, "upload-", ".bin");
        }
    }

    /** Registers an uploaded file written to {@code file} (from {@link #newFile()}); returns its id. */
    Media addFile(String fileName, Path file, long size) {
        synchronized (lock) {
            String id = newId();
            Media m = new Media(id, fileName, file, size, null);
            media.put(id, m);
            return m;
        }
    }

    /** Registers a URL upload; returns its id. */
    Media addRemote(String fileName, URI source) {
        synchronized (lock) {
            String id = newId();
            Media m = new Media(id, fileName, null, 0, source);
            media.put(id, m);
            return m;
        }
    }

    /** The stored file with this id, if any. */
    Optional<Media> get(String id) {
        synchronized (lock) {
            return Optional.ofNullable(media.get(id));
        }
    }

    /** Forgets every stored file and deletes the stored bytes; later uploads work as before. */
    void reset() {
        Path toDelete;
        synchronized (lock) {
            media.clear();
            toDelete = dir;
            dir = null;
        }
        deleteDirectory(toDelete);
    }

    /** Deletes the stored bytes and the directory; later uploads fail. Idempotent. */
    @Override
    public void close() {
        Path toDelete;
        synchronized (lock) {
            closed = true;
            toDelete = dir;
            dir = null;
        }
        deleteDirectory(toDelete);
    }

    private static void deleteDirectory(Path toDelete) {
        if (toDelete == null) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(toDelete)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // best effort: a file still being written may go away with the JVM's temp cleanup
        }
        try {
            Files.deleteIfExists(toDelete);
        } catch (IOException e) {
            // best effort
        }
    }

    private String newId() {
        String id;
        do {
            id = Ids.mediaId();
        } while (media.containsKey(id));
        return id;
    }
}
