package io.github.nemosdk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link NemoEmulator} as a standalone server, for manual tries, other languages' tests and
 * tools that cannot start one in-process:
 *
 * <pre>
 * java -jar sdk-testkit/target/nemo-emulator.jar --port 8080
 * </pre>
 *
 * <p>The first line written to standard output is the base URL, such as {@code http://127.0.0.1:8080}
 * (with {@code --port 0}, the port picked); a line on standard error tells how to stop it. The server
 * runs until the JVM is stopped (Ctrl-C, {@code SIGTERM}: a shutdown hook closes it), or, with
 * {@code --stdin-close}, until standard input reaches its end, so a parent process stops it by closing
 * the pipe (or simply by exiting). Options:
 *
 * <pre>
 * --port N                 TCP port, 0 for any free one (default 8080)
 * --host ADDRESS           address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
 * --silent-ratio R         share of editing chat turns answered without text, 0..1 (default 0.3)
 * --chat-style typed|adk|adk-legacy  payload shape of the chat stream (default typed)
 * --render-status top-level|data-output-url|top-level-output
 *                          shape of export statuses (default top-level)
 * --allow-roleless         accept chat messages without "role":"user" (older servers)
 * --no-questions           never stop a chat turn to ask the user to choose
 * --no-anonymous-export    refuse exports with 402, as for anonymous tokens without render scope
 * --seed N                 seed of the silent-turn decisions (default 42)
 * --render-duration-ms N   how long an export takes (default 300)
 * --turn-duration-ms N     how long a chat turn sends only heartbeats (default 200)
 * --initial-credits N      credits of each new anonymous user (default 100)
 * --credits-per-edit N     credits an editing chat turn costs (default 5)
 * --stdin-close            stop when standard input is closed
 * --help                   print this help and exit
 * </pre>
 *
 * <p>Options take their value as the next argument or after {@code =} ({@code --port=0}). Exit status:
 * 0 after a normal stop or {@code --help}, 2 for a bad command line, 1 if the server cannot start (port
 * taken, say); errors are written to standard error.
 */
public final class EmulatorMain {

    /** Exit status for an invalid command line. */
    static final int USAGE_ERROR = 2;
    /** Exit status when the server cannot start. */
    static final int START_ERROR = 1;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar nemo-emulator.jar [options]",
            "",
            "Runs an emulator of the Nemo video API. Prints the base URL on the first line of standard",
            "output, then serves until stopped with Ctrl-C (or, with --stdin-close, until standard input",
            "is closed).",
            "",
            "Options:",
            "  --port N                 TCP port, 0 for any free one (default 8080)",
            "  --host ADDRESS           address to listen on (default 127.0.0.1; 0.0.0.0 for every",
            "                           interface: no TLS, no access control, use on trusted networks)",
            "  --silent-ratio R         share of editing chat turns answered without text, 0..1",
            "                           (default 0.3)",
            "  --chat-style typed|adk|adk-legacy",
            "                           payload shape of the chat stream (default typed)",
            "  --render-status top-level|data-output-url|top-level-output",
            "                           shape of export statuses (default top-level)",
            "  --allow-roleless         accept chat messages without \"role\":\"user\" (older servers)",
            "  --no-questions           never stop a chat turn to ask the user to choose",
            "  --no-anonymous-export    refuse exports with 402, as for anonymous tokens",
            "  --seed N                 seed of the silent-turn decisions (default 42)",
            "  --render-duration-ms N   how long an export takes, in milliseconds (default 300)",
            "  --turn-duration-ms N     how long a chat turn sends only heartbeats (default 200)",
            "  --initial-credits N      credits of each new anonymous user (default 100)",
            "  --credits-per-edit N     credits an editing chat turn costs (default 5)",
            "  --stdin-close            stop when standard input is closed (for tests and tools)",
            "  --help                   print this help and exit",
            "");

    private EmulatorMain() {
    }

    /**
     * Runs the emulator; see the class documentation for the options.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Parses {@code args}, starts the emulator, prints its base URL to {@code out} and serves until
     * {@code stdin} ends ({@code --stdin-close}) or the calling thread is interrupted (or the JVM
     * stops). The emulator is closed before returning.
     *
     * @return the exit status: 0, {@link #USAGE_ERROR} or {@link #START_ERROR}
     */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("nemo-emulator: " + e.getMessage());
            err.println("Run with --help for the options.");
            return USAGE_ERROR;
        }
        if (options.help) {
            out.print(USAGE);
            out.flush();
            return 0;
        }

        NemoEmulator emulator;
        try {
            emulator = options.builder().start();
        } catch (IllegalArgumentException e) {
            err.println("nemo-emulator: " + e.getMessage());
            return USAGE_ERROR;
        } catch (UncheckedIOException e) {
            err.println("nemo-emulator: " + e.getMessage());
            return START_ERROR;
        }

        Thread hook = new Thread(emulator::close, "nemo-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println(emulator.baseUrl());
            out.flush();
            err.println("Nemo emulator listening on " + emulator.baseUrl() + "; "
                    + (options.stdinClose ? "close standard input or press Ctrl-C to stop." : "press Ctrl-C to stop."));
            err.flush();
            if (options.stdinClose) {
                drain(stdin);
            } else {
                new CountDownLatch(1).await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            emulator.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs (harmlessly, close is idempotent)
            }
        }
        return 0;
    }

    /** Reads {@code in} to its end; a read error counts as the end. */
    private static void drain(InputStream in) {
        byte[] buffer = new byte[512];
        try {
            while (in.read(buffer) != -1) {
                // discard: standard input only signals when to stop
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone: stop as for the end of input
        }
    }

    /** The parsed command line. */
    static final class Options {
        int port = 8080;
        String host = "127.0.0.1";
        Double silentRatio;
        ChatStyle chatStyle;
        Long seed;
        Long renderDurationMs;
        Long turnDurationMs;
        Integer initialCredits;
        Integer creditsPerEdit;
        RenderStatusShape renderStatus;
        boolean allowRoleless;
        boolean noQuestions;
        boolean noAnonymousExport;
        boolean stdinClose;
        boolean help;

        /**
         * Parses a command line.
         *
         * @throws IllegalArgumentException with a message for the user if it is not valid
         */
        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                switch (name) {
                    case "--help":
                    case "-h":
                        noValue(name, value);
                        o.help = true;
                        break;
                    case "--stdin-close":
                        noValue(name, value);
                        o.stdinClose = true;
                        break;
                    case "--port":
                        o.port = (int) number(name, value != null ? value : next(args, ++i, name), 0, 65535);
                        break;
                    case "--host":
                        o.host = value != null ? value : next(args, ++i, name);
                        if (o.host.isBlank()) {
                            throw new IllegalArgumentException("--host needs an address, such as 127.0.0.1");
                        }
                        break;
                    case "--silent-ratio":
                        o.silentRatio = ratio(name, value != null ? value : next(args, ++i, name));
                        break;
                    case "--chat-style":
                        o.chatStyle = chatStyle(value != null ? value : next(args, ++i, name));
                        break;
                    case "--render-status":
                        o.renderStatus = renderStatus(value != null ? value : next(args, ++i, name));
                        break;
                    case "--allow-roleless":
                        noValue(name, value);
                        o.allowRoleless = true;
                        break;
                    case "--no-questions":
                        noValue(name, value);
                        o.noQuestions = true;
                        break;
                    case "--no-anonymous-export":
                        noValue(name, value);
                        o.noAnonymousExport = true;
                        break;
                    case "--seed":
                        o.seed = number(name, value != null ? value : next(args, ++i, name), Long.MIN_VALUE,
                                Long.MAX_VALUE);
                        break;
                    case "--render-duration-ms":
                        o.renderDurationMs = number(name, value != null ? value : next(args, ++i, name), 0,
                                Long.MAX_VALUE);
                        break;
                    case "--turn-duration-ms":
                        o.turnDurationMs = number(name, value != null ? value : next(args, ++i, name), 0,
                                Long.MAX_VALUE);
                        break;
                    case "--initial-credits":
                        o.initialCredits = (int) number(name, value != null ? value : next(args, ++i, name), 0,
                                Integer.MAX_VALUE);
                        break;
                    case "--credits-per-edit":
                        o.creditsPerEdit = (int) number(name, value != null ? value : next(args, ++i, name), 0,
                                Integer.MAX_VALUE);
                        break;
                    default:
                        throw new IllegalArgumentException(arg.startsWith("-") ? "unknown option " + name
                                : "unexpected argument " + arg + " (options start with --)");
                }
            }
            return o;
        }

        NemoEmulator.Builder builder() {
            NemoEmulator.Builder b = NemoEmulator.builder().host(host).port(port);
            if (silentRatio != null) {
                b.silentRatio(silentRatio);
            }
            if (chatStyle != null) {
                b.chatStyle(chatStyle);
            }
            if (seed != null) {
                b.seed(seed);
            }
            if (renderDurationMs != null) {
                b.renderDuration(Duration.ofMillis(renderDurationMs));
            }
            if (turnDurationMs != null) {
                b.turnDuration(Duration.ofMillis(turnDurationMs));
            }
            if (initialCredits != null) {
                b.initialCredits(initialCredits);
            }
            if (creditsPerEdit != null) {
                b.creditsPerEdit(creditsPerEdit);
            }
            if (renderStatus != null) {
                b.renderStatusShape(renderStatus);
            }
            return b.requireMessageRole(!allowRoleless).askQuestions(!noQuestions)
                    .anonymousExport(!noAnonymousExport);
        }

        private static String next(String[] args, int i, String name) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }

        private static void noValue(String name, String value) {
            if (value != null) {
                throw new IllegalArgumentException(name + " takes no value");
            }
        }

        private static long number(String name, String text, long min, long max) {
            long n;
            try {
                n = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a whole number, got '" + text + "'");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be " + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                        ? "at least " + min : "from " + min + " to " + max) + ", got " + n);
            }
            return n;
        }

        private static double ratio(String name, String text) {
            double r;
            try {
                r = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number from 0 to 1, got '" + text + "'");
            }
            if (!(r >= 0.0 && r <= 1.0)) {
                throw new IllegalArgumentException(name + " must be from 0 to 1, got " + text);
            }
            return r;
        }

        private static ChatStyle chatStyle(String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "typed":
                    return ChatStyle.TYPED;
                case "adk":
                    return ChatStyle.ADK;
                case "adk-legacy":
                    return ChatStyle.ADK_LEGACY;
                default:
                    throw new IllegalArgumentException("--chat-style must be typed, adk or adk-legacy, got '" + text
                            + "'");
            }
        }

        private static RenderStatusShape renderStatus(String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "top-level":
                    return RenderStatusShape.TOP_LEVEL;
                case "data-output-url":
                    return RenderStatusShape.DATA_OUTPUT_URL;
                case "top-level-output":
                    return RenderStatusShape.TOP_LEVEL_OUTPUT;
                default:
                    throw new IllegalArgumentException("--render-status must be top-level, data-output-url or"
                            + " top-level-output, got '" + text + "'");
            }
        }
    }
}
