package io.github.nemosdk.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the SDK's advice for Java programmers into advice for shell users: where an error message says what to call
 * ({@code client.sessions().create()}, {@code clientId(...)}), the CLI says which command, option or environment
 * variable does it.
 */
final class ShellAdvice {
    private static final Map<String, String> JAVA_TO_SHELL = new LinkedHashMap<>();

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
        return out;
    }
}
