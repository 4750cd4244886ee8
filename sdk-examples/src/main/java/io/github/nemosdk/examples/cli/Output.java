package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.errors.InsufficientCreditsException;
import io.github.nemosdk.errors.InvalidUploadException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.SessionNotFoundException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Where a command's output goes. Results go to standard output: one compact JSON object per result with
 * {@code --json}, else lines for people. Messages and progress always go to standard error, so they never mix with
 * the JSON.
 */
final class Output {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    Output(PrintStream out, PrintStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    PrintStream err() {
        return err;
    }

    /**
     * A new result object naming its command.
     *
     * @param command the subcommand, e.g. {@code credits}
     * @return {@code {"command": command}}
     */
    static ObjectNode result(String command) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("command", command);
        return node;
    }

    /**
     * Prints a result: the JSON object with {@code --json}, else the lines for people.
     *
     * @param node  the result as JSON
     * @param human the lines printed without {@code --json}
     */
    void result(ObjectNode node, String... human) {
        if (json) {
            printJson(node);
        } else {
            for (String line : human) {
                out.println(line);
            }
            out.flush();
        }
    }

    /**
     * Prints one JSON object on one line of standard output.
     *
     * @param node the object
     */
    synchronized void printJson(ObjectNode node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Prints a line for people on standard output, only without {@code --json}.
     *
     * @param line the text
     */
    void text(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    /**
     * Prints text for people on standard output without a line break, only without {@code --json}.
     *
     * @param text the text
     */
    void textPart(String text) {
        if (!json) {
            out.print(text);
            out.flush();
        }
    }

    /**
     * Prints a message for people on standard error.
     *
     * @param line the text
     */
    void info(String line) {
        err.println(line);
        err.flush();
    }

    /**
     * Reports an error: one line on standard error and, with {@code --json}, {@code {"error":{…}}} on standard
     * output.
     *
     * @param e    the error
     * @param hint advice printed after the message, or null
     * @return the exit code for it
     */
    int error(Throwable e, String hint) {
        ObjectNode error = errorNode(e);
        if (hint != null) {
            error.put("hint", hint);
        }
        info("error: " + error.get("message").asText());
        if (hint != null) {
            info("hint: " + hint);
        }
        if (json) {
            ObjectNode node = MAPPER.createObjectNode();
            node.set("error", error);
            printJson(node);
        }
        return error.get("exit_code").asInt();
    }

    /**
     * Describes an error as JSON: {@code type} (the exception's simple class name, {@code UsageError} for command
     * line errors), {@code message} (one line), {@code exit_code}, and the details the error type has
     * ({@code http_status}, {@code api_code}, {@code request_id}, {@code retry_after_seconds},
     * {@code registration_link}, {@code session_id}, {@code reason}).
     *
     * @param e the error
     * @return the object
     */
    static ObjectNode errorNode(Throwable e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", e instanceof CommandLine.ParameterException ? "UsageError" : e.getClass().getSimpleName());
        node.put("message", oneLine(e));
        node.put("exit_code", ExitCodes.of(e));
        if (e instanceof NemoApiException) {
            NemoApiException api = (NemoApiException) e;
            node.put("http_status", api.httpStatus());
            api.apiCode().ifPresent(c -> node.put("api_code", c));
            api.requestId().ifPresent(r -> node.put("request_id", r));
        }
        if (e instanceof RateLimitedException) {
            ((RateLimitedException) e).retryAfter().ifPresent(d -> node.put("retry_after_seconds", d.toSeconds()));
        }
        if (e instanceof InsufficientCreditsException) {
            ((InsufficientCreditsException) e).registrationLink().ifPresent(u -> node.put("registration_link",
                    u.toString()));
        }
        if (e instanceof SessionNotFoundException) {
            ((SessionNotFoundException) e).sessionId().ifPresent(s -> node.put("session_id", s));
        }
        if (e instanceof InvalidUploadException) {
            node.put("reason", ((InvalidUploadException) e).reason().name().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    /**
     * The error's message on one line; its class name when it has none.
     *
     * @param e the error
     * @return the message
     */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        Throwable cause = e.getCause();
        if (e instanceof UncheckedIOException && cause != null && cause.getMessage() != null
                && !m.contains(cause.getMessage())) {
            m = m + ": " + cause.getMessage();
        }
        return ShellAdvice.rewrite(m.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim());
    }
}
