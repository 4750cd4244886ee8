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
 * {@code NEMO_CONFIG_DIR}, the client id lives in a temporary directory removed on close, so nothing is written to
 * the user's configuration.
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
            configDir = null; // the real service: the SDK's default configuration directory
        }
        try {
            return new Connection(Target.connect(env, product, configDir, ctx.err(), ctx.clientSettings()),
                    tempConfig);
        } catch (RuntimeException e) {
            delete(tempConfig);
            throw e;
        }
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
