package io.github.nemosdk.testkit.internal;

import io.github.nemosdk.testkit.ChatStyle;
import io.github.nemosdk.testkit.RenderStatusShape;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Validated, immutable settings of one emulator. */
public final class EmulatorConfig {

    /** The address the emulator listens on unless told otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final String host;
    private final InetAddress bindAddress;
    private final int port;
    private final Clock clock;
    private final Duration tokenTtl;
    private final int initialCredits;
    private final int tokenLimitPerClient;
    private final Chat chat;
    private final Media media;

    /**
     * Creates a configuration with the default chat settings ({@link Chat#defaults()}).
     *
     * @param port                TCP port on 127.0.0.1, {@code 0} for a free one
     * @param clock               time source for token issue and expiry
     * @param tokenTtl            lifetime of anonymous tokens, positive
     * @param initialCredits      available credits of a new anonymous user, not negative
     * @param tokenLimitPerClient anonymous tokens one client id may obtain, not negative
     * @throws IllegalArgumentException if a value is out of range
     */
    public EmulatorConfig(int port, Clock clock, Duration tokenTtl, int initialCredits, int tokenLimitPerClient) {
        this(port, clock, tokenTtl, initialCredits, tokenLimitPerClient, Chat.defaults());
    }

    /**
     * Creates a configuration.
     *
     * @param port                TCP port on 127.0.0.1, {@code 0} for a free one
     * @param clock               time source for token issue and expiry, and for chat event timestamps
     * @param tokenTtl            lifetime of anonymous tokens, positive
     * @param initialCredits      available credits of a new anonymous user, not negative
     * @param tokenLimitPerClient anonymous tokens one client id may obtain, not negative
     * @param chat                settings of the chat endpoint
     * @throws IllegalArgumentException if a value is out of range
     */
    public EmulatorConfig(int port, Clock clock, Duration tokenTtl, int initialCredits, int tokenLimitPerClient,
            Chat chat) {
        this(port, clock, tokenTtl, initialCredits, tokenLimitPerClient, chat, Media.defaults());
    }

    /**
     * Creates a configuration.
     *
     * @param port                TCP port on 127.0.0.1, {@code 0} for a free one
     * @param clock               time source for token issue and expiry, chat event timestamps and render progress
     * @param tokenTtl            lifetime of anonymous tokens, positive
     * @param initialCredits      available credits of a new anonymous user, not negative
     * @param tokenLimitPerClient anonymous tokens one client id may obtain, not negative
     * @param chat                settings of the chat endpoint
     * @param media               settings of the upload and render endpoints
     * @throws IllegalArgumentException if a value is out of range
     */
    public EmulatorConfig(int port, Clock clock, Duration tokenTtl, int initialCredits, int tokenLimitPerClient,
            Chat chat, Media media) {
        this(DEFAULT_HOST, port, clock, tokenTtl, initialCredits, tokenLimitPerClient, chat, media);
    }

    /**
     * Creates a configuration.
     *
     * @param host                the address or host name to listen on, such as {@code 127.0.0.1} or
     *                            {@code 0.0.0.0} (every interface); resolved now
     * @param port                TCP port, {@code 0} for a free one
     * @param clock               time source for token issue and expiry, chat event timestamps and render progress
     * @param tokenTtl            lifetime of anonymous tokens, positive
     * @param initialCredits      available credits of a new anonymous user, not negative
     * @param tokenLimitPerClient anonymous tokens one client id may obtain, not negative
     * @param chat                settings of the chat endpoint
     * @param media               settings of the upload and render endpoints
     * @throws IllegalArgumentException if a value is out of range or the host cannot be resolved
     */
    public EmulatorConfig(String host, int port, Clock clock, Duration tokenTtl, int initialCredits,
            int tokenLimitPerClient, Chat chat, Media media) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(media, "media");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(chat, "chat");
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("tokenTtl must be positive: " + tokenTtl);
        }
        if (initialCredits < 0) {
            throw new IllegalArgumentException("initialCredits must not be negative: " + initialCredits);
        }
        if (tokenLimitPerClient < 0) {
            throw new IllegalArgumentException("tokenLimitPerClient must not be negative: " + tokenLimitPerClient);
        }
        this.host = host.trim();
        this.bindAddress = resolve(this.host);
        this.port = port;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.initialCredits = initialCredits;
        this.tokenLimitPerClient = tokenLimitPerClient;
        this.chat = chat;
        this.media = media;
    }

    private static InetAddress resolve(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host " + host + ": " + e.getMessage(), e);
        }
    }

    /**
     * The address to listen on.
     *
     * @return the resolved address
     */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /**
     * The host to put in URLs (the base URL, {@code cdn_url}s, download URLs): {@code 127.0.0.1} when
     * listening on every interface ({@code 0.0.0.0} or {@code ::}), else the host as configured, an
     * IPv6 literal in brackets.
     *
     * @return the host part of the emulator's URLs
     */
    public String urlHost() {
        if (bindAddress.isAnyLocalAddress()) {
            return DEFAULT_HOST;
        }
        if (host.startsWith("[")) {
            return host;
        }
        if (bindAddress instanceof Inet6Address && host.indexOf(':') >= 0) {
            return "[" + host.replace("%", "%25") + "]";
        }
        return host;
    }

    /**
     * The requested port, {@code 0} for any free one.
     *
     * @return the requested port, {@code 0} for any free one
     */
    public int port() {
        return port;
    }

    /**
     * The time source.
     *
     * @return the time source
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Lifetime of anonymous tokens.
     *
     * @return lifetime of anonymous tokens
     */
    public Duration tokenTtl() {
        return tokenTtl;
    }

    /**
     * Credits of a new anonymous user.
     *
     * @return credits of a new anonymous user
     */
    public int initialCredits() {
        return initialCredits;
    }

    /**
     * Tokens one client id may obtain over the emulator's life.
     *
     * @return tokens one client id may obtain over the emulator's life
     */
    public int tokenLimitPerClient() {
        return tokenLimitPerClient;
    }

    /**
     * Settings of the chat endpoint.
     *
     * @return settings of the chat endpoint
     */
    public Chat chat() {
        return chat;
    }

    /**
     * Settings of the upload and render endpoints.
     *
     * @return settings of the upload and render endpoints
     */
    public Media media() {
        return media;
    }

    /** Validated, immutable settings of the chat endpoint ({@code POST /run_sse}). */
    public static final class Chat {

        private final ChatStyle style;
        private final int creditsPerEdit;
        private final Duration heartbeatInterval;
        private final Duration turnDuration;
        private final double silentRatio;
        private final long seed;
        private final boolean trailingNoise;
        private final boolean requireRole;
        private final boolean askQuestions;

        /**
         * Creates chat settings that require {@code new_message.role} and ask questions (the revised API).
         *
         * @param style             payload shape of the stream
         * @param creditsPerEdit    credits one editing turn costs, not negative
         * @param heartbeatInterval time between keep-alives, positive
         * @param turnDuration      how long keep-alives run before the turn's result, not negative
         * @param silentRatio       share of editing turns that send no text, 0 to 1
         * @param seed              seed of the per-turn silence decision
         * @param trailingNoise     whether replies end with a spurious "temporary issue" text
         * @throws IllegalArgumentException if a value is out of range
         */
        public Chat(ChatStyle style, int creditsPerEdit, Duration heartbeatInterval, Duration turnDuration,
                double silentRatio, long seed, boolean trailingNoise) {
            this(style, creditsPerEdit, heartbeatInterval, turnDuration, silentRatio, seed, trailingNoise, true,
                    true);
        }

        /**
         * Creates chat settings.
         *
         * @param style             payload shape of the stream
         * @param creditsPerEdit    credits one editing turn costs, not negative
         * @param heartbeatInterval time between keep-alives, positive
         * @param turnDuration      how long keep-alives run before the turn's result, not negative
         * @param silentRatio       share of editing turns that send no text, 0 to 1
         * @param seed              seed of the per-turn silence decision
         * @param trailingNoise     whether replies end with a spurious "temporary issue" text
         * @param requireRole       whether a {@code new_message} without {@code "role":"user"} is refused (400)
         * @param askQuestions      whether prompts asking for choices get an {@code ask_question} turn
         * @throws IllegalArgumentException if a value is out of range
         */
        public Chat(ChatStyle style, int creditsPerEdit, Duration heartbeatInterval, Duration turnDuration,
                double silentRatio, long seed, boolean trailingNoise, boolean requireRole, boolean askQuestions) {
            Objects.requireNonNull(style, "style");
            Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
            Objects.requireNonNull(turnDuration, "turnDuration");
            if (creditsPerEdit < 0) {
                throw new IllegalArgumentException("creditsPerEdit must not be negative: " + creditsPerEdit);
            }
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("heartbeatInterval must be positive: " + heartbeatInterval);
            }
            if (turnDuration.isNegative()) {
                throw new IllegalArgumentException("turnDuration must not be negative: " + turnDuration);
            }
            if (!(silentRatio >= 0.0 && silentRatio <= 1.0)) {
                throw new IllegalArgumentException("silentRatio must be in 0..1: " + silentRatio);
            }
            this.style = style;
            this.creditsPerEdit = creditsPerEdit;
            this.heartbeatInterval = heartbeatInterval;
            this.turnDuration = turnDuration;
            this.silentRatio = silentRatio;
            this.seed = seed;
            this.trailingNoise = trailingNoise;
            this.requireRole = requireRole;
            this.askQuestions = askQuestions;
        }

        /**
         * The defaults: typed frames, 5 credits per edit, a heartbeat every 50 ms for 200 ms, 30% silent
         * edits, seed {@code 42}, no trailing noise, {@code role} required, questions asked.
         *
         * @return the default chat settings
         */
        public static Chat defaults() {
            return new Chat(ChatStyle.TYPED, 5, Duration.ofMillis(50), Duration.ofMillis(200), 0.3, 42L, false);
        }

        /**
         * Whether a {@code new_message} without {@code "role":"user"} is refused.
         *
         * @return whether the role is required
         */
        public boolean requireRole() {
            return requireRole;
        }

        /**
         * Whether prompts asking for choices get an {@code ask_question} turn.
         *
         * @return whether questions are asked
         */
        public boolean askQuestions() {
            return askQuestions;
        }

        /**
         * Payload shape.
         *
         * @return payload shape
         */
        public ChatStyle style() {
            return style;
        }

        /**
         * Credits one editing turn costs.
         *
         * @return credits one editing turn costs
         */
        public int creditsPerEdit() {
            return creditsPerEdit;
        }

        /**
         * Time between keep-alives.
         *
         * @return time between keep-alives
         */
        public Duration heartbeatInterval() {
            return heartbeatInterval;
        }

        /**
         * How long keep-alives run before the turn's result.
         *
         * @return how long keep-alives run before the turn's result
         */
        public Duration turnDuration() {
            return turnDuration;
        }

        /**
         * Share of editing turns that send no text.
         *
         * @return share of editing turns that send no text
         */
        public double silentRatio() {
            return silentRatio;
        }

        /**
         * Seed of the silence decision.
         *
         * @return seed of the silence decision
         */
        public long seed() {
            return seed;
        }

        /**
         * Whether replies end with a spurious "temporary issue" text.
         *
         * @return whether replies end with a spurious "temporary issue" text
         */
        public boolean trailingNoise() {
            return trailingNoise;
        }
    }

    /** Validated, immutable settings of the upload and render (export) endpoints. */
    public static final class Media {

        /** 500 MB: the documented per-file upload limit. */
        public static final long DEFAULT_UPLOAD_LIMIT = 500L * 1024 * 1024;
        /** 200 MB: the documented per-file upload limit of the Music Maker product. */
        public static final long DEFAULT_MUSIC_MAKER_LIMIT = 200L * 1024 * 1024;

        private final long uploadLimit;
        private final long musicMakerUploadLimit;
        private final Duration renderDuration;
        private final RenderStatusShape statusShape;
        private final boolean duplicateRenderIds;
        private final int failNextRenders;
        private final boolean anonymousExport;

        /**
         * Creates upload and render settings in which anonymous users may export.
         *
         * @param uploadLimit           largest accepted file in bytes, not negative
         * @param musicMakerUploadLimit largest accepted file in bytes for {@code X-Skill-Source: music-maker},
         *                              not negative
         * @param renderDuration        time from a render's start to its end, not negative
         * @param statusShape           where a completed render's status puts the download URL
         * @param duplicateRenderIds    whether every render id counts as already used
         * @param failNextRenders       how many of the first renders fail, not negative
         * @throws IllegalArgumentException if a value is out of range
         */
        public Media(long uploadLimit, long musicMakerUploadLimit, Duration renderDuration,
                RenderStatusShape statusShape, boolean duplicateRenderIds, int failNextRenders) {
            this(uploadLimit, musicMakerUploadLimit, renderDuration, statusShape, duplicateRenderIds, failNextRenders,
                    true);
        }

        /**
         * Creates upload and render settings.
         *
         * @param uploadLimit           largest accepted file in bytes, not negative
         * @param musicMakerUploadLimit largest accepted file in bytes for {@code X-Skill-Source: music-maker},
         *                              not negative
         * @param renderDuration        time from a render's start to its end, not negative
         * @param statusShape           where a completed render's status puts the download URL
         * @param duplicateRenderIds    whether every render id counts as already used
         * @param failNextRenders       how many of the first renders fail, not negative
         * @param anonymousExport       whether anonymous users may export (else 402, "register to unlock export")
         * @throws IllegalArgumentException if a value is out of range
         */
        public Media(long uploadLimit, long musicMakerUploadLimit, Duration renderDuration,
                RenderStatusShape statusShape, boolean duplicateRenderIds, int failNextRenders,
                boolean anonymousExport) {
            Objects.requireNonNull(renderDuration, "renderDuration");
            Objects.requireNonNull(statusShape, "statusShape");
            if (uploadLimit < 0 || musicMakerUploadLimit < 0) {
                throw new IllegalArgumentException("upload limits must not be negative: " + uploadLimit + ", "
                        + musicMakerUploadLimit);
            }
            if (renderDuration.isNegative()) {
                throw new IllegalArgumentException("renderDuration must not be negative: " + renderDuration);
            }
            if (failNextRenders < 0) {
                throw new IllegalArgumentException("failNextRenders must not be negative: " + failNextRenders);
            }
            this.uploadLimit = uploadLimit;
            this.musicMakerUploadLimit = musicMakerUploadLimit;
            this.renderDuration = renderDuration;
            this.statusShape = statusShape;
            this.duplicateRenderIds = duplicateRenderIds;
            this.failNextRenders = failNextRenders;
            this.anonymousExport = anonymousExport;
        }

        /**
         * The defaults: 500 MB per file (200 MB for Music Maker), renders take 300 ms, the newest (top-level)
         * status shape, ids checked for real, no failing renders, anonymous users may export.
         *
         * @return the default settings
         */
        public static Media defaults() {
            return new Media(DEFAULT_UPLOAD_LIMIT, DEFAULT_MUSIC_MAKER_LIMIT, Duration.ofMillis(300),
                    RenderStatusShape.TOP_LEVEL, false, 0, true);
        }

        /**
         * Whether anonymous users may export.
         *
         * @return whether anonymous users may export
         */
        public boolean anonymousExport() {
            return anonymousExport;
        }

        /**
         * Largest accepted file in bytes.
         *
         * @return largest accepted file in bytes
         */
        public long uploadLimit() {
            return uploadLimit;
        }

        /**
         * Largest accepted file in bytes for the Music Maker product.
         *
         * @return largest accepted file in bytes for the Music Maker product
         */
        public long musicMakerUploadLimit() {
            return musicMakerUploadLimit;
        }

        /**
         * Time from a render's start to its end.
         *
         * @return time from a render's start to its end
         */
        public Duration renderDuration() {
            return renderDuration;
        }

        /**
         * Where a completed render's status puts the download URL.
         *
         * @return where a completed render's status puts the download URL
         */
        public RenderStatusShape statusShape() {
            return statusShape;
        }

        /**
         * Whether every render id counts as already used.
         *
         * @return whether every render id counts as already used
         */
        public boolean duplicateRenderIds() {
            return duplicateRenderIds;
        }

        /**
         * How many of the first renders fail.
         *
         * @return how many of the first renders fail
         */
        public int failNextRenders() {
            return failNextRenders;
        }
    }
}
