package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The emulated backend's data: anonymous users, tokens, sessions (draft and {@code video_infos})
 * and credits. Every method is
 * atomic: all access goes through one lock, which is ample for test traffic and keeps the rules
 * (token limits, ownership) trivially consistent.
 */
public final class EmulatorState {

    private final Object lock = new Object();
    private final EmulatorConfig config;

    private final Map<String, User> usersByClientId = new HashMap<>();
    private final Map<String, User> usersById = new HashMap<>();
    private final Map<String, Integer> tokensPerClientId = new HashMap<>();
    private final Map<String, Token> tokens = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final Set<String> usedSessionIds = new HashSet<>();
    private final Map<String, String> claims = new HashMap<>();
    private int tokensIssued;

    /**
     * Creates an empty state.
     *
     * @param config limits, initial credits and clock
     */
    public EmulatorState(EmulatorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The clock the emulator reads.
     *
     * @return the configured clock
     */
    public java.time.Clock clock() {
        return config.clock();
    }

    // ---------------------------------------------------------------- used by handlers

    /**
     * Issues an anonymous token to the user of {@code clientId}, creating that user on first use.
     *
     * @throws ApiException 429 once the client id has used up its token limit
     */
    TokenGrant issueAnonymousToken(String clientId) {
        synchronized (lock) {
            int issued = tokensPerClientId.getOrDefault(clientId, 0);
            if (issued >= config.tokenLimitPerClient()) {
                throw ApiException.withHeaders(429, 429,
                        "anonymous token limit reached for this client id", Map.of("Retry-After", "3600"));
            }
            User user = usersByClientId.get(clientId);
            if (user == null) {
                String userId;
                do {
                    userId = Ids.userId();
                } while (usersById.containsKey(userId));
                user = new User(userId, config.initialCredits());
                usersByClientId.put(clientId, user);
                usersById.put(userId, user);
            }
            String value;
            do {
                value = Ids.token();
            } while (tokens.containsKey(value));
            Instant expiresAt = config.clock().instant().plus(config.tokenTtl());
            tokens.put(value, new Token(user, expiresAt));
            tokensPerClientId.put(clientId, issued + 1);
            tokensIssued++;
            return new TokenGrant(value, user.id, expiresAt, user.available);
        }
    }

    /**
     * Resolves a bearer token to its user.
     *
     * @return the user id
     * @throws ApiException 401 / 1001 if the token is missing, unknown, expired or revoked
     */
    String authenticate(Optional<String> bearerToken) {
        synchronized (lock) {
            Token token = bearerToken.map(tokens::get).orElse(null);
            if (token == null || token.revoked || token.forcedExpired
                    || !config.clock().instant().isBefore(token.expiresAt)) {
                throw ApiException.tokenInvalid();
            }
            return token.user.id;
        }
    }

    /** Creates an empty session owned by {@code userId}. */
    SessionInfo createSession(String userId) {
        synchronized (lock) {
            String sessionId;
            do {
                sessionId = Ids.sessionId();
            } while (!usedSessionIds.add(sessionId));
            Session session = new Session(Ids.taskId(), userId, Json.parse("{\"t\":[]}"));
            sessions.put(sessionId, session);
            return new SessionInfo(session.taskId, sessionId);
        }
    }

    /** The credits of the user {@code userId}. */
    Credits credits(String userId) {
        synchronized (lock) {
            User user = usersById.get(userId);
            return new Credits(user.available, user.frozen);
        }
    }

    /**
     * A copy of the draft of a session owned by {@code userId}.
     *
     * @throws ApiException 1002 if the session does not exist, was deleted or belongs to someone else
     */
    JsonNode draftFor(String userId, String sessionId) {
        synchronized (lock) {
            Session session = sessions.get(sessionId);
            if (session == null || !session.ownerId.equals(userId)) {
                throw ApiException.sessionNotFound();
            }
            return session.draft.deepCopy();
        }
    }

    /**
     * Remembers that the assistant asked a question in a session; the next message answers it.
     *
     * @param prompt the prompt that asked for choices, without the asking words
     */
    void askQuestion(String userId, String sessionId, String prompt) {
        synchronized (lock) {
            ownedSession(userId, sessionId).pendingQuestion = prompt;
        }
    }

    /**
     * The prompt of the question waiting in a session, forgotten by this call.
     *
     * @return the prompt, or null when no question waits
     */
    String takePendingQuestion(String userId, String sessionId) {
        synchronized (lock) {
            Session session = ownedSession(userId, sessionId);
            String prompt = session.pendingQuestion;
            session.pendingQuestion = null;
            return prompt;
        }
    }

    /**
     * A claim token for a session of {@code userId}, which opens the project in the web app.
     *
     * @throws ApiException 1002 if the session is not the user's; 400 if the task id does not match it
     */
    String claimToken(String userId, String taskId, String sessionId) {
        synchronized (lock) {
            Session session = ownedSession(userId, sessionId);
            if (taskId != null && !taskId.equals(session.taskId)) {
                throw ApiException.detail(400, "task_id does not match the session");
            }
            String token;
            do {
                token = Ids.claimToken();
            } while (claims.containsKey(token));
            claims.put(token, sessionId);
            return token;
        }
    }

    /**
     * The session a claim token opens.
     *
     * @param claimToken a claim token this emulator issued
     * @return the session id, or empty for an unknown token
     */
    public java.util.Optional<String> claimedSession(String claimToken) {
        synchronized (lock) {
            return java.util.Optional.ofNullable(claims.get(claimToken));
        }
    }

    /**
     * The task a session belongs to.
     *
     * @throws ApiException 1002 if the session is not the user's
     */
    String taskOf(String userId, String sessionId) {
        synchronized (lock) {
            return ownedSession(userId, sessionId).taskId;
        }
    }

    /**
     * Checks that a session exists and belongs to {@code userId}.
     *
     * @throws ApiException 1002 if the session does not exist, was deleted or belongs to someone else
     */
    void checkSession(String userId, String sessionId) {
        synchronized (lock) {
            ownedSession(userId, sessionId);
        }
    }

    /**
     * Copies of a session's draft and {@code video_infos}, read atomically.
     *
     * @return {draft, video_infos}
     * @throws ApiException 1002 if the session does not exist, was deleted or belongs to someone else
     */
    JsonNode[] stateFor(String userId, String sessionId) {
        synchronized (lock) {
            Session session = ownedSession(userId, sessionId);
            return new JsonNode[] {session.draft.deepCopy(), session.videoInfos.deepCopy()};
        }
    }

    /**
     * Applies an upload to a session owned by {@code userId}, atomically: {@code edit} gets a copy of
     * the draft (an object: a draft that is not one is replaced by {@code {"t":[]}} first) and the
     * session's {@code video_infos} array, and may change both. Uploads are free.
     *
     * @throws ApiException 1002 if the session does not exist, was deleted or belongs to someone else
     */
    void applyUpload(String userId, String sessionId, BiConsumer<ObjectNode, ArrayNode> edit) {
        synchronized (lock) {
            Session session = ownedSession(userId, sessionId);
            ObjectNode draft;
            if (session.draft.isObject()) {
                draft = (ObjectNode) session.draft.deepCopy();
            } else {
                draft = Json.object();
                draft.putArray("t");
            }
            ArrayNode infos = session.videoInfos.deepCopy();
            edit.accept(draft, infos);
            session.draft = draft;
            session.videoInfos = infos;
        }
    }

    private Session ownedSession(String userId, String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null || !session.ownerId.equals(userId)) {
            throw ApiException.sessionNotFound();
        }
        return session;
    }

    /**
     * Starts a chat turn on a session owned by {@code userId}: checks the session and reserves
     * {@code cost} credits, moving them from {@code available} to {@code frozen}.
     *
     * @throws ApiException 1002 if the session does not exist, was deleted or belongs to someone
     *                      else; 2001 if fewer than {@code cost} credits are available
     */
    void reserveCredits(String userId, String sessionId, int cost) {
        synchronized (lock) {
            Session session = sessions.get(sessionId);
            if (session == null || !session.ownerId.equals(userId)) {
                throw ApiException.sessionNotFound();
            }
            if (cost <= 0) {
                return;
            }
            User user = usersById.get(userId);
            if (user.available < cost) {
                throw ApiException.of(200, 2001, "insufficient credits");
            }
            user.available -= cost;
            user.frozen += cost;
        }
    }

    /**
     * Applies a chat turn's edit to the session's draft and settles the reservation made by
     * {@link #reserveCredits}: the {@code cost} leaves {@code frozen} for good. Atomic, so edits
     * of concurrent turns on one session never interleave. A draft that is not a JSON object is
     * replaced by {@code {"t":[]}} first.
     *
     * @return false, with the reservation given back and nothing changed, if the session is gone
     */
    boolean applyEdit(String userId, String sessionId, int cost, Consumer<ObjectNode> edit) {
        synchronized (lock) {
            Session session = sessions.get(sessionId);
            User user = usersById.get(userId);
            if (session == null || !session.ownerId.equals(userId)) {
                refund(user, cost);
                return false;
            }
            ObjectNode draft;
            if (session.draft.isObject()) {
                draft = (ObjectNode) session.draft;
            } else {
                draft = Json.object();
                draft.putArray("t");
            }
            ObjectNode edited = draft.deepCopy();
            edit.accept(edited);
            session.draft = edited;
            if (cost > 0) {
                user.frozen = Math.max(0, user.frozen - cost);
            }
            return true;
        }
    }

    /** Gives back credits reserved by {@link #reserveCredits} for a turn whose edit was not applied. */
    void releaseCredits(String userId, int cost) {
        synchronized (lock) {
            refund(usersById.get(userId), cost);
        }
    }

    private static void refund(User user, int cost) {
        if (cost <= 0) {
            return;
        }
        // A test may have set the balance meanwhile: never go negative.
        int back = Math.min(cost, user.frozen);
        user.frozen -= back;
        user.available += back;
    }

    // ---------------------------------------------------------------- test controls

    /**
     * Forgets every user, token and session, and the per-client-id token counts, as in a new state.
     * Ids of the sessions forgotten are never handed out again, so a stale id stays unknown.
     */
    public void reset() {
        synchronized (lock) {
            usersByClientId.clear();
            usersById.clear();
            tokensPerClientId.clear();
            tokens.clear();
            sessions.clear();
            claims.clear();
            tokensIssued = 0;
        }
    }

    /**
     * Number of anonymous tokens issued so far.
     *
     * @return the count
     */
    public int tokensIssued() {
        synchronized (lock) {
            return tokensIssued;
        }
    }

    /** Makes every token issued so far invalid; tokens issued later are unaffected. */
    public void expireAllTokens() {
        synchronized (lock) {
            tokens.values().forEach(t -> t.forcedExpired = true);
        }
    }

    /**
     * Revokes one token.
     *
     * @param token the token
     * @throws IllegalArgumentException if the emulator never issued {@code token}
     */
    public void revokeToken(String token) {
        synchronized (lock) {
            requireToken(token).revoked = true;
        }
    }

    /**
     * Deletes a session.
     *
     * @param sessionId the session's id
     * @throws IllegalArgumentException if there is no such session (or it was already deleted)
     */
    public void deleteSession(String sessionId) {
        synchronized (lock) {
            requireSession(sessionId);
            sessions.remove(sessionId);
        }
    }

    /**
     * Replaces a session's draft.
     *
     * @param sessionId the session's id
     * @param draftJson the new draft
     * @throws IllegalArgumentException if there is no such session or {@code draftJson} is not JSON
     */
    public void setDraft(String sessionId, String draftJson) {
        Objects.requireNonNull(draftJson, "draftJson");
        JsonNode draft = Json.parse(draftJson);
        synchronized (lock) {
            requireSession(sessionId).draft = draft;
        }
    }

    /**
     * The current draft of a session as compact JSON.
     *
     * @param sessionId the session's id
     * @return the draft
     * @throws IllegalArgumentException if there is no such session
     */
    public String draft(String sessionId) {
        JsonNode copy;
        synchronized (lock) {
            copy = requireSession(sessionId).draft.deepCopy();
        }
        return Json.write(copy);
    }

    /**
     * Sets the credits of the user who owns {@code token} (whatever the token's validity).
     *
     * @param token     a token of the user
     * @param available credits available
     * @param frozen    credits reserved
     * @throws IllegalArgumentException if the token is unknown or a value is negative
     */
    public void setCredits(String token, int available, int frozen) {
        if (available < 0 || frozen < 0) {
            throw new IllegalArgumentException("credits must not be negative: available=" + available
                    + ", frozen=" + frozen);
        }
        synchronized (lock) {
            User user = requireToken(token).user;
            user.available = available;
            user.frozen = frozen;
        }
    }

    // ---------------------------------------------------------------- internals

    private Token requireToken(String token) {
        Objects.requireNonNull(token, "token");
        Token found = tokens.get(token);
        if (found == null) {
            throw new IllegalArgumentException("the emulator did not issue this token");
        }
        return found;
    }

    private Session requireSession(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        Session session = sessions.get(sessionId);
        if (session == null) {
            throw new IllegalArgumentException("no such session: " + sessionId);
        }
        return session;
    }

    private static final class User {
        final String id;
        int available;
        int frozen;

        User(String id, int available) {
            this.id = id;
            this.available = available;
        }
    }

    private static final class Token {
        final User user;
        final Instant expiresAt;
        boolean revoked;
        boolean forcedExpired;

        Token(User user, Instant expiresAt) {
            this.user = user;
            this.expiresAt = expiresAt;
        }
    }

    private static final class Session {
        final String taskId;
        final String ownerId;
        JsonNode draft;
        /** The prompt whose question waits for its answer, or null. */
        String pendingQuestion;
        ArrayNode videoInfos = JsonNodeFactory.instance.arrayNode();

        Session(String taskId, String ownerId, JsonNode draft) {
            this.taskId = taskId;
            this.ownerId = ownerId;
            this.draft = draft;
        }
    }

    /** What an anonymous-token call hands out. */
    static final class TokenGrant {
        final String token;
        final String userId;
        final Instant expiresAt;
        final int credits;

        TokenGrant(String token, String userId, Instant expiresAt, int credits) {
            this.token = token;
            this.userId = userId;
            this.expiresAt = expiresAt;
            this.credits = credits;
        }
    }

    /** Identifiers of a new session. */
    static final class SessionInfo {
        final String taskId;
        final String sessionId;

        SessionInfo(String taskId, String sessionId) {
            this.taskId = taskId;
            this.sessionId = sessionId;
        }
    }

    /** A user's credit balance. */
    static final class Credits {
        final int available;
        final int frozen;

        Credits(int available, int frozen) {
            this.available = available;
            this.frozen = frozen;
        }
    }
}
