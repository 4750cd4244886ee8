package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs sharing one config directory and one emulator: they agree on one client id, keep one token cache, and
 * renew an expired token once between them, not once each.
 */
class SharedConfigDirectoryTest {
    @TempDir
    Path config;

    private final List<Process> processes = new ArrayList<>();
    private final ExecutorService readers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        readers.shutdownNow();
    }

    /** One child program and its pipes. */
    private final class Child {
        final Process process;
        final BufferedReader out;
        final OutputStream in;

        Child(NemoEmulator emulator) throws Exception {
            List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SharedConfigChild.class.getName(),
                    emulator.baseUrl().toString(), config.toString());
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            processes.add(process);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = process.getOutputStream();
        }

        String line() throws Exception {
            Future<String> next = readers.submit(out::readLine);
            return next.get(60, TimeUnit.SECONDS);
        }

        void send(String line) throws Exception {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
    }

    @Test
    void twoProcessesShareOneClientIdOneTokenAndOneRenewal() throws Exception {
        try (NemoEmulator emulator = NemoEmulator.start()) {
            Child a = new Child(emulator);
            Child b = new Child(emulator);
            assertThat(a.line()).isEqualTo("ready");
            assertThat(b.line()).isEqualTo("ready");

            a.send("go"); // both at once, on an empty directory
            b.send("go");
            String first = a.line();
            String second = b.line();
            assertThat(first).startsWith("ok ");
            assertThat(second).as("the same client id").isEqualTo(first);
            assertThat(emulator.tokensIssued()).as("one anonymous token for both").isEqualTo(1);
            String id = first.substring(3);
            assertThat(new String(Files.readAllBytes(config.resolve("client_id")), StandardCharsets.UTF_8).trim())
                    .isEqualTo(id);

            emulator.expireAllTokens();
            a.send("go"); // both find the token rejected at once
            b.send("go");
            assertThat(a.line()).isEqualTo(first);
            assertThat(b.line()).isEqualTo(first);
            assertThat(emulator.tokensIssued()).as("one renewal between them").isEqualTo(2);
            String cache = new String(Files.readAllBytes(config.resolve("tokens.json")), StandardCharsets.UTF_8);
            assertThat(cache.split("\"token\"", -1)).as("one cached token").hasSize(2);

            a.send("quit");
            b.send("quit");
            assertThat(a.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(b.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
