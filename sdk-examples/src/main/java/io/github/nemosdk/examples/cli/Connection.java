package io.github.nemosdk.examples.cli;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.examples.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A connected client for one command: the API given by {@code --api-url}, else {@code NEMO_API_URL}, else an
 * embedded emulator (said on the first line of standard error, by {@link Target}). With the emulator and no
 * {@code NEMO_CONFIG_DIR}, the client id lives in a temporary directory removed on close; with a loopback API (a
 * standalone emulator), in a directory per address under the temporary folder, shared by the commands run against
 * it. Either way nothing is written to the user's configuration.
 */
final class Connection implements AutoCloseable {
    private final Target target;
    private final Path tempConfig;

    private Connection(Target target, Path tempConfig) {
        this.target = target;
        this.tempConfig = tempConfig;
    }

    static Connection open(CliContext ctx, String apiUrl, Product product) {
        Map<String, String> env = new HashMap<>(ctx.env());
        if (apiUrl != null && !apiUrl.isBlank()) {
            env.put("NEMO_API_URL", apiUrl.trim());
        }
        String api = env.get("NEMO_API_URL");
        String configured = env.get("NEMO_CONFIG_DIR");
        Path tempConfig = null;
        Path configDir;
        Path shared = null;
        if (configured != null && !configured.isBlank()) {
            configDir = Paths.get(configured.trim());
        } else if (api == null || api.isBlank()) {
            try {
                tempConfig = Files.createTempDirectory("nemo-cli-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary directory for the emulator's client id", e);
            }
            configDir = tempConfig;
        } else {
            // a standalone emulator (any loopback API): one directory per address under the temporary folder, so
            // that commands share a client id and token (and so its sessions) without touching the user's config;
            // the real service: the SDK's default configuration directory
            shared = loopbackConfig(api.trim());
            configDir = null;
        }
        Path sharedConfig = shared;
        java.util.function.Consumer<NemoClient.Builder> settings = sharedConfig == null ? ctx.clientSettings()
                : b -> ctx.clientSettings().accept(b.configDirectory(sharedConfig));
        try {
            return new Connection(Target.connect(env, product, configDir, ctx.err(), settings),
                    tempConfig);
        } catch (RuntimeException e) {
            delete(tempConfig);
            throw e;
        }
    }

    /** The shared config directory of a loopback API, or null for any other. */
    static Path loopbackConfig(String api) {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(api);
        } catch (IllegalArgumentException e) {
            return null; // the SDK reports the bad URL
        }
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean loopback = h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1");
        if (!loopback) {
            return null;
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        int port = uri.getPort();
        return Paths.get(System.getProperty("java.io.tmpdir"), "nemo-cli-" + user,
                h.replaceAll("[^A-Za-z0-9.]", "_") + "_" + (port < 0 ? "default" : Integer.toString(port)));
    }

    NemoClient client() {
        return target.client();
    }

    boolean emulated() {
        return target.emulated();
    }

    @Override
    public void close() {
        try {
            target.close();
        } finally {
            delete(tempConfig);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary directory left behind is harmless
        }
    }
}
