package io.github.nemosdk.examples.cli;

import io.github.nemosdk.NemoClient;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What one run of the {@code nemo} tool sees of the outside world: the environment, standard input, output and error,
 * whether standard error is a terminal, and optional extra client settings. {@link NemoCli#main(String[])} uses the
 * process's own; tests pass their own so nothing touches the real environment. Immutable.
 */
public final class CliContext {
    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Consumer<NemoClient.Builder> clientSettings;

    private CliContext(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean terminal,
            Consumer<NemoClient.Builder> clientSettings) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.terminal = terminal;
        this.clientSettings = Objects.requireNonNull(clientSettings, "clientSettings");
    }

    /**
     * A context over the given streams. Standard error counts as a terminal when {@code System.console()} is not
     * null; no extra client settings.
     *
     * @param env the environment ({@code NEMO_API_URL}, {@code NEMO_TOKEN}, {@code NEMO_CONFIG_DIR}, …)
     * @param in  standard input (read by {@code nemo chat})
     * @param out standard output: results (JSON with {@code --json})
     * @param err standard error: progress and messages for people
     * @return the context
     */
    public static CliContext of(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        return new CliContext(env, in, out, err, System.console() != null, b -> { });
    }

    /**
     * This context, with standard error taken as a terminal or not (decides between progress bars and plain
     * progress lines when {@code --progress=auto}).
     *
     * @param isTerminal whether standard error is shown in a terminal
     * @return a new context
     */
    public CliContext withTerminal(boolean isTerminal) {
        return new CliContext(env, in, out, err, isTerminal, clientSettings);
    }

    /**
     * This context, with client settings applied after the tool's own (for example shorter chat deadlines or a
     * faster render poll in tests).
     *
     * @param settings applied to every client builder
     * @return a new context
     */
    public CliContext withClientSettings(Consumer<NemoClient.Builder> settings) {
        return new CliContext(env, in, out, err, terminal, settings);
    }

    /**
     * The environment.
     *
     * @return variable names to values
     */
    public Map<String, String> env() {
        return env;
    }

    /**
     * Standard input.
     *
     * @return the stream
     */
    public InputStream in() {
        return in;
    }

    /**
     * Standard output.
     *
     * @return the stream
     */
    public PrintStream out() {
        return out;
    }

    /**
     * Standard error.
     *
     * @return the stream
     */
    public PrintStream err() {
        return err;
    }

    /**
     * Whether standard error is a terminal.
     *
     * @return true in an interactive terminal
     */
    public boolean terminal() {
        return terminal;
    }

    /**
     * Extra client settings.
     *
     * @return applied to every client builder
     */
    public Consumer<NemoClient.Builder> clientSettings() {
        return clientSettings;
    }
}
