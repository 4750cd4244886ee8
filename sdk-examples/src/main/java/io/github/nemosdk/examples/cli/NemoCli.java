package io.github.nemosdk.examples.cli;

import io.github.nemosdk.Product;
import io.github.nemosdk.errors.SessionNotFoundException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code nemo}, the command-line tool: {@code add-music}, {@code chat}, {@code upload}, {@code export},
 * {@code credits}, {@code state}, {@code batch}, {@code sample} and {@code emulator}. It talks to the API at
 * {@code --api-url}, else {@code NEMO_API_URL}, else to an embedded emulator started for the run (said on the first
 * line of standard error).
 *
 * <p>Results go to standard output (one JSON object per result with {@code --json}); progress and messages go to
 * standard error. Each class of error has its own exit code, see {@link ExitCodes}.
 *
 * <pre>{@code
 * java -jar sdk-examples/target/nemo-cli.jar sample --out clip.mp4
 * java -jar sdk-examples/target/nemo-cli.jar add-music clip.mp4 --prompt "add lo-fi music" --out out.mp4
 * }</pre>
 */
@Command(name = "nemo",
        mixinStandardHelpOptions = true,
        versionProvider = NemoCli.Version.class,
        sortOptions = false,
        description = {"Add AI-chosen music to videos with the Nemo video API.",
            "Uses the API at --api-url, else NEMO_API_URL, else an embedded emulator started for the run."},
        footerHeading = "%nEnvironment:%n",
        footer = {"  NEMO_API_URL     the API (default: the embedded emulator)",
            "  NEMO_TOKEN       a fixed token (default: renewable anonymous tokens)",
            "  NEMO_CONFIG_DIR  where the client id and the token cache are kept",
            "  NEMO_LOG=debug   log every request (redacted) on standard error",
            "%nOutput: results on standard output (--json: one JSON object per result),",
            "progress and messages on standard error. See sdk-examples/README-cli.md."})
public final class NemoCli implements Callable<Integer> {
    // strong references: java.util.logging keeps loggers weakly, and their levels would be lost
    private static final Logger SDK_LOG = Logger.getLogger("io.github.nemosdk");
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    /** How progress is shown ({@code --progress}). */
    enum ProgressChoice {
        /** Bars in a terminal, plain lines when standard error is piped. */
        AUTO,
        /** Always bars. */
        BAR,
        /** Always plain lines. */
        PLAIN,
        /** No progress. */
        NONE
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print results as JSON on standard output, one object per result; messages and progress"
                    + " stay on standard error.")
    boolean json;

    @Option(names = "--api-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The Nemo API (default: NEMO_API_URL, else an embedded emulator).")
    String apiUrl;

    @Option(names = "--progress", scope = ScopeType.INHERIT, paramLabel = "MODE", defaultValue = "auto",
            description = "auto (bars in a terminal, plain lines when piped), bar, plain or none. Default: auto.")
    ProgressChoice progress = ProgressChoice.AUTO;

    @Option(names = "--no-progress", scope = ScopeType.INHERIT, description = "Show no progress (same as"
            + " --progress=none).")
    boolean noProgress;

    private Duration timeout;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "How long to wait for each answer of the service (1 to 3600 s; uploads get 1 s more per"
                    + " 256 KiB). Default: 30.")
    void timeout(int seconds) {
        if (seconds < 1 || seconds > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--timeout must be between 1 and 3600 seconds, not " + seconds);
        }
        this.timeout = Duration.ofSeconds(seconds);
    }

    private final CliContext ctx;
    private volatile boolean emulated;

    private NemoCli(CliContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Runs the tool on the process's streams and environment and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        configureLogging("debug".equalsIgnoreCase(System.getenv("NEMO_LOG")));
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err)), true,
                StandardCharsets.UTF_8);
        // Ctrl-C (or a kill) during export or add-music cancels the server-side render before the JVM exits (130)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RenderGuard.PROCESS.interrupted(err), "nemo-interrupt"));
        int code = execute(args, CliContext.of(System.getenv(), System.in, out, err));
        RenderGuard.PROCESS.finished();
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the tool with the process's environment and the given streams, without exiting.
     *
     * @param args the command line
     * @param env  the environment
     * @param in   standard input
     * @param out  standard output
     * @param err  standard error
     * @return the exit code, see {@link ExitCodes}
     */
    public static int execute(String[] args, Map<String, String> env, InputStream in, PrintStream out,
            PrintStream err) {
        return execute(args, CliContext.of(env, in, out, err));
    }

    /**
     * Runs the tool without exiting: the logic behind {@link #main(String[])}, for tests and embedding.
     *
     * @param args the command line
     * @param ctx  the environment and streams
     * @return the exit code, see {@link ExitCodes}
     */
    public static int execute(String[] args, CliContext ctx) {
        NemoCli root = new NemoCli(ctx);
        CommandLine cl = commandLine(root);
        boolean jsonRequested = Arrays.asList(args).contains("--json");
        cl.setParameterExceptionHandler((ex, a) -> {
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            Output o = new Output(ctx.out(), ctx.err(), root.json || jsonRequested);
            return o.error(Misspelling.explain(ex), "see '" + name + " --help'");
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> root.output().error(ex, root.hint(ex)));
        int code = cl.execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    static CommandLine commandLine(NemoCli root) {
        CommandLine cl = new CommandLine(root);
        cl.addSubcommand(new AddMusicCommand(root));
        cl.addSubcommand(new ChatCommand(root));
        cl.addSubcommand(new SessionCommand(root));
        cl.addSubcommand(new UploadCommand(root));
        cl.addSubcommand(new ExportCommand(root));
        cl.addSubcommand(new CreditsCommand(root));
        cl.addSubcommand(new StateCommand(root));
        cl.addSubcommand(new BatchCommand(root));
        cl.addSubcommand(new SampleCommand(root));
        cl.addSubcommand(new EmulatorCommand(root));
        cl.setOut(new PrintWriter(new OutputStreamWriter(root.ctx.out(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(root.ctx.err(), StandardCharsets.UTF_8), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        Map<String, String> codes = new LinkedHashMap<>();
        for (String line : ExitCodes.HELP_LIST) {
            int colon = line.indexOf(':');
            codes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        for (CommandLine c : allCommands(cl)) {
            c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        }
        return cl;
    }

    private static Iterable<CommandLine> allCommands(CommandLine cl) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>();
        all.add(cl);
        all.addAll(cl.getSubcommands().values());
        return all;
    }

    /** Without a subcommand: prints the usage on standard error and fails as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    CliContext context() {
        return ctx;
    }

    Output output() {
        return new Output(ctx.out(), ctx.err(), json);
    }

    Progress progress() {
        Progress.Mode mode;
        ProgressChoice choice = noProgress ? ProgressChoice.NONE : progress;
        switch (choice) {
            case BAR:
                mode = Progress.Mode.BAR;
                break;
            case PLAIN:
                mode = Progress.Mode.PLAIN;
                break;
            case NONE:
                mode = Progress.Mode.NONE;
                break;
            default:
                mode = ctx.terminal() ? Progress.Mode.BAR : Progress.Mode.PLAIN;
        }
        // bars as wide as COLUMNS says, else as the terminal (asked by the library), else 80 characters
        int width = ctx.terminal() ? 0 : 80;
        String columns = ctx.env().get("COLUMNS");
        try {
            if (columns != null && Integer.parseInt(columns.trim()) >= 40) {
                width = Integer.parseInt(columns.trim());
            }
        } catch (NumberFormatException e) {
            // keep the default
        }
        return new Progress(mode, ctx.err(), width);
    }

    Connection connect(Product product) {
        Duration t = timeout;
        CliContext withTimeout = t == null ? ctx
                : ctx.withClientSettings(ctx.clientSettings().andThen(b -> b.requestTimeout(t)));
        Connection c = Connection.open(withTimeout, apiUrl, product);
        emulated = c.emulated();
        return c;
    }

    private String hint(Exception e) {
        if (e instanceof SessionNotFoundException && emulated) {
            return "the embedded emulator starts empty on every run, so sessions of earlier runs are unknown to it;"
                    + " start one with 'nemo emulator' and pass its URL with --api-url to keep sessions between"
                    + " commands";
        }
        return null;
    }

    static void configureLogging(boolean debug) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        SDK_LOG.setLevel(debug ? Level.ALL : Level.WARNING);
        JLINE_LOG.setLevel(Level.OFF);
    }

    /** The version shown by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NemoCli.class.getPackage().getImplementationVersion();
            return new String[] {"nemo " + (v == null ? "(development build)" : v),
                "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"};
        }
    }
}
