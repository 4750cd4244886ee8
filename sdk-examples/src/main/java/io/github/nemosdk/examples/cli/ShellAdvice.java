package io.github.nemosdk.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the SDK's advice for Java programmers into advice for shell users: where an error message says what to call
 * ({@code client.sessions().create()}, {@code clientId(...)}), the CLI says which command, option or environment
 * variable does it.
 */
final class ShellAdvice {
    /** Literal Java advice and its shell wording, applied first. */
    private static final Map<String, String> JAVA_TO_SHELL = new LinkedHashMap<>();
    /** Advice with values in it (timeouts, limits), matched as patterns after the literal table. */
    private static final Map<Pattern, String> PATTERNS = new LinkedHashMap<>();
    static {
        JAVA_TO_SHELL.put("Create a new session with client.sessions().create(), or build the client with"
                + " sessionRecovery(SessionRecovery.RECREATE) to replace lost sessions automatically.",
                "Create a new session with 'nemo session' (or run 'nemo chat' without --session).");
        JAVA_TO_SHELL.put("Upload a clip with client.uploads(sessionId).file(...) and describe the edit with"
                + " client.chat(sessionId) first.",
                "Upload a clip with 'nemo upload --session ID FILE' and describe the edit with"
                        + " 'nemo chat --session ID' first.");
        JAVA_TO_SHELL.put("Set a UUID with NemoClient.builder().clientId(...) or NEMO_CLIENT_ID.",
                "Set a UUID in the NEMO_CLIENT_ID environment variable.");
        JAVA_TO_SHELL.put("(check NEMO_CLIENT_ID or clientId(...))", "(check NEMO_CLIENT_ID)");
        JAVA_TO_SHELL.put("check NEMO_TOKEN or the value passed to token(...)", "check NEMO_TOKEN");
        JAVA_TO_SHELL.put("The token was set with token(...) or NEMO_TOKEN and cannot be refreshed: provide a fresh"
                + " one, or unset both so the SDK acquires and renews an anonymous token.",
                "The token was set with NEMO_TOKEN and cannot be refreshed: set a fresh one, or unset NEMO_TOKEN to"
                        + " use renewable anonymous tokens.");
        JAVA_TO_SHELL.put("Wait and try again, or allow more attempts or a longer wait with"
                + " NemoClient.builder().retry(...).", "Wait and run the command again.");
        JAVA_TO_SHELL.put("(keep product(...) or attribution(...) set)", "(pass --product)");
        JAVA_TO_SHELL.put("Use https, or allowInsecureHttp(true) if you really mean it.",
                "Use an https URL in --api-url or NEMO_API_URL.");
        JAVA_TO_SHELL.put("Check the base URL and the network, or raise connectTimeout(...).",
                "Check --api-url (or NEMO_API_URL) and the network.");
        JAVA_TO_SHELL.put("Use the sessionId() of a Session from client.sessions().create().",
                "Use an id printed by 'nemo session'.");
        JAVA_TO_SHELL.put("check the state (client.chat(sessionId).recover(before)) before sending it again.",
                "check the timeline with 'nemo state --session ID' before sending it again.");
        JAVA_TO_SHELL.put("Use client.chat(sessionId).recover(before) or read the state to find out.",
                "Check the timeline with 'nemo state --session ID' to find out.");
        JAVA_TO_SHELL.put("Raise ChatSettings.idleTimeout if the service is slow.",
                "Run the command again in a moment if the service is busy.");
        JAVA_TO_SHELL.put("Wait longer with a larger timeout (RenderSettings), or check it later with"
                + " client.render().get(id).", "Run the export again later (exports are free).");
        JAVA_TO_SHELL.put("Check it later with client.render().get(id).",
                "Run the export again later (exports are free).");
        JAVA_TO_SHELL.put("a larger requestTimeout allows longer downloads.",
                "a larger --timeout allows longer downloads.");
        JAVA_TO_SHELL.put("did not answer within requestTimeout.", "did not answer within --timeout.");
        JAVA_TO_SHELL.put(" ms (requestTimeout)", " ms (--timeout)");
        PATTERNS.put(Pattern.compile("Raise requestTimeout\\(\\.\\.\\.\\)( \\(uploads also allow 1 s per 256 KiB\\))?"
                + " if the service is slow\\."), "Raise --timeout (seconds) if the service is slow$1.");
        PATTERNS.put(Pattern.compile(" \\((?:ChatSettings|RenderSettings)\\.\\w+\\)"), "");
        PATTERNS.put(Pattern.compile("the limit set by ChatSettings\\.\\w+; raise that setting if the server"
                + " legitimately (?:sends|streams) [^.]*\\."), "the limit the tool accepts; the service sent more"
                        + " than it should.");
    }

    private ShellAdvice() {
    }

    /**
     * The message with Java advice replaced by shell advice.
     *
     * @param message an error message
     * @return the message for a shell user
     */
    static String rewrite(String message) {
        String out = message;
        for (Map.Entry<String, String> e : JAVA_TO_SHELL.entrySet()) {
            if (out.contains(e.getKey())) {
                out = out.replace(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<Pattern, String> e : PATTERNS.entrySet()) {
            out = e.getKey().matcher(out).replaceAll(e.getValue());
        }
        return out;
    }
}
