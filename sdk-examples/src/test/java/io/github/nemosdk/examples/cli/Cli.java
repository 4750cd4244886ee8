package io.github.nemosdk.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.render.RenderSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Runs the CLI in-process with captured streams. */
final class Cli {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Renders on an emulator take 300 ms: poll often so tests stay fast. */
    static final Consumer<NemoClient.Builder> FAST = b -> b.renderSettings(
            RenderSettings.of(Duration.ofMillis(40), Duration.ofSeconds(30)));

    private final Map<String, String> env;
    private String stdin = "";
    private boolean terminal;
    private Consumer<NemoClient.Builder> settings = FAST;

    private Cli(Map<String, String> env) {
        this.env = env;
    }

    static Cli with(Map<String, String> env) {
        return new Cli(env);
    }

    Cli stdin(String text) {
        this.stdin = text;
        return this;
    }

    Cli terminal(boolean isTerminal) {
        this.terminal = isTerminal;
        return this;
    }

    Cli settings(Consumer<NemoClient.Builder> more) {
        this.settings = FAST.andThen(more);
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = CliContext.of(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .withTerminal(terminal)
                .withClientSettings(settings);
        int code = NemoCli.execute(args, ctx);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Arrays.toString(args));
    }

    /** One run's exit code and output. */
    static final class Result {
        final int code;
        final String out;
        final String err;
        private final String args;

        Result(int code, String out, String err, String args) {
            this.code = code;
            this.out = out;
            this.err = err;
            this.args = args;
        }

        /** Asserts the exit code, showing both streams when it differs. */
        Result exits(int expected) {
            assertThat(code).as("exit code of %s%n--- stdout:%n%s%n--- stderr:%n%s", args, out, err)
                    .isEqualTo(expected);
            return this;
        }

        List<String> errLines() {
            return Arrays.stream(err.split("\\r?\\n")).collect(Collectors.toList());
        }

        /** Standard output as JSON lines; every non-empty line must parse. */
        List<JsonNode> jsonLines() {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    nodes.add(MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("stdout line is not JSON: " + line + "\nstderr:\n" + err, e);
                }
            }
            return nodes;
        }

        /** Standard output as exactly one JSON object. */
        JsonNode json() {
            List<JsonNode> nodes = jsonLines();
            assertThat(nodes).as("JSON objects on stdout of %s: %s%nstderr:%n%s", args, out, err).hasSize(1);
            assertThat(nodes.get(0).isObject()).isTrue();
            return nodes.get(0);
        }
    }
}
