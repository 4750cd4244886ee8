package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.chat.GuiHint;
import io.github.nemosdk.errors.MissingClientIdException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.errors.TokenExpiredException;
import io.github.nemosdk.state.Draft;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nemo chat}: an interactive chat on one session. Each line read is an instruction; the reply streams in,
 * long turns show "⏳ Still working…" lines, and the timeline summary follows every turn that changed it (always
 * after a silent edit). {@code status} prints the timeline, {@code quit} or the end of input leaves.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Chat with the editing assistant: one instruction per line, e.g. \"add lo-fi music at 35%%"
            + " and fade it out\".",
            "'status' prints the timeline; 'quit' or the end of input leaves. Without --session a new session is"
                + " created and its id printed.",
            "With --json: one JSON object per line: type \"session\" first, then \"turn\" or \"state\" for each"
                + " line read, and an \"error\" object for a failed turn."})
final class ChatCommand extends BaseCommand {
    @Option(names = {"-s", "--session"}, paramLabel = "ID", description = "The session (default: a new one).")
    String sessionId;

    @CommandLine.Mixin
    ProductOption productOption;

    ChatCommand(NemoCli root) {
        super(root);
    }

    @Override
    public Integer call() {
        Output o = output();
        CliContext ctx = context();
        BufferedReader reader = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8));
        try (Connection c = connect(productOption.product)) {
            NemoClient client = c.client();
            boolean created = sessionId == null || sessionId.isBlank();
            String sid = created ? client.sessions().create().sessionId() : sessionId.trim();
            String summary = client.state(sid).latest().draft().summary(); // also checks the session exists
            ObjectNode start = Output.result("chat");
            start.put("type", "session");
            start.put("session_id", sid);
            start.put("created", created);
            start.put("timeline_summary", summary);
            if (o.json()) {
                o.printJson(start);
            }
            o.info((created ? "Created session " : "Session ") + sid + ". Type an instruction, 'status' or 'quit'.");
            if (!created) {
                o.info(summary);
            }
            int code = ExitCodes.OK;
            String line;
            while ((line = prompt(o, reader)) != null) {
                line = line.trim();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.equalsIgnoreCase("quit") || line.equalsIgnoreCase("exit")) {
                    break;
                }
                try {
                    if (line.equalsIgnoreCase("status")) {
                        Draft draft = client.state(sid).latest().draft();
                        summary = draft.summary();
                        ObjectNode state = Output.result("chat");
                        state.put("type", "state");
                        state.put("session_id", sid);
                        state.put("timeline_summary", summary);
                        state.put("ready_for_export", draft.isReadyForExport());
                        o.result(state, summary);
                        continue;
                    }
                    summary = turn(client, sid, line, summary, o);
                } catch (NemoException | IllegalArgumentException e) {
                    o.error(e, null);
                    if (code == ExitCodes.OK) {
                        code = ExitCodes.of(e);
                    }
                    if (e instanceof SessionNotFoundException || e instanceof TokenExpiredException
                            || e instanceof MissingClientIdException) {
                        break; // nothing more can work in this session
                    }
                }
            }
            o.info("Bye.");
            return code;
        }
    }

    private String turn(NemoClient client, String sid, String prompt, String before, Output o) {
        boolean[] open = {false};
        ChatReply reply = client.chat(sid).send(prompt, e -> show(e, o, open));
        if (open[0]) {
            o.text("");
        }
        String summary = client.state(sid).latest().draft().summary();
        boolean silent = reply.isSilent() || reply.recovered();
        String change = reply.change().map(ch -> ch.description()).orElse(null);
        ObjectNode json = Output.result("chat");
        json.put("type", "turn");
        json.put("session_id", sid);
        json.put("prompt", prompt);
        json.put("reply", reply.display());
        json.put("silent", reply.isSilent());
        json.put("recovered", reply.recovered());
        if (change != null) {
            json.put("change", change);
        } else {
            json.putNull("change");
        }
        json.put("timeline_changed", !summary.equals(before));
        json.put("timeline_summary", summary);
        ArrayNode tools = json.putArray("tool_calls");
        reply.toolCalls().forEach(t -> tools.add(t.name()));
        ArrayNode hints = json.putArray("gui_hints");
        for (GuiHint h : reply.guiHints()) {
            hints.add(h.name().toLowerCase(Locale.ROOT));
        }
        if (o.json()) {
            o.printJson(json);
        } else {
            if (silent && change != null) {
                o.text("Updated: " + change);
            }
            if (silent || !summary.equals(before)) {
                o.text(summary);
            }
        }
        return summary;
    }

    private static void show(ChatEvent e, Output o, boolean[] open) {
        if (e instanceof ChatEvent.Text) {
            ChatEvent.Text t = (ChatEvent.Text) e;
            if (!t.text().isEmpty()) {
                o.textPart(t.text());
                open[0] = true;
            }
            if (!t.isPartial() && open[0]) {
                o.text("");
                open[0] = false;
            }
        } else if (e instanceof ChatEvent.StillWorking) {
            o.info(stillWorking((ChatEvent.StillWorking) e));
        }
    }

    /**
     * The line shown for a {@link ChatEvent.StillWorking} event.
     *
     * @param e the event
     * @return e.g. "⏳ Still working… (120 s)"
     */
    static String stillWorking(ChatEvent.StillWorking e) {
        return "\u23f3 Still working\u2026 (" + e.silentFor().toSeconds() + " s)";
    }

    private String prompt(Output o, BufferedReader reader) {
        if (context().terminal() && !o.json()) {
            o.err().print("> ");
            o.err().flush();
        }
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read standard input", e);
        }
    }
}
