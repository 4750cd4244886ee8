package io.github.nemosdk.testkit.internal;

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
 * turn is silent), in the configured {@link ChatStyle}. Injected chat faults replace the part after
 * the keep-alives. Credits reserved for the edit are settled when it is applied and given back
 * otherwise ({@link #release()}). Used by one thread.
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
    private final ChatFault fault;
    private final Clock clock;
    private boolean settled;

    ChatTurn(EmulatorState state, EmulatorConfig.Chat settings, Clock clock, String userId, String sessionId,
            ChatPlan plan, int cost, boolean silent, ChatFault fault) {
        this.state = state;
        this.settings = settings;
        this.clock = clock;
        this.userId = userId;
        this.sessionId = sessionId;
        this.plan = plan;
        this.cost = cost;
        this.silent = silent;
        this.fault = fault;
    }

    @Override
    public void writeTo(EventSink sink) throws IOException, InterruptedException {
        Frames frames = settings.style() == ChatStyle.ADK ? new AdkFrames(sink, clock) : new TypedFrames(sink);
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
                    sink.data(errorFrame(fault.message(), "AGENT_ERROR"));
                    return;
                case DISCONNECT:
                    if (fault.afterEdit() && plan.isEdit()) {
                        apply();
                    } else {
                        release();
                    }
                    sink.abort();
                    return;
                default:
                    throw new IllegalStateException("unknown chat fault " + fault.kind());
            }
        }
        if (plan.isEdit()) {
            if (!silent) {
                frames.thought(plan.thought());
            }
            frames.toolCalls(plan.ops());
            if (!apply()) {
                sink.data(errorFrame("session not found", "SESSION_NOT_FOUND"));
                return;
            }
            frames.toolResults(plan.ops());
        } else {
            frames.thought(plan.thought());
        }
        if (!silent) {
            frames.reply(plan.reply());
            if (settings.trailingNoise()) {
                frames.noise(NOISE);
            }
        }
        frames.end();
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

    private static String errorFrame(String message, String code) {
        ObjectNode frame = Json.object();
        frame.put("error", message);
        frame.putObject("error_details").put("code", code);
        return Json.write(frame);
    }

    // ---------------------------------------------------------------- payload styles

    /** Writes the parts of a turn in one payload style. */
    private interface Frames {
        void heartbeat(int index) throws IOException;

        void thought(String text) throws IOException;

        void toolCalls(List<ChatPlan.Op> ops) throws IOException;

        void toolResults(List<ChatPlan.Op> ops) throws IOException;

        void reply(String text) throws IOException;

        void noise(String text) throws IOException;

        void end() throws IOException;
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
        public void toolCalls(List<ChatPlan.Op> ops) throws IOException {
            for (ChatPlan.Op op : ops) {
                ObjectNode frame = Json.object();
                frame.put("type", "tool_call");
                frame.put("name", op.tool);
                frame.set("args", op.args.deepCopy());
                sink.data(Json.write(frame));
            }
        }

        @Override
        public void toolResults(List<ChatPlan.Op> ops) throws IOException {
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
        public void end() {
            // The connection closing ends the turn.
        }
    }

    /** Agent Development Kit events; keep-alives alternate {@code : ping} and empty {@code data:}. */
    private static final class AdkFrames implements Frames {
        private final EventSink sink;
        private final Clock clock;
        private final String invocationId = "e-" + UUID.randomUUID();
        private final List<String> callIds = new ArrayList<>();

        AdkFrames(EventSink sink, Clock clock) {
            this.sink = sink;
            this.clock = clock;
        }

        @Override
        public void heartbeat(int index) throws IOException {
            if (index % 2 == 0) {
                sink.comment("ping");
            } else {
                sink.emptyData();
            }
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
        public void toolCalls(List<ChatPlan.Op> ops) throws IOException {
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
        public void toolResults(List<ChatPlan.Op> ops) throws IOException {
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
        public void end() throws IOException {
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
    }
}
