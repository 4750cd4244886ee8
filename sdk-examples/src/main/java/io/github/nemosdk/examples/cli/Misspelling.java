package io.github.nemosdk.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Names what the user mistyped: an unknown option or command comes first in the error, with the nearest known name
 * ("Unknown option '--promt'; did you mean --prompt?"), even when picocli would first complain about the required
 * option the typo hid.
 */
final class Misspelling {
    private Misspelling() {
    }

    /**
     * The error to show for a command-line mistake.
     *
     * @param ex picocli's error
     * @return an error naming the unknown option or command, or {@code ex} itself when nothing was mistyped
     */
    static CommandLine.ParameterException explain(CommandLine.ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        List<String> unmatched = cl.getUnmatchedArguments();
        for (String arg : unmatched) {
            if (arg.startsWith("-") && arg.length() > 1) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String best = nearest(name, new ArrayList<>(cl.getCommandSpec().optionsMap().keySet()));
                return new CommandLine.ParameterException(cl, "Unknown option '" + name + "'"
                        + (best == null ? "" : "; did you mean " + best + "?"), ex, null, name);
            }
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException && !unmatched.isEmpty()
                && !cl.getSubcommands().isEmpty()) {
            String word = unmatched.get(0);
            String best = nearest(word, new ArrayList<>(cl.getSubcommands().keySet()));
            return new CommandLine.ParameterException(cl, "Unknown command '" + word + "'"
                    + (best == null ? "" : "; did you mean '" + best + "'?"), ex, null, word);
        }
        return ex;
    }

    /** The candidate closest to {@code typed} by edit distance, if it is close enough to be a typo. */
    static String nearest(String typed, List<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.startsWith("--") != t.startsWith("--")) {
                continue; // a long option for a long option, a short one for a short one
            }
            int d = distance(t, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? best : null;
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counting as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
