package io.github.nemosdk.errors;

/**
 * The error codes documented for the Nemo API, in the {@code code} field of the gateway envelope or as an HTTP
 * status. {@link #UNKNOWN} stands for any other code.
 */
public enum ErrorCode {
    /** 1001: the token is invalid or expired. */
    TOKEN_EXPIRED(1001),
    /** 1002: the session does not exist (expired, deleted, or owned by another user). */
    SESSION_NOT_FOUND(1002),
    /** 1010: an authentication failure reported by a newer gateway; handled like {@link #TOKEN_EXPIRED}. */
    AUTH_FAILURE_1010(1010),
    /** 1011: an authentication failure reported by a newer gateway; handled like {@link #TOKEN_EXPIRED}. */
    AUTH_FAILURE_1011(1011),
    /** 2001: the account has no credits left. */
    INSUFFICIENT_CREDITS(2001),
    /** 4001: the uploaded file type is not supported. */
    UNSUPPORTED_FILE_TYPE(4001),
    /** 4002: the uploaded file is larger than the limit. */
    FILE_TOO_LARGE(4002),
    /** 400: the {@code X-Client-Id} header was missing when acquiring a token. */
    MISSING_CLIENT_ID(400),
    /** 401: the request was not authenticated; handled like {@link #TOKEN_EXPIRED}. */
    UNAUTHORIZED(401),
    /** 402: export blocked by the plan, or attribution headers missing. */
    EXPORT_BLOCKED(402),
    /** 429: too many requests. */
    RATE_LIMITED(429),
    /** Any code not listed here. */
    UNKNOWN(-1);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /**
     * The numeric code as the API sends it.
     *
     * @return the code, or -1 for {@link #UNKNOWN}
     */
    public int code() {
        return code;
    }

    /**
     * Looks up a numeric code.
     *
     * @param code the code from the response body or the HTTP status
     * @return the matching constant, or {@link #UNKNOWN}
     */
    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code && c != UNKNOWN) {
                return c;
            }
        }
        return UNKNOWN;
    }

    /**
     * Whether the code means the token was rejected (1001, 1010, 1011 or HTTP 401).
     *
     * @return true for authentication failures
     */
    public boolean isAuthFailure() {
        return this == TOKEN_EXPIRED || this == AUTH_FAILURE_1010 || this == AUTH_FAILURE_1011 || this == UNAUTHORIZED;
    }
}
