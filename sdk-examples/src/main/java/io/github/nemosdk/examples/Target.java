package io.github.nemosdk.examples;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.testkit.NemoEmulator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where an example sends its requests: the real service when {@code NEMO_API_URL} is set, otherwise an embedded
 * emulator started for the run. Closing it closes the client and the emulator. Public so that the {@code nemo}
 * command-line tool ({@code io.github.nemosdk.examples.cli}) connects the same way.
 */
public final class Target implements AutoCloseable {
    private final NemoEmulator emulator;
    private final NemoClient client;

    private Target(NemoEmulator emulator, NemoClient client) {
        this.emulator = emulator;
        this.client = client;
    }

    /**
     * Connects, saying on the first line of output which service is used.
     *
     * @param env       the environment
     * @param product   the product the example speaks for
     * @param configDir where an emulator run keeps its client id (so the user's own config stays untouched)
     * @param out       where to print
     * @return the target
     */
    public static Target connect(Map<String, String> env, Product product, Path configDir, PrintStream out) {
        return connect(env, product, configDir, out, b -> { });
    }

    /**
     * Connects like {@link #connect(Map, Product, Path, PrintStream)}, letting the caller adjust the client's
     * settings last (for example chat deadlines or the render poll interval).
     *
     * @param env       the environment
     * @param product   the product the example speaks for
     * @param configDir where an emulator run keeps its client id (so the user's own config stays untouched)
     * @param out       where to print
     * @param settings  applied to the client builder after the target's own settings
     * @return the target
     */
    public static Target connect(Map<String, String> env, Product product, Path configDir, PrintStream out,
            Consumer<NemoClient.Builder> settings) {
        Objects.requireNonNull(settings, "settings");
        String api = env.get("NEMO_API_URL");
        if (api == null || api.isBlank()) {
            NemoEmulator emulator = NemoEmulator.start();
            out.println("NEMO_API_URL is not set: using the embedded Nemo emulator at " + emulator.baseUrl());
            NemoClient.Builder builder = NemoClient.builder()
                    .environment(env)
                    .baseUrl(emulator.baseUrl())
                    .product(product)
                    .configDirectory(configDir)
                    .tokenCache(false)
                    // the emulator renders in a fraction of a second; the real service is polled every 10 s
                    .renderSettings(RenderSettings.of(Duration.ofMillis(100), Duration.ofMinutes(2)));
            try {
                settings.accept(builder);
                return new Target(emulator, builder.build());
            } catch (RuntimeException e) {
                emulator.close();
                throw e;
            }
        }
        NemoClient.Builder builder = NemoClient.builder().environment(env).product(product);
        settings.accept(builder);
        NemoClient client = builder.build();
        out.println("Using the Nemo API at " + client.baseUrl());
        return new Target(null, client);
    }

    /**
     * The connected client.
     *
     * @return the client, closed with this target
     */
    public NemoClient client() {
        return client;
    }

    /**
     * Whether the embedded emulator is in use.
     *
     * @return true without {@code NEMO_API_URL}
     */
    public boolean emulated() {
        return emulator != null;
    }

    @Override
    public void close() {
        client.close();
        if (emulator != null) {
            emulator.close();
        }
    }
}
