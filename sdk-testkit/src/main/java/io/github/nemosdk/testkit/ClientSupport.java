package io.github.nemosdk.testkit;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.render.RenderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds the {@code NemoClient}s {@link NemoEmulatorExtension} injects. The only class of the
 * extension that uses the SDK: it is loaded only when a {@code NemoClient} is asked for (or a product
 * is configured), so the extension serves {@link NemoEmulator} parameters without the SDK on the class
 * path. It must therefore have no static state that touches SDK classes.
 */
final class ClientSupport {

    /** How often the injected clients poll renders, in emulated time (see {@link TestClock}). */
    static final Duration RENDER_POLL_INTERVAL = Duration.ofSeconds(1);
    /** How long the injected clients wait for a render, in emulated time. */
    static final Duration RENDER_TIMEOUT = Duration.ofMinutes(10);

    private ClientSupport() {
    }

    /**
     * Checks a product's {@code X-Skill-Source} value.
     *
     * @throws IllegalArgumentException if no product has it
     */
    static void checkProduct(String source) {
        Product.fromSource(source);
    }

    /**
     * A client of {@code emulator}: its own new temporary config directory (deleted on close), no token
     * cache, the environment ignored, {@code clock} as its clock and sleeper, fast render polling, then
     * {@code product} (if not empty) and the customizers, in order.
     *
     * @param customizers each a {@code Consumer<? super NemoClient.Builder>}
     * @throws UncheckedIOException     if the config directory cannot be created
     * @throws IllegalArgumentException if a setting is invalid
     */
    @SuppressWarnings("unchecked")
    static ManagedClient open(NemoEmulator emulator, TestClock clock, String product, List<Consumer<?>> customizers) {
        Path dir;
        try {
            dir = Files.createTempDirectory("nemo-test-client-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a config directory for the NemoClient", e);
        }
        try {
            NemoClient.Builder builder = NemoClient.builder()
                    .environment(Map.of())
                    .baseUrl(emulator.baseUrl())
                    .configDirectory(dir)
                    .tokenCache(false)
                    .clock(clock)
                    .sleeper(clock::sleep)
                    .renderSettings(RenderSettings.of(RENDER_POLL_INTERVAL, RENDER_TIMEOUT));
            if (!product.isEmpty()) {
                builder.product(Product.fromSource(product));
            }
            for (Consumer<?> customizer : customizers) {
                ((Consumer<NemoClient.Builder>) customizer).accept(builder);
            }
            return new ManagedClient(builder.build(), dir);
        } catch (RuntimeException | Error e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** A client and its config directory; closing closes the client and deletes the directory. */
    static final class ManagedClient implements AutoCloseable {
        private final Object client;
        private final Path directory;

        private ManagedClient(Object client, Path directory) {
            this.client = client;
            this.directory = directory;
        }

        /** The {@code NemoClient}. */
        Object client() {
            return client;
        }

        @Override
        public void close() {
            try {
                ((NemoClient) client).close();
            } finally {
                deleteTree(directory);
            }
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover temporary directory is harmless
        }
    }
}
