package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /run_sse}: one chat turn. The request is checked synchronously, and errors are
 * answered as JSON, not streams: 401/1001 bad token, 400 bad body (a missing {@code new_message.role},
 * when required, as {@code {"detail": …}}), 200/1002 unknown session, 200/2001 too few credits for the
 * edit the prompt asks for. An accepted turn plans its edit ({@link ChatPlan}) or its question,
 * reserves the edit's credits and answers with a {@link ChatTurn} stream. When the previous turn of
 * the session asked a question, this message is its answer and completes the prompt that asked.
 *
 * <p>Whether an editing turn is silent is decided from the configured seed and this handler's turn
 * counter, which counts accepted turns (text-only and faulted ones included), so the same seed and
 * the same sequence of requests give the same pattern.
 */
final class ChatHandler implements Handler {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final EmulatorState state;
    private final EmulatorConfig.Chat settings;
    private final Clock clock;
    private final AtomicLong turns = new AtomicLong();

    ChatHandler(EmulatorState state, EmulatorConfig config) {
        this.state = state;
        this.settings = config.chat();
        this.clock = config.clock();
    }

    @Override
    public Response handle(Request request) {
        String userId = state.authenticate(request.bearerToken());
        JsonNode body = request.jsonObject();
        JsonNode sid = body.get("session_id");
        if (sid == null || !(sid.isTextual() || sid.isIntegralNumber()) || sid.asText().isBlank()) {
            throw ApiException.of(400, 400, "session_id is required");
        }
        String sessionId = sid.asText().trim();
        String prompt = prompt(body);
        if (prompt.isBlank()) {
            throw ApiException.of(400, 400, "new_message.parts[].text is required");
        }
        JsonNode role = body.path("new_message").get("role");
        if (settings.requireRole() && (role == null || !role.isTextual() || !role.asText().equals("user"))) {
            throw ApiException.detail(400, "new_message.role is required and must be \"user\": a message without"
                    + " a role is left out of what the model sees");
        }
        boolean streaming = body.path("streaming").asBoolean(false);

        state.checkSession(userId, sessionId);
        // the answer to a question asked in the previous turn completes the prompt that asked for choices
        String asked = state.takePendingQuestion(userId, sessionId);
        String request0 = asked == null ? prompt : asked + ". " + prompt;
        ChatPlan plan = ChatPlan.of(request0, state.draftFor(userId, sessionId),
                settings.askQuestions() && asked == null);
        if (plan.isQuestion()) {
            state.askQuestion(userId, sessionId, plan.pendingPrompt());
        }
        int cost = plan.isEdit() ? settings.creditsPerEdit() : 0;
        try {
            state.reserveCredits(userId, sessionId, cost);
        } catch (ApiException refused) {
            if (asked != null) {
                state.askQuestion(userId, sessionId, asked); // the question still waits for a usable answer
            }
            throw refused;
        }
        long turn = turns.getAndIncrement();
        boolean silent = plan.isEdit() && silent(turn);
        return Response.eventStream(new ChatTurn(state, settings, clock, userId, sessionId, plan, cost, silent,
                streaming, turn, request.chatFault().orElse(null)));
    }

    /** Restarts the turn counter, so the silent-turn pattern starts over. */
    void reset() {
        turns.set(0);
    }

    /** The non-blank texts of {@code new_message.parts}, joined by line breaks. */
    private static String prompt(JsonNode body) {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : body.path("new_message").path("parts")) {
            JsonNode text = part.get("text");
            if (text != null && text.isTextual() && !text.asText().isBlank()) {
                texts.add(text.asText());
            }
        }
        return String.join("\n", texts);
    }

    private boolean silent(long turn) {
        double ratio = settings.silentRatio();
        if (ratio <= 0.0) {
            return false;
        }
        if (ratio >= 1.0) {
            return true;
        }
        return new SplittableRandom(settings.seed() + turn * GOLDEN_GAMMA).nextDouble() < ratio;
    }
}
