package io.github.nemosdk.examples;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.sessions.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Map;

/**
 * An interactive chat on one session: type an instruction ("add lo-fi music at 35% and fade it out"), watch the
 * reply stream in, see a "still working" line during long turns and the timeline summary after each edit.
 * {@code status} prints the timeline, {@code quit} (or end of input) leaves.
 */
public final class InteractiveChat {
    private InteractiveChat() {
    }

    /**
     * Runs the chat on standard input and output.
     *
     * @param args none
     */
    public static void main(String[] args) {
        ExampleArgs.orExit(() -> {
            ExampleArgs.none("InteractiveChat", args);
            return null;
        });
        run(System.getenv(), System.in, System.out);
    }

    /**
     * Runs the chat.
     *
     * @param env the environment ({@code NEMO_API_URL}, {@code NEMO_TOKEN}, …)
     * @param in  where instructions are read, one per line
     * @param out where the conversation is printed
     */
    public static void run(Map<String, String> env, InputStream in, PrintStream out) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String configDir = env.get("NEMO_CONFIG_DIR");
        try (Target target = Target.connect(env, Product.ADD_MUSIC,
                configDir == null || configDir.isBlank() ? Paths.get("out", ".nemo") : Paths.get(configDir), out)) {
            NemoClient client = target.client();
            Session session = client.sessions().create();
            out.println("Ready: session " + session.sessionId() + ". Type an instruction, 'status' or 'quit'.");
            String line;
            while (prompt(out) && (line = reader.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.equalsIgnoreCase("quit") || line.equalsIgnoreCase("exit")) {
                    break;
                }
                try {
                    if (line.equalsIgnoreCase("status")) {
                        out.println(client.state(session.sessionId()).latest().draft().summary());
                        continue;
                    }
                    ChatReply reply = client.chat(session.sessionId()).send(line, e -> show(e, out));
                    out.println();
                    if (reply.isQuestion()) {
                        // the assistant waits for an answer: show its choices; the next line answers
                        reply.questions().forEach(q -> {
                            out.println(q.prompt() + (q.allowMultiple() ? " (one or more)" : ""));
                            q.options().forEach(o -> out.println("  - " + o.label()));
                        });
                        continue;
                    }
                    if (reply.isSilent() || reply.recovered()) {
                        reply.change().ifPresent(c -> out.println("Updated: " + c.description()));
                    }
                    out.println(client.state(session.sessionId()).latest().draft().summary());
                } catch (NemoException e) {
                    out.println("Error: " + e.getMessage());
                }
            }
            out.println("Bye.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean prompt(PrintStream out) {
        out.print("> ");
        out.flush();
        return true;
    }

    private static void show(ChatEvent e, PrintStream out) {
        if (e instanceof ChatEvent.Text) {
            out.print(((ChatEvent.Text) e).text());
            if (!((ChatEvent.Text) e).isPartial()) {
                out.println();
            }
            out.flush();
        } else if (e instanceof ChatEvent.StillWorking) {
            out.println("\u23f3 Still working... (" + ((ChatEvent.StillWorking) e).silentFor().toSeconds() + " s)");
        }
    }
}
