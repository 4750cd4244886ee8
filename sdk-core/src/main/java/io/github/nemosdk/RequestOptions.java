package io.github.nemosdk;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Options for the calls of a derived client ({@link NemoClient#withOptions(RequestOptions)}): a timeout, extra
 * headers (a gateway's tenant header, a trace id) and retry settings, each replacing the client's own for those
 * calls only. Extra headers can never replace the token or the attribution headers: {@link Builder#header} refuses
 * them. Immutable; unset options keep the client's.
 */
public final class RequestOptions {
    private static final Set<String> RESERVED = Set.of("authorization", "proxy-authorization", "x-client-id",
            "x-skill-source", "x-skill-version", "x-skill-platform", "user-agent", "accept", "content-type",
            "content-length", "host", "connection", "expect", "upgrade", "transfer-encoding", "cookie");

    private final Duration timeout;
    private final Map<String, String> headers;
    private final RetrySettings retry;

    private RequestOptions(Builder b) {
        this.timeout = b.timeout;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.retry = b.retry;
    }

    /**
     * A builder with nothing set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How long each request waits for its answer, instead of the client's {@code requestTimeout}.
     *
     * @return the timeout, if set
     */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Headers added to every request, in the order given.
     *
     * @return name to value; empty when none
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The retry settings, instead of the client's.
     *
     * @return the settings, if set
     */
    public Optional<RetrySettings> retry() {
        return Optional.ofNullable(retry);
    }

    @Override
    public String toString() {
        // header values may be credentials of a gateway: names only
        return "RequestOptions{timeout=" + timeout + ", headers=" + headers.keySet() + ", retry=" + retry + "}";
    }

    /** Whether a character may appear in a header name (an RFC 9110 token). */
    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /** Builds {@link RequestOptions}. */
    public static final class Builder {
        private Duration timeout;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private RetrySettings retry;

        private Builder() {
        }

        /**
         * How long each request waits for its answer.
         *
         * @param timeout more than zero
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be more than zero, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Adds a header to every request (a second call with the same name replaces the value).
         *
         * @param name  a header name, not one the SDK sets itself ({@code Authorization}, {@code X-Skill-*},
         *              {@code X-Client-Id}, {@code User-Agent}, {@code Content-Type}, ...)
         * @param value printable ASCII, no line breaks
         * @return this builder
         * @throws IllegalArgumentException for a reserved or malformed name, or a malformed value
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty() || !name.chars().allMatch(RequestOptions::isTokenChar)) {
                throw new IllegalArgumentException("\"" + name + "\" is not a valid header name.");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("The SDK sets " + name + " itself; extra headers cannot replace"
                        + " it. Set the token with NemoClient.Builder.token(...) or tokenProvider(...), and the"
                        + " attribution with product(...) or attribution(...).");
            }
            if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
                throw new IllegalArgumentException("The value of header " + name + " must be printable ASCII without"
                        + " line breaks.");
            }
            headers.put(name, value);
            return this;
        }

        /**
         * The retry settings for these calls.
         *
         * @param retry the settings
         * @return this builder
         */
        public Builder retry(RetrySettings retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
