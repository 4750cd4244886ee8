package io.github.nemosdk.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * The examples' command-line arguments: at most an input and an output, checked before anything starts. A mistake
 * is a {@link Usage} carrying the problem and the usage line; {@link #exit(Usage)} prints both and exits with 2, as
 * a shell command used wrongly does ({@code --help} prints the usage and exits with 0).
 */
final class ExampleArgs {
    /** A wrong command line, or a request for help (no problem then). */
    static final class Usage extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String usage;

        Usage(String problem, String usage) {
            super(problem, null, false, false);
            this.usage = usage;
        }

        /**
         * The usage line.
         *
         * @return the usage line
         */
        String usage() {
            return usage;
        }
    }

    /** Exit code of a wrong command line. */
    static final int USAGE = 2;

    private final Path input;
    private final Path output;

    private ExampleArgs(Path input, Path output) {
        this.input = input;
        this.output = output;
    }

    /**
     * Reads {@code [input] [output.mp4]}; refuses a third argument, a missing input, or an output that is a folder
     * or not an {@code .mp4}, and answers a help flag with the usage.
     *
     * @param program       the example's class name, for the usage line
     * @param args          the arguments
     * @param defaultOutput the output file when none is given
     * @return the checked arguments (input null when none was given)
     * @throws Usage on a mistake or a help flag
     */
    static ExampleArgs inputAndMp4(String program, String[] args, String defaultOutput) {
        String usage = "Usage: " + program + " [input] [output.mp4]   (defaults: a sample clip, " + defaultOutput
                + ")";
        atMostTwo(args, usage);
        Path input = args.length > 0 && !args[0].isBlank() ? Paths.get(args[0]) : null;
        Path output = Paths.get(args.length > 1 ? args[1] : defaultOutput);
        if (input != null && !Files.isRegularFile(input)) {
            fail("No such file: " + input + " (give a video or audio file, or nothing for a sample clip).", usage);
        }
        if (Files.isDirectory(output) || !output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            fail("The output must be an .mp4 file, not " + output + " (for example " + defaultOutput + ").", usage);
        }
        return new ExampleArgs(input, output);
    }

    /**
     * Reads {@code [input-dir] [output-dir]} the same way.
     *
     * @param program       the example's class name
     * @param args          the arguments
     * @param defaultOutput the output folder when none is given
     * @return the checked arguments (input null when none was given)
     * @throws Usage on a mistake or a help flag
     */
    static ExampleArgs folders(String program, String[] args, String defaultOutput) {
        String usage = "Usage: " + program + " [input-dir] [output-dir]   (defaults: sample clips, " + defaultOutput
                + ")";
        atMostTwo(args, usage);
        Path input = args.length > 0 && !args[0].isBlank() ? Paths.get(args[0]) : null;
        Path output = Paths.get(args.length > 1 ? args[1] : defaultOutput);
        if (input != null && !Files.isDirectory(input)) {
            fail("No such folder: " + input + " (give a folder of clips, or nothing for sample clips).", usage);
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            fail("The output must be a folder, not the file " + output + ".", usage);
        }
        return new ExampleArgs(input, output);
    }

    /**
     * Refuses any argument.
     *
     * @param program the example's class name
     * @param args    the arguments
     * @throws Usage on any argument
     */
    static void none(String program, String[] args) {
        if (args.length > 0) {
            fail(args[0].equals("-h") || args[0].equals("--help") ? null : "No arguments expected.",
                    "Usage: " + program + "   (reads instructions from standard input)");
        }
    }

    /** Refuses a third argument, and answers a help flag with the usage. */
    private static void atMostTwo(String[] args, String usage) {
        if (args.length > 2 || (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help")))) {
            fail(args.length > 2 ? "Too many arguments." : null, usage);
        }
    }

    private static void fail(String problem, String usage) {
        throw new Usage(problem, usage);
    }

    /**
     * Parses the arguments, or prints the problem (or the help) and exits, for an example's {@code main}.
     *
     * @param parse one of the parsing methods above
     * @return the parsed arguments
     */
    static ExampleArgs orExit(java.util.function.Supplier<ExampleArgs> parse) {
        try {
            return parse.get();
        } catch (Usage e) {
            exit(e);
            throw e; // not reached: exit() ends the process
        }
    }

    /**
     * Prints a usage problem (or the help) to standard error and exits: 2 for a problem, 0 for help.
     *
     * @param usage the problem
     */
    static void exit(Usage usage) {
        if (usage.getMessage() != null) {
            System.err.println(usage.getMessage());
        }
        System.err.println(usage.usage());
        System.exit(usage.getMessage() == null ? 0 : USAGE);
    }

    /**
     * The input given.
     *
     * @return the input, or null for the sample
     */
    Path input() {
        return input;
    }

    /**
     * The output given, or the default.
     *
     * @return the output
     */
    Path output() {
        return output;
    }
}
