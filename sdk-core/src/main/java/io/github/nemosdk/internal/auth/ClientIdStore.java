package io.github.nemosdk.internal.auth;

import io.github.nemosdk.internal.ConfigLock;
import io.github.nemosdk.internal.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The client id sent as {@code X-Client-Id} when acquiring anonymous tokens. Anonymous tokens are rate limited
 * per client id, so the id is persisted ({@code <config dir>/client_id}, the same file the public Nemo skill uses)
 * and reused across runs instead of being generated per call. Thread-safe.
 */
public final class ClientIdStore {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._\\-]{8,128}");

    private final Path file;
    private final String configured;
    private volatile String current;

    /**
     * Creates a store.
     *
     * @param configured an id given by the user (builder or {@code NEMO_CLIENT_ID}), or null
     * @param file       where to persist generated ids, or null to keep them in memory only
     */
    public ClientIdStore(String configured, Path file) {
        if (configured != null && !VALID.matcher(configured).matches()) {
            throw new IllegalArgumentException("Invalid client id: use 8 to 128 letters, digits, '.', '_' or '-',"
                    + " e.g. a UUID (check NEMO_CLIENT_ID or clientId(...)).");
        }
        this.configured = configured;
        this.file = file;
    }

    /**
     * The client id: the configured one, else the persisted one, else a new UUID that is persisted.
     *
     * @return the client id
     */
    public String get() {
        String c = current;
        if (c != null) {
            return c;
        }
        // locks are always taken in one order, the directory's before this store's monitor (a token renewal holds
        // the directory's lock when it asks for the id)
        return underDirectoryLock(this::getLocked);
    }

    private synchronized String getLocked() {
        if (current == null) {
            current = configured != null ? configured : loadOrCreate();
        }
        return current;
    }

    /** Runs an action under the config directory's lock when the id is persisted there, else directly. */
    private String underDirectoryLock(java.util.function.Supplier<String> action) {
        return file == null || configured != null ? action.get()
                : ConfigLock.with(file.toAbsolutePath().getParent(), action);
    }

    /**
     * Replaces the client id with a new UUID and persists it (after the server refused the current one).
     *
     * @return the new id
     */
    public String regenerate() {
        return underDirectoryLock(this::regenerateLocked);
    }

    private synchronized String regenerateLocked() {
        String refused = current;
        if (file == null || configured != null) {
            current = UUID.randomUUID().toString();
            persist(current);
            return current;
        }
        String stored = read();
        if (stored != null && !stored.equals(refused)) {
            current = stored; // another process has replaced the refused id already: share its new one
            return current;
        }
        current = UUID.randomUUID().toString();
        persist(current);
        return current;
    }

    private String loadOrCreate() {
        if (file == null) {
            return UUID.randomUUID().toString();
        }
        // two processes starting at once must agree on one id: read and create under the directory's lock (held)
        String stored = read();
        if (stored != null) {
            return stored;
        }
        String id = UUID.randomUUID().toString();
        persist(id);
        return id;
    }

    /** The persisted id, or null when there is none (or it is unreadable). */
    private String read() {
        if (file != null) {
            try {
                String s = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                if (VALID.matcher(s).matches()) {
                    return s;
                }
                LOG.log(System.Logger.Level.WARNING, "Ignoring the unreadable client id in " + file
                        + "; a new one is generated.");
            } catch (NoSuchFileException e) {
                // first run
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot read the client id from " + file + ": " + e);
            }
        }
        return null;
    }

    private void persist(String id) {
        if (file == null) {
            return;
        }
        try {
            PrivateFiles.write(file, id + "\n");
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot persist the client id to " + file + " (" + e
                    + "); it is kept for this process only. Set NEMO_CLIENT_ID to reuse one across runs.");
        }
    }
}
