package io.github.nemosdk.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.auth.AnonymousToken;
import io.github.nemosdk.internal.ConfigLock;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Persists anonymous tokens ({@code <config dir>/tokens.json}, owner-only) so that a program run again does not
 * spend another token from the per-client and per-IP allowance. Entries are keyed by API base URL and client id; at
 * most 16 are kept, the oldest dropped first and the one just stored never. An entry leaves the cache when the
 * server rejects its token, not when the local clock says it has expired (a clock that runs ahead would throw good
 * tokens away). Thread-safe, and safe across processes sharing the directory: every change reads, changes and
 * writes the file under the directory's lock ({@link ConfigLock}), and writes replace it atomically.
 */
public final class TokenCache {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");
    private static final int MAX_ENTRIES = 16;

    private final Path file;

    /**
     * Creates a cache over a file.
     *
     * @param file the cache file
     */
    public TokenCache(Path file) {
        this.file = file;
    }

    /**
     * Finds the token stored for an API and client id.
     *
     * @param api      the API base URL
     * @param clientId the client id
     * @return the token, or null
     */
    public AnonymousToken load(String api, String clientId) {
        ArrayNode entries = read();
        for (JsonNode e : entries) {
            if (api.equals(Json.text(e, "api")) && clientId.equals(Json.text(e, "client_id"))) {
                AnonymousToken t = toToken(e);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /**
     * Stores a token, replacing any for the same API and client id.
     *
     * @param api      the API base URL
     * @param clientId the client id
     * @param token    the token
     */
    public void store(String api, String clientId, AnonymousToken token) {
        withLock(() -> {
            storeLocked(api, clientId, token);
            return null;
        });
    }

    /**
     * Runs an action while holding the lock of the cache's directory, across threads and processes (see
     * {@link ConfigLock}); the cache's own methods may be called inside it.
     *
     * @param <T>    the result type
     * @param action what to do
     * @return what the action returns
     */
    public <T> T withLock(java.util.function.Supplier<T> action) {
        return ConfigLock.with(file.toAbsolutePath().getParent(), action);
    }

    private void storeLocked(String api, String clientId, AnonymousToken token) {
        java.util.List<JsonNode> others = new java.util.ArrayList<>();
        for (JsonNode e : read()) {
            boolean same = api.equals(Json.text(e, "api")) && clientId.equals(Json.text(e, "client_id"));
            if (!same && toToken(e) != null) {
                others.add(e);
            }
        }
        ArrayNode kept = Json.mapper().createArrayNode();
        // entries are kept oldest first: the newest others, then the one stored now
        for (JsonNode e : others.subList(Math.max(0, others.size() - (MAX_ENTRIES - 1)), others.size())) {
            kept.add(e);
        }
        ObjectNode n = kept.addObject();
        n.put("api", api);
        n.put("client_id", clientId);
        n.put("token", token.token());
        token.userId().ifPresent(u -> n.put("user_id", u));
        token.expiresAt().ifPresent(x -> n.put("expires_at", x.toString()));
        token.credits().ifPresent(c -> n.put("credits", c));
        write(kept);
    }

    /**
     * Forgets a token (after the server rejected it).
     *
     * @param token the rejected token
     */
    public void remove(String token) {
        withLock(() -> {
            removeLocked(token);
            return null;
        });
    }

    private void removeLocked(String token) {
        ArrayNode entries = read();
        ArrayNode kept = Json.mapper().createArrayNode();
        boolean changed = false;
        for (JsonNode e : entries) {
            if (token.equals(Json.text(e, "token"))) {
                changed = true;
            } else {
                kept.add(e);
            }
        }
        if (changed) {
            write(kept);
        }
    }

    private static AnonymousToken toToken(JsonNode e) {
        String token = Json.text(e, "token");
        if (token == null) {
            return null;
        }
        Instant expires = null;
        String x = Json.text(e, "expires_at");
        if (x != null) {
            try {
                expires = Instant.parse(x);
            } catch (DateTimeParseException ignored) {
                // the expiry is only informative: the token stays usable until the server rejects it
            }
        }
        return AnonymousToken.of(token, Json.text(e, "user_id"), expires, Json.number(e, "credits"));
    }

    private ArrayNode read() {
        try {
            JsonNode root = Json.mapper().readTree(Files.readAllBytes(file));
            JsonNode arr = root == null ? null : root.get("tokens");
            if (arr instanceof ArrayNode) {
                return (ArrayNode) arr;
            }
        } catch (NoSuchFileException e) {
            // nothing cached yet
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring the unreadable token cache " + file);
        }
        return Json.mapper().createArrayNode();
    }

    private void write(ArrayNode entries) {
        ObjectNode root = Json.object();
        root.set("tokens", entries);
        try {
            PrivateFiles.write(file, Json.mapper().writeValueAsString(root));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot write the token cache " + file + "; tokens are kept in"
                    + " memory for this process only.");
        }
    }
}
