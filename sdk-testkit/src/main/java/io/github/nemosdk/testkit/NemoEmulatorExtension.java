package io.github.nemosdk.testkit;

import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that runs a test class against a {@link NemoEmulator} and injects it, and
 * ready {@code NemoClient}s pointed at it, into test methods, constructors and lifecycle methods.
 *
 * <p><b>Declarative form</b>: annotate the class with {@link NemoTest @NemoTest} (settings as
 * attributes) or {@code @ExtendWith(NemoEmulatorExtension.class)} (defaults):
 *
 * <pre>{@code
 * @NemoTest(silentRatio = 0.0, chatStyle = ChatStyle.ADK, product = "tiktok-add-music")
 * class ExportTest {
 *     @Test
 *     void exportsWithMusic(NemoClient client, NemoEmulator emulator) {
 *         String sid = client.sessions().create().sessionId();
 *         client.chat(sid).send("add lo-fi music at 35%");
 *         assertThat(client.credits().balance().available()).isEqualTo(95);
 *         assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(1);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Programmatic form</b>, for every {@link NemoEmulator.Builder} and {@code NemoClient.Builder}
 * setting: a {@code static} field annotated {@code @RegisterExtension}:
 *
 * <pre>{@code
 * class SlowRenderTest {
 *     @RegisterExtension
 *     static final NemoEmulatorExtension NEMO = NemoEmulatorExtension.builder()
 *             .emulator(e -> e.silentRatio(0.0).renderDuration(Duration.ofMinutes(1)).initialCredits(20))
 *             .product("tiktok-add-music")
 *             .client(c -> c.language("ja").sessionRecovery(SessionRecovery.RECREATE))
 *             .build();
 *
 *     @Test
 *     void waitsForTheRender(NemoClient client) { ... }
 * }
 * }</pre>
 *
 * <p>Use one form per test class: registering the extension twice (for example {@code @NemoTest} and
 * a {@code @RegisterExtension} field) fails the class with an {@link ExtensionConfigurationException}.
 *
 * <p><b>Lifecycle.</b> One emulator is started per test class, before its {@code @BeforeAll}
 * methods, and closed after its {@code @AfterAll} methods; {@code @Nested} classes share their
 * enclosing class's emulator. Before each test (before its {@code @BeforeEach} methods) the emulator
 * is {@linkplain NemoEmulator#reset() reset}: no users, tokens, sessions, credits changes, uploads,
 * renders, recorded requests or pending faults are left from earlier tests or from {@code @BeforeAll}
 * methods, so tests are independent and may run in any order. The port, and so the
 * {@linkplain NemoEmulator#baseUrl() base URL}, stay the same for the whole class. After each test
 * (after its {@code @AfterEach} methods) pending faults are dropped and the test's client is closed.
 * A {@code @RegisterExtension} on an instance (non-static) field works too, but then each test gets
 * an emulator of its own, started before and closed after it. Test methods of one class must not run
 * concurrently, since they share the emulator.
 *
 * <p><b>Parameters.</b> Parameters of type {@link NemoEmulator} receive the class's emulator. Parameters
 * of type {@code NemoClient} receive a client built with {@code NemoClient.builder()}:
 * <ul>
 * <li>pointed at the emulator's base URL, with the environment ignored ({@code environment(Map.of())}),
 *     so the user's {@code NEMO_*} variables never leak in;</li>
 * <li>an isolated, new temporary config directory (so a new client id, hence a new anonymous user with
 *     the initial credits), deleted when the client is closed, and no token cache;</li>
 * <li>no real waiting: its sleeper returns at once, moving forward a clock that the client and the
 *     emulator share instead (the system clock plus the time "slept"). Retries, {@code Retry-After}
 *     delays and render polls therefore take no time, yet renders progress and deadlines expire as if
 *     the client had waited (a 30 s {@code Retry-After}, or a one-minute render, is over at once);</li>
 * <li>fast render polling: every second of that clock (the SDK's default is 10 s), for at most 10
 *     minutes of it; with the shared clock a render is over after a few quick polls;</li>
 * <li>then the configured product and client settings.</li>
 * </ul>
 * A test method, its {@code @BeforeEach} and {@code @AfterEach} methods and (with the default
 * per-method test instances) the test class's constructor share one client, closed after the test.
 * {@code @BeforeAll} and {@code @AfterAll} methods, and the constructor of a
 * {@code @TestInstance(PER_CLASS)} class, share another, closed with the emulator; its tokens are
 * dropped by each reset, and the SDK renews them transparently. Parameters of other types are left to
 * other resolvers.
 *
 * <p><b>Dependencies.</b> The extension needs {@code junit-jupiter-api} and, for {@code NemoClient}
 * parameters, {@code nemo-sdk-core} on the test class path. The testkit declares both as optional, so
 * they come from your project, in your versions.
 */
public final class NemoEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(NemoEmulatorExtension.class);
    private static final String STATE = "state";
    /** Compared by name, so that checking a parameter never loads SDK classes. */
    private static final String CLIENT_TYPE = "io.github.nemosdk.NemoClient";

    /** The programmatic settings; null when registered declaratively (settings from {@link NemoTest}). */
    private final Settings settings;

    /**
     * The extension with its settings read from the test class's {@link NemoTest} annotation, or the
     * defaults without one. JUnit calls it for {@code @ExtendWith(NemoEmulatorExtension.class)} and
     * {@code @NemoTest}; use {@link #builder()} to register it programmatically.
     */
    public NemoEmulatorExtension() {
        this.settings = null;
    }

    private NemoEmulatorExtension(Builder builder) {
        this.settings = new Settings(builder);
    }

    /**
     * A builder for the programmatic form ({@code @RegisterExtension}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts the class's emulator, unless an enclosing class's is shared. */
    @Override
    public void beforeAll(ExtensionContext context) {
        State existing = find(context);
        if (existing == null) {
            start(context);
            return;
        }
        Class<?> testClass = context.getRequiredTestClass();
        if (existing.extension != this) {
            throw registeredTwice(testClass);
        }
        if (existing.ownerId.equals(context.getUniqueId())) {
            return; // started already, to inject the constructor of a PER_CLASS test instance
        }
        Optional<NemoTest> annotation = AnnotationSupport.findAnnotation(testClass, NemoTest.class);
        if (annotation.isPresent() && !annotation.get().equals(existing.annotation)) {
            throw new ExtensionConfigurationException("@Nested class " + testClass.getName()
                    + " shares the emulator of its enclosing class, so it cannot change the settings of @NemoTest;"
                    + " remove its @NemoTest or make it the same as the enclosing class's");
        }
    }

    /** Resets the emulator (or starts one, for an extension registered on an instance field). */
    @Override
    public void beforeEach(ExtensionContext context) {
        State state = find(context);
        if (state == null) {
            start(context);
        } else {
            state.emulator.reset();
        }
    }

    /** Closes the test's client and drops pending faults (or closes the test's own emulator). */
    @Override
    public void afterEach(ExtensionContext context) {
        State state = find(context);
        if (state == null) {
            return;
        }
        try {
            state.closeTestClient();
        } finally {
            if (state.ownerId.equals(context.getUniqueId())) {
                stop(context, state);
            } else {
                state.emulator.clearFaults();
            }
        }
    }

    /** Closes the class's clients and emulator. */
    @Override
    public void afterAll(ExtensionContext context) {
        State state = find(context);
        if (state != null && state.ownerId.equals(context.getUniqueId())) {
            stop(context, state);
        }
    }

    // ---------------------------------------------------------------- parameters

    /**
     * Claims parameters of type {@link NemoEmulator} and {@code io.github.nemosdk.NemoClient}, and no others.
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == NemoEmulator.class || type.getName().equals(CLIENT_TYPE);
    }

    /** The class's emulator, or the client for the test or the class; see the class documentation. */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        State state = find(extensionContext);
        if (state == null) {
            // the constructor of a PER_CLASS test instance, which JUnit creates before calling beforeAll
            state = start(extensionContext);
        }
        Class<?> type = parameterContext.getParameter().getType();
        if (type == NemoEmulator.class) {
            return state.emulator;
        }
        if (!type.getName().equals(CLIENT_TYPE)) {
            throw new ParameterResolutionException("NemoEmulatorExtension cannot resolve " + type.getName());
        }
        boolean forTest = extensionContext.getTestMethod().isPresent()
                || parameterContext.getDeclaringExecutable() instanceof Constructor
                && extensionContext.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
                        == TestInstance.Lifecycle.PER_METHOD;
        try {
            return state.client(forTest);
        } catch (RuntimeException | LinkageError e) {
            throw new ParameterResolutionException("cannot create the NemoClient for "
                    + parameterContext.getDeclaringExecutable() + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------- internals

    private static State find(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(STATE, State.class);
    }

    private State start(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        NemoTest annotation = AnnotationSupport.findAnnotation(testClass, NemoTest.class).orElse(null);
        if (settings != null && annotation != null) {
            throw registeredTwice(testClass);
        }
        Settings effective = settings != null ? settings : Settings.of(annotation);
        if (!effective.product.isEmpty()) {
            try {
                ClientSupport.checkProduct(effective.product);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("invalid product for " + testClass.getName() + ": "
                        + e.getMessage(), e);
            } catch (LinkageError e) {
                throw new ExtensionConfigurationException("a product is configured for " + testClass.getName()
                        + " but nemo-sdk-core is not on the test class path", e);
            }
        }
        TestClock clock = new TestClock();
        NemoEmulator emulator;
        try {
            NemoEmulator.Builder builder = NemoEmulator.builder().clock(clock);
            effective.emulator.accept(builder);
            emulator = builder.start();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("invalid emulator settings for " + testClass.getName() + ": "
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ExtensionConfigurationException("cannot start the emulator for " + testClass.getName() + ": "
                    + e.getMessage(), e);
        }
        State state = new State(this, context.getUniqueId(), annotation, effective, emulator, clock);
        context.getStore(NAMESPACE).put(STATE, state);
        return state;
    }

    private static void stop(ExtensionContext context, State state) {
        context.getStore(NAMESPACE).remove(STATE);
        state.close();
    }

    private static ExtensionConfigurationException registeredTwice(Class<?> testClass) {
        return new ExtensionConfigurationException("NemoEmulatorExtension is registered more than once for "
                + testClass.getName() + ": use either @NemoTest (or @ExtendWith(NemoEmulatorExtension.class)) or"
                + " one @RegisterExtension field, not both");
    }

    /** What configures the emulator and the clients. Immutable. */
    private static final class Settings {
        final Consumer<NemoEmulator.Builder> emulator;
        final String product;
        final List<Consumer<?>> client;

        Settings(Consumer<NemoEmulator.Builder> emulator, String product, List<Consumer<?>> client) {
            this.emulator = emulator;
            this.product = product;
            this.client = List.copyOf(client);
        }

        Settings(Builder b) {
            this(b.emulator, b.product, b.client);
        }

        static Settings of(NemoTest a) {
            if (a == null) {
                return new Settings(b -> { }, "", List.of());
            }
            Consumer<NemoEmulator.Builder> emulator = b -> b
                    .silentRatio(a.silentRatio())
                    .seed(a.seed())
                    .chatStyle(a.chatStyle())
                    .trailingNoise(a.trailingNoise())
                    .initialCredits(a.initialCredits())
                    .creditsPerEdit(a.creditsPerEdit())
                    .turnDuration(Duration.ofMillis(a.turnDurationMs()))
                    .renderDuration(Duration.ofMillis(a.renderDurationMs()))
                    .renderStatusShape(a.renderStatusShape());
            return new Settings(emulator, a.product().trim(), List.of());
        }
    }

    /** One running emulator and the clients handed out for it. */
    private static final class State {
        final NemoEmulatorExtension extension;
        final String ownerId;
        final NemoTest annotation;
        final Settings settings;
        final NemoEmulator emulator;
        final TestClock clock;
        private ClientSupport.ManagedClient testClient;
        private ClientSupport.ManagedClient classClient;

        State(NemoEmulatorExtension extension, String ownerId, NemoTest annotation, Settings settings,
                NemoEmulator emulator, TestClock clock) {
            this.extension = extension;
            this.ownerId = ownerId;
            this.annotation = annotation;
            this.settings = settings;
            this.emulator = emulator;
            this.clock = clock;
        }

        synchronized Object client(boolean forTest) {
            if (forTest) {
                if (testClient == null) {
                    testClient = ClientSupport.open(emulator, clock, settings.product, settings.client);
                }
                return testClient.client();
            }
            if (classClient == null) {
                classClient = ClientSupport.open(emulator, clock, settings.product, settings.client);
            }
            return classClient.client();
        }

        void closeTestClient() {
            AutoCloseable client;
            synchronized (this) {
                client = testClient;
                testClient = null;
            }
            closeQuietly(client);
        }

        void close() {
            AutoCloseable test;
            AutoCloseable forClass;
            synchronized (this) {
                test = testClient;
                forClass = classClient;
                testClient = null;
                classClient = null;
            }
            try {
                closeQuietly(test);
                closeQuietly(forClass);
            } finally {
                emulator.close();
            }
        }

        private static void closeQuietly(AutoCloseable closeable) {
            if (closeable == null) {
                return;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                // closing a client only releases resources; nothing a test could act on
            }
        }
    }

    /**
     * Settings of a programmatically registered {@link NemoEmulatorExtension}. Each method may be called
     * several times: the settings add up, in order. Not thread-safe.
     */
    public static final class Builder {
        private Consumer<NemoEmulator.Builder> emulator = b -> { };
        private String product = "";
        private final List<Consumer<?>> client = new ArrayList<>();

        private Builder() {
        }

        /**
         * Settings of the emulator, applied to its {@link NemoEmulator.Builder} (after the extension's
         * own {@linkplain NemoEmulator.Builder#clock(java.time.Clock) clock}, which you may replace:
         * then renders progress with your clock, not with the clients' waits).
         *
         * @param settings for example {@code e -> e.silentRatio(0.0).chatStyle(ChatStyle.ADK)}
         * @return this builder
         */
        public Builder emulator(Consumer<? super NemoEmulator.Builder> settings) {
            Objects.requireNonNull(settings, "settings");
            this.emulator = this.emulator.andThen(settings);
            return this;
        }

        /**
         * The product the injected clients speak for, by its {@code X-Skill-Source} value, as
         * {@link NemoTest#product()}; checked when the test class starts.
         *
         * @param source for example {@code "tiktok-add-music"}; empty for the SDK's default
         * @return this builder
         */
        public Builder product(String source) {
            this.product = Objects.requireNonNull(source, "source").trim();
            return this;
        }

        /**
         * Settings of the injected clients, applied to each {@code NemoClient.Builder} after the
         * extension's own (base URL, environment, config directory, token cache, clock, sleeper, render
         * polling) and the {@linkplain #product(String) product}, so they may override any of them.
         *
         * @param settings for example {@code c -> c.language("ja")}
         * @return this builder
         */
        public Builder client(Consumer<? super io.github.nemosdk.NemoClient.Builder> settings) {
            client.add(Objects.requireNonNull(settings, "settings"));
            return this;
        }

        /**
         * The extension, to assign to a {@code static} field annotated {@code @RegisterExtension}.
         *
         * @return the extension
         */
        public NemoEmulatorExtension build() {
            return new NemoEmulatorExtension(this);
        }
    }
}
