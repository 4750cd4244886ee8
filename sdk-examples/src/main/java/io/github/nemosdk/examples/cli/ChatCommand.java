package io.github.nemosdk.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatQuestion;
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
import java.util.ArrayList;
import java.util.List;
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
            "When the assistant asks something, its options are listed; answer with their numbers, one per question"
                + " (\"2\", \"2, 1\", \"1+2\" for several), or in your own words.",
            "With --json: one JSON object per line: type \"session\" first, then \"turn\" (with its \"questions\")"
                + " or \"state\" for each line read, and an \"error\" object for a failed turn."})
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
            List<ChatQuestion> asked = List.of();
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
                    Turn t = turn(client, sid, answer(line, asked), summary, o);
                    asked = t.reply.questions();
                    summary = t.summary;
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

    /**
     * The message for a line typed after the assistant asked: option numbers, one per question in order ("2" or
     * "2, 1"; several for one question joined with "+", "1+2"), become the options' labels; anything else is sent
     * as typed.
     */
    static String answer(String line, List<ChatQuestion> asked) {
        if (asked.isEmpty() || !line.matches("\\d+(\\+\\d+)*(\\s*[,\\s]\\s*\\d+(\\+\\d+)*)*")) {
            return line;
        }
        String[] perQuestion = line.trim().split("\\s*[,\\s]\\s*");
        if (perQuestion.length > asked.size()) {
            return line;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < perQuestion.length; i++) {
            ChatQuestion q = asked.get(i);
            List<ChatQuestion.Option> chosen = new ArrayList<>();
            for (String n : perQuestion[i].split("\\+")) {
                int k = Integer.parseInt(n);
                if (k < 1 || k > q.options().size()) {
                    return line;
                }
                chosen.add(q.options().get(k - 1));
            }
            try {
                parts.add(q.answer(chosen.toArray(new ChatQuestion.Option[0])));
            } catch (IllegalArgumentException severalForASingleChoice) {
                return line;
            }
        }
        return String.join(", ", parts);
    }

    /** What a turn left: the reply, and the timeline summary read after it. */
    private static final class Turn {
        final ChatReply reply;
        final String summary;

        Turn(ChatReply reply, String summary) {
            this.reply = reply;
            this.summary = summary;
        }
    }

    private Turn turn(NemoClient client, String sid, String prompt, String before, Output o) {
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
        ArrayNode questions = json.putArray("questions");
        for (ChatQuestion q : reply.questions()) {
            ObjectNode qn = questions.addObject();
            if (q.id().isPresent()) {
                qn.put("id", q.id().get());
            } else {
                qn.putNull("id");
            }
            qn.put("prompt", q.prompt());
            qn.put("allow_multiple", q.allowMultiple());
            ArrayNode options = qn.putArray("options");
            for (ChatQuestion.Option opt : q.options()) {
                ObjectNode on = options.addObject();
                if (opt.id().isPresent()) {
                    on.put("id", opt.id().get());
                } else {
                    on.putNull("id");
                }
                on.put("label", opt.label());
            }
        }
        if (o.json()) {
            o.printJson(json);
        } else if (reply.isQuestion()) {
            for (ChatQuestion q : reply.questions()) {
                o.text("? " + q.prompt() + (q.allowMultiple() ? " (one or more)" : ""));
                int k = 1;
                for (ChatQuestion.Option opt : q.options()) {
                    o.text("  " + k++ + ". " + opt.label());
                }
            }
            o.info("Answer with the option numbers, one per question (e.g. \"" + exampleAnswer(reply.questions())
                    + "\"), or in your own words.");
        } else {
            if (silent && change != null) {
                o.text("Updated: " + change);
            }
            if (silent || !summary.equals(before)) {
                o.text(summary);
            }
        }
        return new Turn(reply, summary);
    }

    private static String exampleAnswer(List<ChatQuestion> questions) {
        List<String> picks = new ArrayList<>();
        for (ChatQuestion q : questions) {
            picks.add(q.options().isEmpty() ? "..." : "1");
        }
        return String.join(", ", picks);
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
