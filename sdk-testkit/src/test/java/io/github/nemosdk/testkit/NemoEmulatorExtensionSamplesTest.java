package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.NemoClient;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult.Status;

/** The extension in whole JUnit runs of sample classes: resolution errors, misconfiguration, cleanup. */
class NemoEmulatorExtensionSamplesTest {

    // ------------------------------------------------------------------ parameters

    @ExtendWith(SampleRun.OnlyInSampleRuns.class)
    @NemoTest
    static class OtherParameterTypes {
        @Test
        void aString(String text) {
        }

        @Test
        void anObject(Object any) {
        }

        @Test
        void aClientBuilder(NemoClient.Builder builder) {
        }

        @Test
        void supported(NemoEmulator emulator, NemoClient client, TestInfo info) {
            assertThat(client.baseUrl()).isEqualTo(emulator.baseUrl());
        }
    }

    @Test
    void parametersOfOtherTypesAreLeftToOtherResolvers() {
        SampleRun run = SampleRun.of(OtherParameterTypes.class);

        assertThat(run.tests()).hasSize(4);
        assertThat(run.failures()).hasSize(3).allSatisfy(f -> {
            assertThat(f.container).isFalse();
            assertThat(f.failure).isInstanceOf(ParameterResolutionException.class)
                    .hasMessageStartingWith("No ParameterResolver registered for parameter");
        });
        assertThat(run.failures()).extracting(f -> f.failure.getMessage()).anySatisfy(
                m -> assertThat(m).contains("java.lang.String")).anySatisfy(
                m -> assertThat(m).contains("java.lang.Object")).anySatisfy(
                m -> assertThat(m).contains("NemoClient$Builder"));
        assertThat(run.tests()).filteredOn(t -> t.displayName.startsWith("supported"))
                .singleElement().satisfies(t -> assertThat(t.status).isEqualTo(Status.SUCCESSFUL));
    }

    @ExtendWith(SampleRun.OnlyInSampleRuns.class)
    static class FailingClientSettings {
        @RegisterExtension
        static final NemoEmulatorExtension NEMO = NemoEmulatorExtension.builder()
                .client(c -> c.maxUploadBytes(-1))
                .build();

        @Test
        void needsAClient(NemoClient client) {
        }

        @Test
        void onlyTheEmulator(NemoEmulator emulator) {
        }
    }

    @Test
    void aClientThatCannotBeBuiltFailsOnlyTheTestsAskingForOne() {
        SampleRun run = SampleRun.of(FailingClientSettings.class);

        assertThat(run.failures()).singleElement().satisfies(f -> {
            assertThat(f.displayName).startsWith("needsAClient");
            assertThat(f.failure).isInstanceOf(ParameterResolutionException.class)
                    .hasMessageContaining("cannot create the NemoClient")
                    .hasMessageContaining("maxUploadBytes")
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        });
        assertThat(run.tests()).hasSize(2);
    }

    // ------------------------------------------------------------------ configuration errors

    @ExtendWith(SampleRun.OnlyInSampleRuns.class)
    @NemoTest
    static class RegisteredTwice {
        @RegisterExtension
        static final NemoEmulatorExtension NEMO = NemoEmulatorExtension.builder().build();

        @Test
        void test(NemoEmulator emulator) {
        }
    }

    @ExtendWith(SampleRun.OnlyInSampleRuns.class)
    @NemoTest(silentRatio = 2.0)
    static class InvalidSettings {
        @Test
        void test(NemoEmulator emulator) {
        }
    }

    @ExtendWith(SampleRun.OnlyInSampleRuns.class)
    @NemoTest(product = "tiktok")
    static class UnknownProduct {
        @Test
        void test(NemoEmulator emulator) {
        }
    }

    @Test
    void misconfigurationFailsTheClassWithAClearMessage() {
        assertClassFails(RegisteredTwice.class, "registered more than once");
        assertClassFails(InvalidSettings.class, "invalid emulator settings", "silentRatio must be in 0..1");
        assertClassFails(UnknownProduct.class, "invalid product", "Unknown product source 'tiktok'");
        assertThat(emulatorThreadsEventually()).as("nothing left running").isEmpty();
    }

    private static void assertClassFails(Class<?> sample, String... messageParts) {
        SampleRun run = SampleRun.of(sample);
        assertThat(run.tests()).as("no test ran").isEmpty();
        assertThat(run.failures()).singleElement().satisfies(f -> {
            assertThat(f.container).isTrue();
            assertThat(f.failure).isInstanceOf(ExtensionConfigurationException.class);
            for (String part : messageParts) {
                assertThat(f.failure).hasMessageContaining(part);
            }
        });
    }

    @ExtendWith(SampleRun.OnlyInSampleRuns.class)
    @NemoTest(initialCredits = 3)
    static class NestedClasses {
        static final List<NemoEmulator> SEEN = new CopyOnWriteArrayList<>();

        @Test
        void outer(NemoEmulator emulator) {
            SEEN.add(emulator);
        }

        @Nested
        @NemoTest(initialCredits = 3)
        class Repeating {
            @Test
            void inner(NemoEmulator emulator, NemoClient client) {
                SEEN.add(emulator);
                assertThat(client.credits().balance().available()).isEqualTo(3);
            }
        }

        @Nested
        @NemoTest(initialCredits = 4)
        class Changing {
            @Test
            void inner(NemoEmulator emulator) {
            }
        }
    }

    @Test
    void nestedClassesShareTheEmulatorAndMayNotChangeItsSettings() {
        SampleRun run = SampleRun.of(NestedClasses.class);

        assertThat(run.tests()).hasSize(2).allSatisfy(t -> assertThat(t.status).isEqualTo(Status.SUCCESSFUL));
        assertThat(NestedClasses.SEEN).hasSize(2);
        assertThat(NestedClasses.SEEN.get(0)).isSameAs(NestedClasses.SEEN.get(1));
        assertThat(run.failures()).singleElement().satisfies(f -> {
            assertThat(f.displayName).isEqualTo("Changing");
            assertThat(f.failure).isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessageContaining("cannot change the settings of @NemoTest");
        });
    }

    // ------------------------------------------------------------------ cleanup

    @ExtendWith(SampleRun.OnlyInSampleRuns.class)
    @NemoTest
    static class RecordsWhatItGot {
        static final List<NemoEmulator> EMULATORS = new CopyOnWriteArrayList<>();
        static final List<NemoClient> CLIENTS = new CopyOnWriteArrayList<>();

        @Test
        void one(NemoEmulator emulator, NemoClient client) {
            EMULATORS.add(emulator);
            CLIENTS.add(client);
            client.credits().balance();
        }

        @Test
        void two(NemoEmulator emulator, NemoClient client) {
            one(emulator, client);
        }
    }

    @Test
    void clientsAreClosedAfterEachTestAndTheEmulatorAfterTheClass() throws IOException {
        Set<Path> configDirsBefore = clientConfigDirs();
        SampleRun run = SampleRun.of(RecordsWhatItGot.class);

        assertThat(run.failures()).isEmpty();
        assertThat(RecordsWhatItGot.EMULATORS).hasSize(2);
        assertThat(RecordsWhatItGot.EMULATORS.get(0)).isSameAs(RecordsWhatItGot.EMULATORS.get(1));
        assertThat(RecordsWhatItGot.CLIENTS).hasSize(2).doesNotHaveDuplicates().allSatisfy(
                c -> assertThatThrownBy(() -> c.credits().balance())
                        .isInstanceOf(io.github.nemosdk.errors.ClientClosedException.class));
        assertClosed(RecordsWhatItGot.EMULATORS.get(0));
        // the system's temporary folder is shared: only the folders made during the run count
        Set<Path> left = clientConfigDirs();
        left.removeAll(configDirsBefore);
        assertThat(left).as("temporary config directories deleted").isEmpty();
    }

    @ExtendWith(SampleRun.OnlyInSampleRuns.class)
    static class InstanceField {
        static final List<NemoEmulator> EMULATORS = new CopyOnWriteArrayList<>();

        @RegisterExtension
        final NemoEmulatorExtension nemo = NemoEmulatorExtension.builder().emulator(e -> e.initialCredits(7)).build();

        @Test
        void one(NemoEmulator emulator, NemoClient client) {
            EMULATORS.add(emulator);
            assertThat(client.credits().balance().available()).isEqualTo(7);
        }

        @Test
        void two(NemoEmulator emulator, NemoClient client) {
            one(emulator, client);
        }
    }

    @Test
    void anInstanceFieldRegistrationGivesEachTestItsOwnEmulator() {
        SampleRun run = SampleRun.of(InstanceField.class);

        assertThat(run.failures()).isEmpty();
        assertThat(run.tests()).hasSize(2);
        assertThat(InstanceField.EMULATORS).hasSize(2).doesNotHaveDuplicates().allSatisfy(
                NemoEmulatorExtensionSamplesTest::assertClosed);
    }

    private static void assertClosed(NemoEmulator emulator) {
        assertThatThrownBy(() -> new Http(emulator).sendOrThrow("GET", "/api/credits/balance/simple", null))
                .isInstanceOf(IOException.class);
    }

    private static Set<Path> clientConfigDirs() throws IOException {
        Set<Path> dirs = new HashSet<>();
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(Paths.get(System.getProperty("java.io.tmpdir")),
                "nemo-test-client-*")) {
            tmp.forEach(dirs::add);
        }
        return dirs;
    }

    private static List<String> emulatorThreadsEventually() {
        long deadline = System.nanoTime() + 2_000_000_000L;
        List<String> threads;
        do {
            threads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("nemo-emulator-")).collect(java.util.stream.Collectors.toList());
            if (threads.isEmpty()) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        return threads;
    }
}
