package io.github.nemosdk.internal.sse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nemosdk.chat.ChatQuestion;
import io.github.nemosdk.internal.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the arguments of the assistant's {@code ask_question} tool:
 * {@code {"questions":[{"id","prompt","options":[{"id","label"}],"allow_multiple"}]}}. Lenient about spellings the
 * backend may use ({@code question}/{@code text} for the prompt, plain strings or {@code text}/{@code value} for
 * options, {@code allowMultiple}/{@code multi_select}), since a question the SDK cannot read must still not be lost:
 * when no question can be read at all the call stays a plain tool call.
 */
final class Questions {
    /** The tool the assistant calls to ask the user something. */
    static final String TOOL = "ask_question";

    private Questions() {
    }

    /**
     * The questions in a call's arguments.
     *
     * @param args the arguments, may be null
     * @return the questions; empty when none can be read
     */
    static List<ChatQuestion> parse(JsonNode args) {
        if (args == null || !args.isObject()) {
            return Collections.emptyList();
        }
        JsonNode list = args.get("questions");
        List<ChatQuestion> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode q : list) {
                ChatQuestion question = question(q);
                if (question != null) {
                    out.add(question);
                }
            }
        } else {
            ChatQuestion single = question(args);
            if (single != null) {
                out.add(single);
            }
        }
        return out;
    }

    private static ChatQuestion question(JsonNode q) {
        if (q == null || !q.isObject()) {
            return null;
        }
        String prompt = first(q, "prompt", "question", "text", "title");
        if (prompt == null) {
            return null;
        }
        List<ChatQuestion.Option> options = new ArrayList<>();
        JsonNode opts = q.get("options");
        if (opts == null) {
            opts = q.get("choices");
        }
        if (opts != null && opts.isArray()) {
            for (JsonNode o : opts) {
                if (o.isTextual() && !o.asText().isEmpty()) {
                    options.add(ChatQuestion.Option.of(null, o.asText()));
                } else if (o.isObject()) {
                    String label = first(o, "label", "text", "title", "value");
                    String id = Json.text(o, "id");
                    if (label != null || id != null) {
                        options.add(ChatQuestion.Option.of(id, label != null ? label : id));
                    }
                }
            }
        }
        boolean multiple = flag(q, "allow_multiple") || flag(q, "allowMultiple") || flag(q, "multi_select")
                || flag(q, "multiSelect") || flag(q, "multiple");
        return ChatQuestion.of(Json.text(q, "id"), prompt, options, multiple);
    }

    private static boolean flag(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && (v.isBoolean() ? v.booleanValue() : v.isTextual() && v.asText().equalsIgnoreCase("true"));
    }

    private static String first(JsonNode n, String... fields) {
        for (String f : fields) {
            String s = Json.text(n, f);
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
