package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.testkit.ChatStyle;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The stream of one accepted chat turn: keep-alives for the configured turn duration, then the
 * tool frames with the edit applied between the calls and the results, then the reply (unless the
 * turn is silent), in the configured {@link ChatStyle}; or, for a question turn, the question. Injected
 * chat faults replace the part after the keep-alives. Credits reserved for the edit are settled when it
 * is applied and given back otherwise ({@link #release()}). Used by one thread.
 */
final class ChatTurn implements StreamBody {

    static final String NOISE = "I encountered a temporary issue. Please try again.";

    private final EmulatorState state;
    private final EmulatorConfig.Chat settings;
    private final String userId;
    private final String sessionId;
    private final ChatPlan plan;
    private final int cost;
    private final boolean silent;
    private final boolean streaming;
    private final long turn;
    private final ChatFault fault;
    private final Clock clock;
    private boolean settled;

    ChatTurn(EmulatorState state, EmulatorConfig.Chat settings, Clock clock, String userId, String sessionId,
            ChatPlan plan, int cost, boolean silent, boolean streaming, long turn, ChatFault fault) {
        this.state = state;
        this.settings = settings;
        this.clock = clock;
        this.userId = userId;
        this.sessionId = sessionId;
        this.plan = plan;
        this.cost = cost;
        this.silent = silent;
        this.streaming = streaming;
        this.turn = turn;
        this.fault = fault;
    }

    @Override
    public void writeTo(EventSink sink) throws IOException, InterruptedException {
        Frames frames;
        switch (settings.style()) {
            case ADK:
                frames = new AdkFrames(sink, clock, streaming);
                break;
            case ADK_LEGACY:
                frames = new LegacyAdkFrames(sink, clock);
                break;
            default:
                frames = new TypedFrames(sink);
                break;
        }
        if (fault != null && fault.kind() == ChatFault.Kind.STALL) {
            frames.heartbeat(0);
            sleepUntil(System.nanoTime() + fault.stall().toNanos());
            return;
        }
        heartbeats(frames);
        if (fault != null) {
            switch (fault.kind()) {
                case ERROR_FRAME:
                    release(); // before the last frame: a client reading credits after it sees them returned
                    sink.data(errorFrame(fault.message(), "AGENT_ERROR", clock));
                    return;
                case DISCONNECT:
                    if (fault.afterEdit() && plan.isEdit()) {
                        apply();
                    } else {
                        release();
                    }
                    sink.abort();
                    return;
                case CRASH:
                    release();
                    if (plan.isEdit()) {
                        frames.toolCalls(plan.thought(), plan.ops());
                    }
                    sink.abort();
                    return;
                default:
                    throw new IllegalStateException("unknown chat fault " + fault.kind());
            }
        }
        if (plan.isQuestion()) {
            frames.question(plan.thought(), plan.reply(), plan.question());
            frames.end(false, false);
            return;
        }
        if (plan.isEdit()) {
            frames.toolCalls(silent ? null : plan.thought(), plan.ops());
            if (!apply()) {
                sink.data(errorFrame("session not found", "SESSION_NOT_FOUND", clock));
                return;
            }
            frames.toolResults(plan.ops(), state.draftFor(userId, sessionId));
        } else {
            frames.thought(plan.thought());
        }
        if (!silent) {
            frames.reply(plan.reply());
            if (settings.trailingNoise()) {
                frames.noise(NOISE);
            }
        }
        // silent ADK edits alternate the two documented endings: a content-less event and STOP without a message
        frames.end(silent, turn % 2 == 1);
    }

    /** Gives back the reserved credits if the edit was never applied (fault, client gone, emulator closing). */
    @Override
    public void release() {
        if (!settled) {
            settled = true;
            state.releaseCredits(userId, cost);
        }
    }

    private boolean apply() {
        settled = true;
        return state.applyEdit(userId, sessionId, cost, plan::applyTo);
    }

    /** Keep-alives from now for the turn duration: one at once, then one per interval. */
    private void heartbeats(Frames frames) throws IOException, InterruptedException {
        long interval = settings.heartbeatInterval().toNanos();
        long start = System.nanoTime();
        long end = start + settings.turnDuration().toNanos();
        for (int i = 0; ; i++) {
            frames.heartbeat(i);
            long next = start + (i + 1) * interval;
            if (next - end >= 0) {
                sleepUntil(end);
                return;
            }
            sleepUntil(next);
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** The last frame of a failed turn, as newer servers send it. */
    private static String errorFrame(String message, String type, Clock clock) {
        ObjectNode frame = Json.object();
        frame.put("error", message);
        ObjectNode details = frame.putObject("error_details");
        details.put("error_type", type);
        details.put("error_message", message);
        details.put("timestamp", clock.instant().toString());
        return Json.write(frame);
    }

    /** Splits {@code text} into up to {@code n} pieces, after spaces where possible; they concatenate to it. */
    static List<String> chunks(String text, int n) {
        List<String> chunks = new ArrayList<>();
        int from = 0;
        for (int i = 1; i < n; i++) {
            int target = Math.max(text.length() * i / n, from + 1);
            int space = text.indexOf(' ', target);
            int end = space >= 0 ? space + 1 : target;
            if (end >= text.length()) {
                break;
            }
            chunks.add(text.substring(from, end));
            from = end;
        }
        chunks.add(text.substring(from));
        return chunks;
    }

    // ---------------------------------------------------------------- payload styles

    /** The ADK styles' keep-alives: {@code : ping} comments alternating with empty {@code data:} lines. */
    private static void adkKeepAlive(EventSink sink, int index) throws IOException {
        if (index % 2 == 0) {
            sink.comment("ping");
        } else {
            sink.emptyData();
        }
    }

    /** Writes the parts of a turn in one payload style. */
    private interface Frames {
        void heartbeat(int index) throws IOException;

        /** The agent's reasoning for a turn without tools (shown with the reply where the style joins them). */
        void thought(String text) throws IOException;

        /** The tool calls, after the reasoning (null: none). */
        void toolCalls(String thought, List<ChatPlan.Op> ops) throws IOException;

        void toolResults(List<ChatPlan.Op> ops, JsonNode draftAfter) throws IOException;

        void reply(String text) throws IOException;

        void noise(String text) throws IOException;

        /** A question turn: the reasoning, a line of text and the {@code ask_question} call. */
        void question(String thought, String text, ObjectNode args) throws IOException;

        /** The end of the turn; {@code silentEdit} for an edit without text, {@code stopCode} to end it with STOP. */
        void end(boolean silentEdit, boolean stopCode) throws IOException;
    }

    /** {@code {"type":…}} frames. */
    private static final class TypedFrames implements Frames {
        private final EventSink sink;

        TypedFrames(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void heartbeat(int index) throws IOException {
            sink.data("{\"type\":\"heartbeat\"}");
        }

        @Override
        public void thought(String text) {
            // Typed frames carry no reasoning.
        }

        @Override
        public void toolCalls(String thought, List<ChatPlan.Op> ops) throws IOException {
            for (ChatPlan.Op op : ops) {
                ObjectNode frame = Json.object();
                frame.put("type", "tool_call");
                frame.put("name", op.tool);
                frame.set("args", op.args.deepCopy());
                sink.data(Json.write(frame));
            }
        }

        @Override
        public void toolResults(List<ChatPlan.Op> ops, JsonNode draftAfter) throws IOException {
            for (ChatPlan.Op op : ops) {
                ObjectNode frame = Json.object();
                frame.put("type", "tool_result");
                frame.put("name", op.tool);
                frame.putObject("result").put("ok", true);
                sink.data(Json.write(frame));
            }
        }

        @Override
        public void reply(String text) throws IOException {
            noise(text);
        }

        @Override
        public void noise(String text) throws IOException {
            ObjectNode frame = Json.object();
            frame.put("type", "text");
            frame.put("content", text);
            sink.data(Json.write(frame));
        }

        @Override
        public void question(String thought, String text, ObjectNode args) throws IOException {
            noise(text);
            ObjectNode frame = Json.object();
            frame.put("type", "tool_call");
            frame.put("id", "call-" + UUID.randomUUID());
            frame.put("name", "ask_question");
            frame.set("args", args);
            sink.data(Json.write(frame));
        }

        @Override
        public void end(boolean silentEdit, boolean stopCode) {
            // The connection closing ends the turn.
        }
    }

    /**
     * Agent Development Kit events as a Java ADK server writes them: no keep-alives, {@code data:} without a space,
     * epoch-millisecond timestamps, empty {@code actions} maps, {@code finishReason}, usage figures and the model
     * version on model events; partial events only when the request asked for them; a function call carries a
     * {@code thoughtSignature}; a function response carries the new draft in {@code actions.stateDelta}.
     */
    private static final class AdkFrames implements Frames {
        private static final String MODEL = "gemini-2.5-flash";
        private final EventSink sink;
        private final Clock clock;
        private final boolean streaming;
        private final String invocationId = "e-" + UUID.randomUUID();
        private final List<String> callIds = new ArrayList<>();
        /** The reasoning of a turn without tools, sent with its reply. */
        private String pendingThought;

        AdkFrames(EventSink sink, Clock clock, boolean streaming) {
            this.sink = sink;
            this.clock = clock;
            this.streaming = streaming;
        }

        @Override
        public void heartbeat(int index) {
            // a Java ADK server sends nothing while the model or a tool works
        }

        @Override
        public void thought(String text) {
            pendingThought = text;
        }

        @Override
        public void toolCalls(String thought, List<ChatPlan.Op> ops) throws IOException {
            if (streaming && thought != null) {
                ObjectNode partial = modelEvent(false);
                thoughtPart(parts(partial), thought);
                partial.put("partial", true);
                send(partial);
            }
            if (streaming) {
                ObjectNode partial = modelEvent(true);
                calls(parts(partial), ops);
                partial.put("partial", true);
                send(partial);
            }
            ObjectNode event = modelEvent(true);
            ArrayNode parts = parts(event);
            if (thought != null) {
                thoughtPart(parts, thought);
            }
            calls(parts, ops);
            send(event);
        }

        /** The function call parts; a partial event and its complete event name the same call ids. */
        private void calls(ArrayNode parts, List<ChatPlan.Op> ops) {
            for (int i = 0; i < ops.size(); i++) {
                if (callIds.size() <= i) {
                    callIds.add("adk-" + UUID.randomUUID());
                }
                ObjectNode part = parts.addObject();
                ObjectNode call = part.putObject("functionCall");
                call.put("id", callIds.get(i));
                call.set("args", ops.get(i).args.deepCopy());
                call.put("name", ops.get(i).tool);
                part.put("thoughtSignature", "ZW11bGF0ZWQtc2lnbmF0dXJl");
            }
        }

        @Override
        public void toolResults(List<ChatPlan.Op> ops, JsonNode draftAfter) throws IOException {
            ObjectNode event = header();
            ObjectNode content = event.putObject("content");
            ArrayNode parts = content.putArray("parts");
            for (int i = 0; i < ops.size(); i++) {
                ObjectNode response = parts.addObject().putObject("functionResponse");
                response.put("id", callIds.get(i));
                response.put("name", ops.get(i).tool);
                response.putObject("response").put("status", "ok");
            }
            content.put("role", "user");
            ObjectNode stateDelta = actions(event).putObject("stateDelta");
            stateDelta.set("draft", draftAfter);
            stateDelta.put("last_edit", ops.get(ops.size() - 1).tool);
            event.put("timestamp", clock.millis());
            sink.dataNoSpace(Json.write(event));
        }

        @Override
        public void reply(String text) throws IOException {
            String thought = pendingThought;
            pendingThought = null;
            if (streaming) {
                if (thought != null) {
                    ObjectNode partial = modelEvent(false);
                    thoughtPart(parts(partial), thought);
                    partial.put("partial", true);
                    send(partial);
                }
                List<String> chunks = chunks(text, text.length() > 60 ? 3 : 2);
                for (int i = 0; i < chunks.size(); i++) {
                    ObjectNode partial = modelEvent(i == chunks.size() - 1);
                    parts(partial).addObject().put("text", chunks.get(i));
                    partial.put("partial", true);
                    send(partial);
                }
            }
            ObjectNode event = modelEvent(true);
            ArrayNode parts = parts(event);
            if (thought != null) {
                thoughtPart(parts, thought);
            }
            ObjectNode part = parts.addObject().put("text", text);
            if (streaming) {
                part.put("thought", false);
            }
            send(event);
        }

        @Override
        public void noise(String text) throws IOException {
            ObjectNode event = modelEvent(true);
            parts(event).addObject().put("text", text);
            send(event);
        }

        @Override
        public void question(String thought, String text, ObjectNode args) throws IOException {
            pendingThought = null;
            String id = "adk-" + UUID.randomUUID();
            if (streaming) {
                ObjectNode partial = modelEvent(false);
                parts(partial).addObject().put("text", text);
                partial.put("partial", true);
                send(partial);
            }
            ObjectNode event = modelEvent(true);
            ArrayNode parts = parts(event);
            thoughtPart(parts, thought);
            ObjectNode textPart = parts.addObject().put("text", text);
            if (streaming) {
                textPart.put("thought", false);
            }
            ObjectNode call = parts.addObject().putObject("functionCall");
            call.put("id", id);
            call.set("args", args);
            call.put("name", "ask_question");
            event.putArray("longRunningToolIds").add(id);
            send(event);
        }

        @Override
        public void end(boolean silentEdit, boolean stopCode) throws IOException {
            if (!silentEdit) {
                return; // the last complete event ends the turn; the connection closes
            }
            ObjectNode event = header();
            if (stopCode) {
                actions(event);
                event.put("errorCode", "STOP");
            } else {
                event.putObject("content").put("role", "model");
                actions(event);
            }
            usage(event);
            event.put("timestamp", clock.millis());
            sink.dataNoSpace(Json.write(event));
        }

        private void send(ObjectNode event) throws IOException {
            event.put("timestamp", clock.millis());
            sink.dataNoSpace(Json.write(event));
        }

        private ObjectNode header() {
            ObjectNode event = Json.object();
            event.put("id", UUID.randomUUID().toString());
            event.put("invocationId", invocationId);
            event.put("author", "nemo_agent");
            return event;
        }

        /** A model event with content and empty actions; {@code finished} adds the finish reason and usage. */
        private ObjectNode modelEvent(boolean finished) {
            ObjectNode event = header();
            ObjectNode content = event.putObject("content");
            content.putArray("parts");
            content.put("role", "model");
            actions(event);
            if (finished) {
                usage(event);
            } else {
                event.put("modelVersion", MODEL);
            }
            return event;
        }

        private static void usage(ObjectNode event) {
            event.put("finishReason", "STOP");
            ObjectNode usage = event.putObject("usageMetadata");
            usage.put("candidatesTokenCount", 37);
            usage.put("promptTokenCount", 812);
            usage.put("totalTokenCount", 849);
            event.put("modelVersion", MODEL);
        }

        private static ObjectNode actions(ObjectNode event) {
            ObjectNode actions = event.putObject("actions");
            actions.putObject("stateDelta");
            actions.putObject("artifactDelta");
            actions.putObject("requestedAuthConfigs");
            actions.putObject("requestedToolConfirmations");
            return actions;
        }

        private static void thoughtPart(ArrayNode parts, String thought) {
            parts.addObject().put("text", thought).put("thought", true);
        }

        private static ArrayNode parts(ObjectNode event) {
            return (ArrayNode) event.get("content").get("parts");
        }
    }

    /** The older rendering: keep-alives alternate {@code : ping} and empty {@code data:}; always partial text. */
    private static final class LegacyAdkFrames implements Frames {
        private final EventSink sink;
        private final Clock clock;
        private final String invocationId = "e-" + UUID.randomUUID();
        private final List<String> callIds = new ArrayList<>();

        LegacyAdkFrames(EventSink sink, Clock clock) {
            this.sink = sink;
            this.clock = clock;
        }

        @Override
        public void heartbeat(int index) throws IOException {
            adkKeepAlive(sink, index);
        }

        @Override
        public void thought(String text) throws IOException {
            ObjectNode event = event();
            ObjectNode part = parts(event).addObject();
            part.put("text", text);
            part.put("thought", true);
            sink.data(Json.write(event));
        }

        @Override
        public void toolCalls(String thought, List<ChatPlan.Op> ops) throws IOException {
            if (thought != null) {
                thought(thought);
            }
            ObjectNode event = event();
            ArrayNode parts = parts(event);
            for (ChatPlan.Op op : ops) {
                String id = "adk-" + UUID.randomUUID();
                callIds.add(id);
                ObjectNode call = parts.addObject().putObject("functionCall");
                call.put("id", id);
                call.put("name", op.tool);
                call.set("args", op.args.deepCopy());
            }
            sink.data(Json.write(event));
        }

        @Override
        public void toolResults(List<ChatPlan.Op> ops, JsonNode draftAfter) throws IOException {
            ObjectNode event = event();
            ArrayNode parts = parts(event);
            for (int i = 0; i < ops.size(); i++) {
                ObjectNode response = parts.addObject().putObject("functionResponse");
                response.put("id", callIds.get(i));
                response.put("name", ops.get(i).tool);
                response.putObject("response").put("ok", true);
            }
            sink.data(Json.write(event));
        }

        /** 2 or 3 {@code partial} chunks, then the complete text once more as a final event. */
        @Override
        public void reply(String text) throws IOException {
            for (String chunk : chunks(text, text.length() > 60 ? 3 : 2)) {
                ObjectNode event = event();
                parts(event).addObject().put("text", chunk);
                event.put("partial", true);
                sink.data(Json.write(event));
            }
            noise(text);
        }

        @Override
        public void noise(String text) throws IOException {
            ObjectNode event = event();
            parts(event).addObject().put("text", text);
            sink.data(Json.write(event));
        }

        @Override
        public void question(String thought, String text, ObjectNode args) throws IOException {
            thought(thought);
            ObjectNode event = event();
            ArrayNode parts = parts(event);
            parts.addObject().put("text", text);
            ObjectNode call = parts.addObject().putObject("functionCall");
            call.put("id", "adk-" + UUID.randomUUID());
            call.put("name", "ask_question");
            call.set("args", args);
            sink.data(Json.write(event));
        }

        @Override
        public void end(boolean silentEdit, boolean stopCode) throws IOException {
            ObjectNode event = header();
            event.put("turnComplete", true);
            sink.data(Json.write(event));
        }

        private ObjectNode header() {
            ObjectNode event = Json.object();
            event.put("id", UUID.randomUUID().toString());
            event.put("invocationId", invocationId);
            event.put("author", "nemo_agent");
            event.put("timestamp", BigDecimal.valueOf(clock.millis()).movePointLeft(3));
            return event;
        }

        private ObjectNode event() {
            ObjectNode event = header();
            event.putObject("content").put("role", "model");
            return event;
        }

        private static ArrayNode parts(ObjectNode event) {
            return ((ObjectNode) event.get("content")).putArray("parts");
        }
    }
}
