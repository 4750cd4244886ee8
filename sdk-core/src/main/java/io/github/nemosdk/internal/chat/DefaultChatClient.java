package io.github.nemosdk.internal.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.chat.ChatClient;
import io.github.nemosdk.chat.ChatEvent;
import io.github.nemosdk.chat.ChatQuestion;
import io.github.nemosdk.chat.ChatRecovery;
import io.github.nemosdk.chat.ChatReply;
import io.github.nemosdk.chat.ChatSettings;
import io.github.nemosdk.chat.ChatStream;
import io.github.nemosdk.chat.GuiHint;
import io.github.nemosdk.chat.TimelineChange;
import io.github.nemosdk.errors.ChatRecoveryFailedException;
import io.github.nemosdk.errors.ChatRequestRejectedException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.NemoTimeoutException;
import io.github.nemosdk.errors.NemoTransportException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.internal.DefaultStateClient;
import io.github.nemosdk.internal.Ids;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.Listeners;
import io.github.nemosdk.internal.http.Futures;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.RequestBody;
import io.github.nemosdk.internal.http.Response;
import io.github.nemosdk.internal.http.ResponseKind;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.state.Draft;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** {@link ChatClient} over the transport. */
public final class DefaultChatClient implements ChatClient {
    private static final System.Logger LOG = System.getLogger("io.github.nemosdk");
    private static final int MAX_PROMPT = 20_000;
    private static final String NOISE = "i encountered a temporary issue";

    private final Transport transport;
    private final String sessionId;
    private final ChatSettings settings;

    /**
     * Creates the client.
     *
     * @param transport the transport
     * @param sessionId the session (validated)
     * @param settings  deadlines, limits and recovery
     */
    public DefaultChatClient(Transport transport, String sessionId, ChatSettings settings) {
        this.transport = transport;
        this.sessionId = Ids.sessionId(sessionId);
        this.settings = settings;
    }

    @Override
    public String sessionId() {
        return transport.resolveSession(sessionId);
    }

    @Override
    public ChatStream stream(String prompt) {
        byte[] bytes = body(prompt);
        return open(Request.post("chat", "/run_sse")
                .session(sessionId(), s -> "/run_sse", false)
                .body(RequestBody.json(bytes))
                .expects(ResponseKind.EVENT_STREAM)
                .headerTimeout(settings.idleTimeout(), "ChatSettings.idleTimeout")
                .build(), r -> {
                    if (r.stream() == null) {
                        throw notAStream(r);
                    }
                    return new DefaultChatStream(r.sessionId(), r.stream().body(), settings, transport.scheduler(),
                            transport.config().ticker, transport.secrets(), transport.live(),
                            transport.config().listener, r.requestId().orElse(null));
                });
    }

    /**
     * The turn as a publisher; the message is sent on subscription, without a thread waiting for the answer.
     *
     * @param prompt the instruction (validated now)
     * @return the publisher
     */
    public ChatEventPublisher publisher(String prompt) {
        byte[] bytes = body(prompt);
        String sid = sessionId();
        Request request = Request.post("chat", "/run_sse")
                .session(sid, s -> "/run_sse", false)
                .body(RequestBody.json(bytes))
                .expects(ResponseKind.EVENT_PUBLISHER)
                .headerTimeout(settings.idleTimeout(), "ChatSettings.idleTimeout")
                .build();
        return new ChatEventPublisher(sid, cancel -> Futures.mapFailure(transport.executeAsync(request, cancel, r -> {
            if (r.publisher() == null) {
                throw notAStream(r);
            }
            return r;
        }), e -> e instanceof NemoApiException ? beforeTurn((NemoApiException) e) : e), transport.scheduler(),
                transport.config().ticker, settings, transport.secrets(), transport.live(),
                transport.config().listener);
    }

    /**
     * Sends the message. A refusal with HTTP 400 or 404 and no API code happened before the turn began: a
     * {@code {"detail":"Session not found: …"}} is a lost session, anything else a rejected request; neither is a
     * missing client id, and neither is worth trying again.
     */
    private <T> T open(Request request, java.util.function.Function<Response, T> opened) {
        try {
            return transport.execute(request, opened);
        } catch (NemoApiException e) {
            throw beforeTurn(e);
        }
    }

    /** A refusal of the message, reworded when it came before the turn began (see {@link #open}). */
    private NemoApiException beforeTurn(NemoApiException e) {
        if (e.getClass() != NemoApiException.class || e.apiCode().isPresent()
                || (e.httpStatus() != 400 && e.httpStatus() != 404)) {
            return e;
        }
        String message = e.serverMessage().orElse(null);
        String sid = sessionId();
        if (e.httpStatus() == 404 && message != null
                && message.toLowerCase(Locale.ROOT).startsWith("session not found")) {
            return new SessionNotFoundException(sid, 404, null, message, e.requestId().orElse(null));
        }
        return new ChatRequestRejectedException(sid, e.httpStatus(), message, e.requestId().orElse(null));
    }

    private static NemoProtocolException notAStream(Response r) {
        return new NemoProtocolException("The chat endpoint answered without an event stream"
                + r.requestIdNote()
                + ". Check that the base URL is the Nemo API.", null);
    }

    /**
     * Checks a prompt before anything is sent.
     *
     * @param prompt the instruction
     * @throws IllegalArgumentException if it is blank or too long
     */
    public static void checkPrompt(String prompt) {
        Objects.requireNonNull(prompt, "prompt must not be null");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("The prompt is blank: say what to do, e.g. \"add lo-fi music at 35%"
                    + " and fade it out\".");
        }
        if (prompt.length() > MAX_PROMPT) {
            throw new IllegalArgumentException("The prompt has " + prompt.length() + " characters; the limit is "
                    + MAX_PROMPT + ". Shorten it or split it into several messages.");
        }
    }

    private byte[] body(String prompt) {
        checkPrompt(prompt);
        String sid = sessionId();
        ObjectNode body = Json.object();
        body.put("app_name", "nemo_agent");
        body.put("user_id", "me");
        body.put("session_id", sid);
        ObjectNode message = body.putObject("new_message");
        // an ADK server drops a message without a role from what the model sees
        message.put("role", "user");
        message.putArray("parts").addObject().put("text", prompt);
        if (settings.partialEvents()) {
            body.put("streaming", true);
        }
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ChatReply send(String prompt) {
        return send(prompt, e -> { });
    }

    @Override
    public ChatReply send(String prompt, Consumer<ChatEvent> listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        Draft before = readDraft();
        List<String> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        List<ChatEvent.ToolCall> toolCalls = new ArrayList<>();
        List<ChatQuestion> questions = new ArrayList<>();
        Set<GuiHint> hints = EnumSet.noneOf(GuiHint.class);
        try (ChatStream events = stream(prompt)) {
            for (ChatEvent e : events) {
                notify(listener, e);
                if (e instanceof ChatEvent.Text) {
                    ChatEvent.Text t = (ChatEvent.Text) e;
                    current.append(t.text());
                    if (!t.isPartial()) {
                        // masked again whole: a token the server echoed may have been split across streamed chunks
                        messages.add(transport.secrets().maskSent(current.toString()));
                        current.setLength(0);
                    }
                } else if (e instanceof ChatEvent.ToolCall) {
                    toolCalls.add((ChatEvent.ToolCall) e);
                } else if (e instanceof ChatEvent.Question) {
                    questions.addAll(((ChatEvent.Question) e).questions());
                }
            }
        } catch (NemoTransportException | NemoTimeoutException broken) {
            if (!mayHaveReachedTheServer(broken)) {
                throw broken;
            }
            if (current.length() > 0) {
                // a token the server echoed may be split across chunks: mask the joined text
                messages.add(transport.secrets().maskSent(current.toString()));
            }
            LOG.log(System.Logger.Level.INFO, "Chat stream of session " + sessionId() + " broke; recovering from"
                    + " the state without re-sending: " + broken.getMessage());
            TimelineChange change = recover(before, broken);
            String text = join(messages, hints);
            return ChatReply.of(sessionId(), text, toolCalls, hints, change, true);
        }
        if (current.length() > 0) {
            messages.add(transport.secrets().maskSent(current.toString()));
        }
        String text = join(messages, hints);
        if (!questions.isEmpty()) {
            // the assistant waits for the user's answer: nothing to confirm in the state
            return ChatReply.withQuestions(sessionId(), text, toolCalls, hints, questions);
        }
        if (!text.isEmpty()) {
            return ChatReply.of(sessionId(), text, toolCalls, hints, null, false);
        }
        ChatRecovery r = settings.recovery();
        Draft after = readDraft();
        for (int i = 0; i < r.silentRechecks() && after.equals(before); i++) {
            transport.sleep(r.silentRecheckInterval());
            after = readDraft();
        }
        return ChatReply.of(sessionId(), "", toolCalls, hints, TimelineChange.between(before, after), false);
    }

    /**
     * Whether a failure happened after the message may have reached the server: a broken or stalled stream, or a
     * connection that failed while waiting for the response. Only a refused connection or a connect timeout
     * certainly sent nothing.
     */
    private static boolean mayHaveReachedTheServer(NemoException e) {
        Throwable c = e.getCause();
        return !(c instanceof java.net.ConnectException || c instanceof java.net.http.HttpConnectTimeoutException);
    }

    private static void notify(Consumer<ChatEvent> listener, ChatEvent e) {
        Listeners.tell("chat", () -> listener.accept(e));
    }

    /** Joins the messages, dropping a trailing "I encountered a temporary issue" after a normal reply. */
    private static String join(List<String> messages, Set<GuiHint> hints) {
        List<String> kept = new ArrayList<>();
        for (String m : messages) {
            if (!m.isBlank()) {
                kept.add(m.trim());
            }
        }
        while (kept.size() > 1 && kept.get(kept.size() - 1).toLowerCase(Locale.ROOT).startsWith(NOISE)) {
            kept.remove(kept.size() - 1);
        }
        String text = String.join("\n", kept);
        hints.addAll(io.github.nemosdk.internal.sse.GuiHints.detect(text));
        return text;
    }

    @Override
    public TimelineChange recover(Draft before) {
        return recover(Objects.requireNonNull(before, "before"), null);
    }

    private TimelineChange recover(Draft before, NemoException cause) {
        ChatRecovery r = settings.recovery();
        transport.sleep(r.initialWait());
        Draft now = readDraft();
        Duration waited = r.initialWait();
        for (int i = 0; i < r.maxRereads() && now.equals(before); i++) {
            transport.sleep(r.pollInterval());
            waited = waited.plus(r.pollInterval());
            now = readDraft();
        }
        if (now.equals(before)) {
            throw new ChatRecoveryFailedException("The timeline of session " + sessionId() + " did not change in "
                    + waited.getSeconds() + " s after the chat stream broke (" + (1 + r.maxRereads()) + " reads):"
                    + " the edit was most likely not applied. Check the timeline before sending the message"
                    + " again.", cause);
        }
        return TimelineChange.between(before, now);
    }

    private Draft readDraft() {
        return new DefaultStateClient(transport, sessionId).latest().draft();
    }

    @Override
    public String toString() {
        return "ChatClient{sessionId=" + sessionId() + "}";
    }
}
