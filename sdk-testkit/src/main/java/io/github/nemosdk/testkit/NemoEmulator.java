package io.github.nemosdk.testkit;

import io.github.nemosdk.testkit.internal.EmulatorConfig;
import io.github.nemosdk.testkit.internal.EmulatorServer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A stateful, in-process emulator of the Nemo video API, served over HTTP on 127.0.0.1 (or the
 * {@linkplain Builder#host(String) host} configured).
 *
 * <p>It implements anonymous tokens ({@code POST /api/auth/anonymous-token}), session creation
 * ({@code POST /api/tasks/me/with-session/nemo_agent}), credits
 * ({@code GET /api/credits/balance/simple}), session state
 * ({@code GET /api/state/nemo_agent/me/<sid>/latest}), chat ({@code POST /run_sse}, a
 * Server-Sent Events stream whose prompts become real edits of the session's draft, see
 * {@link Builder#chatStyle(ChatStyle)}), uploads
 * ({@code POST /api/upload-video/nemo_agent/me/<sid>}, files kept for an emulated CDN and added to
 * the draft) and exports ({@code /api/render/proxy/lambda…}, jobs that complete with a real,
 * playable MP4 from {@link SampleMedia}), see {@link Builder} for the details, with the real
 * service's envelopes and error codes; every response carries {@code X-Request-Id}. Point the code
 * under test at {@link #baseUrl()}:
 *
 * <pre>{@code
 * try (NemoEmulator emu = NemoEmulator.start()) {
 *     emu.inject(Endpoint.CREDITS, Fault.rateLimited(Duration.ofSeconds(2)), 1);
 *     // ... run the client against emu.baseUrl() ...
 *     assertThat(emu.requestCount(Endpoint.CREDITS)).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>In JUnit 5 tests, {@link NemoEmulatorExtension} (or {@link NemoTest @NemoTest}) starts one per
 * test class, {@linkplain #reset() resets} it before each test and injects it, and a ready
 * {@code NemoClient}, into test methods. {@link EmulatorMain} runs one as a standalone server.
 *
 * <p>Starting an emulator sets the JDK system property {@code sun.net.httpserver.nodelay} to
 * {@code true} unless it is already set, so that the JDK HTTP server answers without the ~40 ms
 * delay Nagle's algorithm otherwise adds to every response; it changes only latency.
 *
 * <p>All methods are thread-safe. The server runs on daemon threads named {@code nemo-emulator-*},
 * which {@link #close()} stops. Inspection methods ({@link #requests()}, {@link #draft} ...) keep
 * working after {@code close()}.
 */
public final class NemoEmulator implements AutoCloseable {

    private final EmulatorServer server;
    private final URI baseUrl;

    private NemoEmulator(EmulatorServer server) {
        this.server = server;
        this.baseUrl = URI.create(server.baseUrl());
    }

    /**
     * Starts an emulator with default settings on a free loopback port.
     *
     * @return the running emulator
     * @throws UncheckedIOException if the server cannot be started
     */
    public static NemoEmulator start() {
        return builder().start();
    }

    /**
     * A builder for an emulator with non-default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base URL to configure clients with, {@code http://127.0.0.1:<port>} (no trailing slash); with
     * another {@linkplain Builder#host(String) host}, that host ({@code 127.0.0.1} when listening on
     * every interface).
     *
     * @return the base URL
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Makes the next {@code times} requests to {@code endpoint} fail with {@code fault}; later
     * requests are served normally again. Faults apply before authentication and are counted and
     * recorded like other requests. Faults injected for the same endpoint queue up: each takes
     * effect once the earlier ones are used up. The chat stream faults
     * ({@link Fault#chatErrorFrame}, {@link Fault#chatDisconnect}, {@link Fault#chatStall}) are the
     * exception: they disturb the stream of a chat turn once the request has been accepted.
     *
     * @param endpoint the endpoint to disturb
     * @param fault    the failure to answer with
     * @param times    how many requests fail, at least 1
     * @throws IllegalArgumentException if {@code times} is less than 1, or {@code fault} is a chat
     *                                  stream fault and {@code endpoint} is not {@link Endpoint#CHAT}
     */
    public void inject(Endpoint endpoint, Fault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        server.faults().inject(endpoint, fault.spec(), times);
    }

    /** Drops every pending fault on every endpoint. */
    public void clearFaults() {
        server.faults().clear();
    }

    /**
     * Returns the emulator to the state it had right after {@link Builder#start()}, without
     * restarting it: the port, the base URL and every builder setting stay; pending faults, recorded
     * requests and counts, users, tokens (issued before: rejected from now on with HTTP 401, code
     * 1001), credits, sessions (their ids stay unknown: code 1002), drafts, uploaded files, render jobs
     * (their ids may be used again) and {@link #tokensIssued()} are gone; the number of failing renders
     * goes back to {@link Builder#failNextRenders(int)} and the silent-turn sequence starts over, so a
     * test sees the same chat behaviour whatever ran before it. {@link NemoEmulatorExtension} calls it
     * before every test.
     *
     * <p>Call it when no request is in flight: a request served while it runs may see the old or the
     * new state. Does nothing useful after {@link #close()}, but is harmless.
     */
    public void reset() {
        server.reset();
    }

    /**
     * The clock the emulator reads for token expiry and render progress: the builder's, or the clock the JUnit
     * extension shares with its clients (the system clock plus the time their waits "slept").
     *
     * @return the clock
     */
    public java.time.Clock clock() {
        return server.state().clock();
    }

    /**
     * How many requests {@code endpoint} has received, faulted ones included.
     *
     * @param endpoint the endpoint
     * @return the count since start
     */
    public int requestCount(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return server.log().count(endpoint);
    }

    /**
     * Every request received since start, including faulted and unroutable ones, in arrival order.
     *
     * @return an unmodifiable snapshot
     */
    public List<RecordedRequest> requests() {
        return server.log().snapshot();
    }

    /**
     * How many anonymous tokens the emulator has handed out since start.
     *
     * @return the count
     */
    public int tokensIssued() {
        return server.state().tokensIssued();
    }

    /**
     * Invalidates every token issued so far: later calls with them get HTTP 401, code 1001.
     * Tokens issued afterwards are valid.
     */
    public void expireAllTokens() {
        server.state().expireAllTokens();
    }

    /**
     * Invalidates one token: later calls with it get HTTP 401, code 1001.
     *
     * @param token a token this emulator issued
     * @throws IllegalArgumentException if this emulator did not issue {@code token}
     */
    public void revokeToken(String token) {
        server.state().revokeToken(token);
    }

    /**
     * Deletes a session: later calls on it get code 1002 (session not found).
     *
     * @param sessionId the session's id
     * @throws IllegalArgumentException if there is no such session or it was already deleted
     */
    public void deleteSession(String sessionId) {
        server.state().deleteSession(sessionId);
    }

    /**
     * Replaces a session's {@code state.draft}. The JSON is stored as a tree and served back
     * unchanged apart from whitespace: unknown keys, key order and number precision are kept.
     *
     * @param sessionId the session's id
     * @param draftJson the new draft, usually an object such as {@code {"t":[...]}}
     * @throws IllegalArgumentException if there is no such session or {@code draftJson} is not JSON
     */
    public void setDraft(String sessionId, String draftJson) {
        server.state().setDraft(sessionId, draftJson);
    }

    /**
     * A session's current draft as compact JSON; a new session's draft is {@code {"t":[]}}.
     *
     * @param sessionId the session's id
     * @return the draft
     * @throws IllegalArgumentException if there is no such session
     */
    public String draft(String sessionId) {
        return server.state().draft(sessionId);
    }

    /**
     * The session a claim token opens, for checking a project link
     * ({@code <web>/workspace/claim?ct=<claim token>}) made by the code under test.
     *
     * @param claimToken a claim token from {@code POST /api/auth/claim-token}
     * @return the session id, or empty if this emulator did not issue the claim token
     */
    public java.util.Optional<String> claimedSession(String claimToken) {
        Objects.requireNonNull(claimToken, "claimToken");
        return server.state().claimedSession(claimToken);
    }

    /**
     * Sets the credit balance of the user who owns {@code token} (valid or not). The user's other
     * tokens, and later anonymous tokens for the same client id, see the same balance.
     *
     * @param token     a token this emulator issued
     * @param available credits available, not negative
     * @param frozen    credits reserved by running work, not negative
     * @throws IllegalArgumentException if the token is unknown or a value is negative
     */
    public void setCredits(String token, int available, int frozen) {
        server.state().setCredits(token, available, frozen);
    }

    /**
     * Makes the next {@code n} exports started ({@code POST /api/render/proxy/lambda}) fail: they
     * progress normally for half the {@linkplain Builder#renderDuration(Duration) render duration},
     * then end with status {@code failed}, progress 50 and an {@code error} text. Replaces any count
     * still pending (from the builder or an earlier call); {@code 0} stops failing renders.
     *
     * @param n how many of the next renders fail, not negative
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void failNextRenders(int n) {
        server.failNextRenders(n);
    }

    /**
     * Stops the server, cutting open connections (chat streams in flight included: their clients
     * see a broken stream, and edits not yet applied are dropped), and its threads. Idempotent.
     * Recorded requests and state stay readable.
     */
    @Override
    public void close() {
        server.close();
    }

    /** The base URL, for diagnostics. */
    @Override
    public String toString() {
        return "NemoEmulator[" + baseUrl + "]";
    }

    /**
     * Settings for a {@link NemoEmulator}. Defaults: 127.0.0.1 on a free port, the system UTC clock, tokens
     * valid for 7 days, 100 initial credits, 10 anonymous tokens per client id; chat turns with
     * {@link ChatStyle#TYPED typed frames}, 5 credits per edit, a heartbeat every 50 ms for 200 ms,
     * 30% silent edits from a fixed seed, no trailing noise, {@code new_message.role} required, questions
     * asked; uploads up to 500 MB per file (200 MB for Music Maker); exports taking 300 ms, the newest
     * (top-level) status shape, anonymous exports allowed, no duplicate-id mode, no failing renders.
     *
     * <p><b>Chat turns</b> ({@code POST /run_sse}). The request must carry {@code new_message} with
     * {@code "role":"user"} (else HTTP 400 {@code {"detail": …}}, see {@link #requireMessageRole(boolean)});
     * {@code "streaming": true} asks the {@link ChatStyle#ADK} style for partial events. The prompt is read with
     * simple case-insensitive rules, several of which may apply: add music
     * ("add lo-fi music at 35%": an audio track, {@code tt} 1, as long as the video track or 10 s,
     * with {@code m.name} and {@code m.volume}), "fade out" / "fade in" ({@code m.fadeOut} /
     * {@code m.fadeIn} 2000 on every audio segment), a title ({@code title "Urban Dreams"}: a text
     * track, {@code tt} 7, 3 s, {@code m.text}), a volume change ("volume to 20%") and removing
     * music ("remove the music"). A prompt asking to choose ("add music, let me choose the style") gets a
     * question turn instead ({@link #askQuestions(boolean)}), answered by the next message. Anything else gets
     * a text-only reply and costs nothing. An edit
     * costs {@link #creditsPerEdit(int)} credits, moved from {@code available} to {@code frozen}
     * when the turn starts and taken out of {@code frozen} when the edit is applied (given back if
     * it never is); with too few credits the request is answered code 2001 and nothing changes.
     * The stream sends heartbeats every {@link #heartbeatInterval(Duration)} for
     * {@link #turnDuration(Duration)}, then the tool frames (the edit is applied between the calls
     * and their results), then the reply, and closes. In the ADK style a silent edit ends with a
     * content-less event or with {@code errorCode: "STOP"} and no message, turn by turn in alternation.
     *
     * <p><b>Uploads</b> ({@code POST /api/upload-video/nemo_agent/me/<sid>}, authenticated, the
     * session must be the caller's, else code 1002). Either {@code multipart/form-data} with one part
     * named {@code files} per file (other parts are ignored; none at all is a 400), read as a stream
     * so any size works; or a JSON body {@code {"urls":["https://…"],"source_type":"url"}}, which the
     * emulator does not fetch (only http(s) URLs, else 400; name and kind come from the URL path).
     * Formats are recognised by extension, case-insensitively: video mp4, mov, avi, webm, mkv; image
     * jpg, png, gif, webp; audio mp3, wav, m4a, aac; anything else is answered HTTP 200, code 4001.
     * A file larger than the {@linkplain #uploadLimits(long, long) limit} for the request's
     * {@code X-Skill-Source} gets code 4002. A request with any bad file changes nothing. Each file is
     * answered with {@code filename}, {@code file_type}, {@code cdn_url} (served by the emulator
     * without authentication at {@code /cdn/<id>/<name>} with the format's {@code Content-Type}; a
     * URL upload's answers 302 to the source), {@code duration} in seconds (for mp4/mov/m4a read from
     * the {@code mvhd} box, else 10; 3 for images), {@code width}/{@code height} (mp4/mov: from the
     * first video track's {@code tkhd}; other video and images 1920x1080; audio null), {@code fps}
     * (30 for video, else null) and {@code hash} (SHA-256 of the bytes, hex; of the URL text for a
     * URL upload). Videos and images are appended to the draft's first video track ({@code tt} 0,
     * created if missing) as segments {@code {"d":<ms>,"m":{"name","width","height","url"}}} (images
     * 3000 ms), audio to its first audio track ({@code tt} 1) as {@code {"d":<ms>,"m":{"name"}}}, and
     * each video's entry to {@code state.video_infos}. Uploads cost no credits.
     *
     * <p><b>Exports</b>. {@code POST /api/render/proxy/lambda} with
     * {@code {"id","sessionId","draft","output"}} checks the token, then the three
     * {@code X-Skill-Source}/{@code -Version}/{@code -Platform} headers (missing: HTTP 402, code 402),
     * whether anonymous users may export ({@link #anonymousExport(boolean)}; else HTTP 402), the body (render
     * envelope 400, also for a draft without any track with segments), the session (1002) and the id (HTTP 409
     * {@code {"success":false,"error":"render id already used"}}), then starts a job:
     * {@code {"success":true,"data":{"id","status":"pending","progress":0}}}. Exports are
     * free. The job is {@code pending}, then {@code processing} with rising progress, and
     * {@code completed} after the {@linkplain #renderDuration(Duration) render duration}, measured
     * with the {@linkplain #clock(Clock) clock}. {@code GET /api/render/proxy/lambda/<id>} answers in the
     * {@linkplain #renderStatusShape(RenderStatusShape) configured shape}, by default at top level:
     * {@code taskId}, {@code status}, {@code progress}, {@code createdAt}, {@code completedAt} (when
     * finished), {@code error} (when failed) and, when completed, {@code output.url}, {@code output.duration}
     * (seconds) and {@code output.size} (bytes); unknown ids (or another user's) get 404.
     * {@code POST …/<id>/cancel} cancels a running job (a finished one: 409). The
     * download URL {@code /renders/<id>.mp4} (no authentication) and the authenticated fallback
     * {@code GET /api/render/proxy/<id>/download} serve {@link SampleMedia#verticalMp4()} when the
     * output is taller than wide ({@code output.width}/{@code height} if given, else the first video
     * segment's {@code m.width}/{@code height}), else {@link SampleMedia#horizontalMp4()}; before
     * completion they answer 404.
     *
     * <p><b>Project links</b>. {@code POST /api/auth/claim-token} with {@code {"task_id","session_id"}} of
     * the caller's session answers {@code claim_token} ({@code clm_…}) and {@code expires_in} (604800);
     * {@link NemoEmulator#claimedSession(String)} tells which session a claim token opens.
     */
    public static final class Builder {

        private String host = EmulatorConfig.DEFAULT_HOST;
        private int port;
        private Clock clock = Clock.systemUTC();
        private Duration tokenTtl = Duration.ofDays(7);
        private int initialCredits = 100;
        private int tokenLimitPerClient = 10;
        private ChatStyle chatStyle = ChatStyle.TYPED;
        private int creditsPerEdit = 5;
        private Duration heartbeatInterval = Duration.ofMillis(50);
        private Duration turnDuration = Duration.ofMillis(200);
        private double silentRatio = 0.3;
        private long seed = 42L;
        private boolean trailingNoise;
        private long uploadLimit = EmulatorConfig.Media.DEFAULT_UPLOAD_LIMIT;
        private long musicMakerUploadLimit = EmulatorConfig.Media.DEFAULT_MUSIC_MAKER_LIMIT;
        private Duration renderDuration = Duration.ofMillis(300);
        private RenderStatusShape renderStatusShape = RenderStatusShape.TOP_LEVEL;
        private boolean duplicateRenderIds;
        private int failNextRenders;
        private boolean requireMessageRole = true;
        private boolean askQuestions = true;
        private boolean anonymousExport = true;

        private Builder() {
        }

        /**
         * The address to listen on (default {@code 127.0.0.1}, reachable from this machine only). Use
         * {@code 0.0.0.0} to serve every interface, for example inside a container; the emulator has
         * no TLS and accepts anyone's requests, so do that only on a network you trust. The
         * {@linkplain NemoEmulator#baseUrl() base URL} and the URLs the emulator hands out use this
         * host, or {@code 127.0.0.1} for {@code 0.0.0.0} and {@code ::}. (The SDK refuses plain
         * {@code http} to a host that is not loopback unless {@code allowInsecureHttp(true)}.)
         *
         * @param host an IP address (IPv6 with or without brackets) or a host name, resolved at {@link #start()}
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The TCP port to listen on (on 127.0.0.1 unless {@link #host(String)} says otherwise).
         *
         * @param port 1..65535, or 0 (the default) for a free port
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The clock used to stamp and check token expiry and to time exports; inject a controllable
         * clock to test expiry and render progress without waiting.
         *
         * @param clock the time source
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long anonymous tokens stay valid after issue.
         *
         * @param tokenTtl a positive duration
         * @return this builder
         */
        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = Objects.requireNonNull(tokenTtl, "tokenTtl");
            return this;
        }

        /**
         * Available credits of each new anonymous user.
         *
         * @param initialCredits not negative
         * @return this builder
         */
        public Builder initialCredits(int initialCredits) {
            this.initialCredits = initialCredits;
            return this;
        }

        /**
         * How many anonymous tokens one client id may obtain over the emulator's life; beyond it
         * the endpoint answers HTTP 429 with {@code Retry-After: 3600}.
         *
         * @param tokenLimitPerClient not negative
         * @return this builder
         */
        public Builder tokenLimitPerClient(int tokenLimitPerClient) {
            this.tokenLimitPerClient = tokenLimitPerClient;
            return this;
        }

        /**
         * The payload shape of chat streams.
         *
         * @param chatStyle {@link ChatStyle#TYPED} (the default), {@link ChatStyle#ADK} (as a Java ADK server
         *                  writes it) or {@link ChatStyle#ADK_LEGACY}
         * @return this builder
         */
        public Builder chatStyle(ChatStyle chatStyle) {
            this.chatStyle = Objects.requireNonNull(chatStyle, "chatStyle");
            return this;
        }

        /**
         * Credits one editing chat turn costs (default 5); text-only turns are free.
         *
         * @param creditsPerEdit not negative
         * @return this builder
         */
        public Builder creditsPerEdit(int creditsPerEdit) {
            this.creditsPerEdit = creditsPerEdit;
            return this;
        }

        /**
         * Time between keep-alives of a chat stream (default 50 ms).
         *
         * @param heartbeatInterval a positive duration
         * @return this builder
         */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
            return this;
        }

        /**
         * How long a chat turn "works", sending only keep-alives, before its tool frames and reply
         * (default 200 ms). At least one keep-alive is sent, even for zero.
         *
         * @param turnDuration not negative
         * @return this builder
         */
        public Builder turnDuration(Duration turnDuration) {
            this.turnDuration = Objects.requireNonNull(turnDuration, "turnDuration");
            return this;
        }

        /**
         * The share of editing chat turns that are silent: they apply the edit and send their
         * heartbeats and tool frames but no text at all (default 0.3). Which turns are silent is
         * decided from the {@link #seed(long) seed} and a per-emulator counter of accepted chat
         * turns, so it repeats exactly for the same seed and the same sequence of requests.
         *
         * @param silentRatio from 0 (never) to 1 (always)
         * @return this builder
         */
        public Builder silentRatio(double silentRatio) {
            this.silentRatio = silentRatio;
            return this;
        }

        /**
         * The seed of the silent-turn decision (default fixed, 42).
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Whether chat replies end with an extra text frame "I encountered a temporary issue. Please
         * try again." after the real reply, as the real service sometimes sends (default false).
         *
         * @param trailingNoise true to add the noise
         * @return this builder
         */
        public Builder trailingNoise(boolean trailingNoise) {
            this.trailingNoise = trailingNoise;
            return this;
        }

        /**
         * The largest file an upload accepts, per file; larger ones get code 4002. Defaults: 500 MB
         * ({@code 500 * 1024 * 1024} bytes), and 200 MB for requests with
         * {@code X-Skill-Source: music-maker}. Use small values to test the limit cheaply.
         *
         * @param defaultBytes    the limit for every product but Music Maker, not negative
         * @param musicMakerBytes the limit for {@code X-Skill-Source: music-maker}, not negative
         * @return this builder
         */
        public Builder uploadLimits(long defaultBytes, long musicMakerBytes) {
            this.uploadLimit = defaultBytes;
            this.musicMakerUploadLimit = musicMakerBytes;
            return this;
        }

        /**
         * How long an export takes from start to {@code completed} (default 300 ms), measured with
         * the {@linkplain #clock(Clock) clock}: with a clock the test moves by hand, renders progress
         * only when it is moved. {@code pending} for the first tenth, then {@code processing}.
         *
         * @param renderDuration not negative; zero completes a job as soon as it is polled
         * @return this builder
         */
        public Builder renderDuration(Duration renderDuration) {
            this.renderDuration = Objects.requireNonNull(renderDuration, "renderDuration");
            return this;
        }

        /**
         * The shape of export statuses (default {@link RenderStatusShape#TOP_LEVEL}, the newest documented one;
         * the older shapes stay available so tests can cover each).
         *
         * @param renderStatusShape the shape
         * @return this builder
         */
        public Builder renderStatusShape(RenderStatusShape renderStatusShape) {
            this.renderStatusShape = Objects.requireNonNull(renderStatusShape, "renderStatusShape");
            return this;
        }

        /**
         * The duplicate-id mode (default off): when on, every export start is answered HTTP 409
         * {@code {"success":false,"error":"render id already used"}} whatever its id, after the other
         * checks.
         *
         * @param duplicateRenderIds true to treat every render id as already used
         * @return this builder
         */
        public Builder duplicateRenderIds(boolean duplicateRenderIds) {
            this.duplicateRenderIds = duplicateRenderIds;
            return this;
        }

        /**
         * How many of the first exports fail (default 0); see {@link NemoEmulator#failNextRenders(int)}.
         *
         * @param n not negative
         * @return this builder
         */
        public Builder failNextRenders(int n) {
            this.failNextRenders = n;
            return this;
        }

        /**
         * Whether a chat message must carry its role (default true, as the revised API says): a request whose
         * {@code new_message} lacks {@code "role":"user"} is answered HTTP 400
         * {@code {"detail":"new_message.role is required …"}} (every ADK server leaves a role-less message out of
         * what the model sees). {@code false} accepts role-less messages, as older emulators did.
         *
         * @param required whether {@code new_message.role} must be {@code "user"}
         * @return this builder
         */
        public Builder requireMessageRole(boolean required) {
            this.requireMessageRole = required;
            return this;
        }

        /**
         * Whether the assistant stops to ask (default true): a prompt that asks for music and for a choice ("let me
         * choose", "ask me", "give me options", "which style") without naming a style gets a turn that only asks,
         * through an {@code ask_question} tool call with two questions: {@code style} (one of Lo-fi, Jazz,
         * Upbeat, Cinematic, Trending) and, unless the prompt mentions fades, {@code fades} (any of Fade in, Fade
         * out; several allowed). Nothing is edited or charged. The session's next message is the answer: the
         * chosen labels ("Jazz, Fade out") complete the first prompt, whose edit is then applied.
         *
         * @param ask whether such prompts get questions
         * @return this builder
         */
        public Builder askQuestions(boolean ask) {
            this.askQuestions = ask;
            return this;
        }

        /**
         * Whether anonymous users may export (default true, so examples and tests can render). {@code false}
         * answers every export start with HTTP 402 {@code {"code":402,"message":"register at nemovideo.com to
         * unlock export"}}, as the service may for anonymous tokens, which have no {@code render} scope.
         *
         * @param allowed whether exports of anonymous users are accepted
         * @return this builder
         */
        public Builder anonymousExport(boolean allowed) {
            this.anonymousExport = allowed;
            return this;
        }

        /**
         * Starts an emulator with these settings.
         *
         * @return the running emulator
         * @throws IllegalArgumentException if a setting is out of range or the host cannot be resolved
         * @throws UncheckedIOException     if the port cannot be bound
         */
        public NemoEmulator start() {
            EmulatorConfig.Chat chat = new EmulatorConfig.Chat(chatStyle, creditsPerEdit, heartbeatInterval,
                    turnDuration, silentRatio, seed, trailingNoise, requireMessageRole, askQuestions);
            EmulatorConfig.Media media = new EmulatorConfig.Media(uploadLimit, musicMakerUploadLimit, renderDuration,
                    renderStatusShape, duplicateRenderIds, failNextRenders, anonymousExport);
            EmulatorConfig config = new EmulatorConfig(host, port, clock, tokenTtl, initialCredits,
                    tokenLimitPerClient, chat, media);
            return new NemoEmulator(EmulatorServer.start(config));
        }
    }
}
