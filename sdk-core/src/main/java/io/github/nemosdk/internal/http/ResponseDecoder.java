package io.github.nemosdk.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.nemosdk.errors.ErrorCode;
import io.github.nemosdk.errors.ExportBlockedException;
import io.github.nemosdk.errors.FileTooLargeException;
import io.github.nemosdk.errors.InsufficientCreditsException;
import io.github.nemosdk.errors.MissingClientIdException;
import io.github.nemosdk.errors.NemoApiException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.errors.RateLimitedException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.errors.SessionNotFoundException;
import io.github.nemosdk.errors.TokenExpiredException;
import io.github.nemosdk.errors.UnsupportedFileTypeException;
import io.github.nemosdk.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an HTTP response into the payload or a typed exception. Understands the gateway envelope
 * ({@code code / message / data}), the render envelope ({@code success / data / error}), bare JSON, and non-JSON
 * bodies (HTML error pages, plain text, empty).
 */
public final class ResponseDecoder {
    private final Clock clock;
    private final Secrets secrets;

    /**
     * Creates a decoder.
     *
     * @param clock   the clock used to turn an HTTP-date {@code Retry-After} into a delay
     * @param secrets the tokens the client sent, masked in everything taken from a response
     */
    public ResponseDecoder(Clock clock, Secrets secrets) {
        this.clock = clock;
        this.secrets = secrets;
    }

    /**
     * The response's request id ({@code X-Request-Id}, else {@code Request-Id}), cleaned of tokens: it ends up in
     * messages, logs and {@code requestId()}.
     *
     * @param headers the response headers
     * @return the id, or null
     */
    String requestId(HttpHeaders headers) {
        return secrets.scrub(headers.firstValue("x-request-id").or(() -> headers.firstValue("request-id"))
                .orElse(null));
    }

    /**
     * Wraps an open event stream.
     *
     * @param response the response whose body is the stream
     * @return the decoded value
     */
    public Decoded stream(java.net.http.HttpResponse<java.io.InputStream> response) {
        return new Decoded(MissingNode.getInstance(), MissingNode.getInstance(), requestId(response.headers()),
                response);
    }

    /**
     * Stands for a body already read within the attempt.
     *
     * @param response the response
     * @return the decoded value, with no payload
     */
    public Decoded read(java.net.http.HttpResponse<?> response) {
        return read(response.headers());
    }

    /**
     * A response whose body a sink read: no payload, the request id.
     *
     * @param headers the response headers
     * @return the decoded response
     */
    public Decoded read(java.net.http.HttpHeaders headers) {
        return new Decoded(MissingNode.getInstance(), MissingNode.getInstance(), requestId(headers));
    }

    /**
     * Decodes a response.
     *
     * @param status  the HTTP status
     * @param headers the response headers
     * @param body    the body bytes (possibly truncated for error responses)
     * @param sessionId the session the call was about, or null
     * @return the payload of a successful response
     * @throws NemoApiException      for an error response
     * @throws NemoProtocolException for a successful status with a body that cannot be understood
     */
    public Decoded decode(int status, HttpHeaders headers, byte[] body, String sessionId) {
        String requestId = requestId(headers);
        int start = contentStart(body);
        boolean ok = status >= 200 && status < 300;
        JsonNode root = null;
        if (start < body.length && (body[start] == '{' || body[start] == '[')) {
            try {
                // parsed from the bytes: a JSON body, the common case, is never copied into a String
                root = Json.read(body, start, body.length - start);
            } catch (IOException e) {
                if (ok) {
                    // no cause: Jackson's message quotes the offending body text unscrubbed (a token, say)
                    throw new NemoProtocolException("The Nemo API answered HTTP " + status + " with a body that is"
                            + " not valid JSON (" + secrets.serverMessage(e instanceof com.fasterxml.jackson.core.JsonProcessingException
                            ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage() : "I/O") + "). Check"
                            + " that the base URL points at the Nemo API." + rid(requestId), null);
                }
            }
        }
        if (root == null) {
            String trimmed = new String(body, start, body.length - start, StandardCharsets.UTF_8).trim();
            if (ok) {
                if (trimmed.isEmpty()) {
                    return new Decoded(MissingNode.getInstance(), MissingNode.getInstance(), requestId);
                }
                throw new NemoProtocolException("The Nemo API answered HTTP " + status + " with a "
                        + describeContentType(headers) + " body instead of JSON. A proxy may be answering in place of"
                        + " the API; check the base URL." + rid(requestId), null);
            }
            throw error(status, null, plainMessage(trimmed, headers), requestId, headers, sessionId);
        }
        if (requestId == null) {
            // the body is outside text: its request id ends up in exception messages, so mask tokens in it
            requestId = secrets.scrub(firstText(root, "request_id", "requestId", "trace_id"));
        }
        JsonNode codeNode = root.get("code");
        if (codeNode != null && (codeNode.isNumber() || isNumericText(codeNode))) {
            int code = codeNode.isNumber() ? codeNode.asInt() : Integer.parseInt(codeNode.asText().trim());
            if (code == 0 && ok) {
                return new Decoded(root, orMissing(root.get("data")), requestId);
            }
            String msg = secrets.serverMessage(firstText(root, "message", "msg", "error"));
            throw error(status, code == 0 ? null : code, msg, requestId, headers, sessionId);
        }
        JsonNode success = root.get("success");
        if (success != null && success.isBoolean()) {
            if (success.booleanValue() && ok) {
                JsonNode data = root.get("data");
                return new Decoded(root, data == null || data.isNull() ? root : data, requestId);
            }
            // report the status the server sent: an error inside a 200 must not pose as an HTTP 500
            throw error(status, null, secrets.serverMessage(errorText(root)), requestId, headers, sessionId);
        }
        if (ok) {
            JsonNode data = root.get("data");
            return new Decoded(root, data != null && data.isObject() ? data : root, requestId);
        }
        throw error(status, null, secrets.serverMessage(errorText(root)), requestId, headers, sessionId);
    }

    /** Where the body's content starts: after leading white space and a UTF-8 byte-order mark. */
    private static int contentStart(byte[] body) {
        int i = skipSpace(body, 0);
        if (i + 2 < body.length && (body[i] & 0xFF) == 0xEF && (body[i + 1] & 0xFF) == 0xBB
                && (body[i + 2] & 0xFF) == 0xBF) {
            i = skipSpace(body, i + 3);
        }
        return i;
    }

    private static int skipSpace(byte[] body, int i) {
        while (i < body.length && (body[i] & 0xFF) <= ' ') {
            i++;
        }
        return i;
    }

    static String rid(String requestId) {
        return requestId == null ? "" : " [request id " + requestId + "]";
    }

    private static JsonNode orMissing(JsonNode n) {
        return n == null || n.isNull() ? MissingNode.getInstance() : n;
    }

    private static boolean isNumericText(JsonNode n) {
        return n.isTextual() && n.asText().trim().matches("-?\\d{1,9}");
    }

    private static String firstText(JsonNode n, String... fields) {
        for (String f : fields) {
            String s = Json.text(n, f);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static String errorText(JsonNode root) {
        JsonNode e = root.get("error");
        if (e != null && e.isObject()) {
            return firstText(e, "message", "detail", "code");
        }
        return firstText(root, "error", "message", "detail", "msg");
    }

    private String describeContentType(HttpHeaders headers) {
        // split with limit -1: ";".split(";") is an empty array
        return headers.firstValue("content-type").map(c -> secrets.serverMessage(c.split(";", -1)[0].trim()))
                .filter(c -> c != null && !c.isEmpty()).orElse("non-JSON");
    }

    private String plainMessage(String body, HttpHeaders headers) {
        if (body.isEmpty()) {
            return null;
        }
        String s = body;
        String ct = headers.firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (ct.contains("html") || s.startsWith("<")) {
            java.util.regex.Matcher title = java.util.regex.Pattern
                    .compile("(?is)<title[^>]*>(.*?)</title>").matcher(s);
            java.util.regex.Matcher h1 = java.util.regex.Pattern.compile("(?is)<h1[^>]*>(.*?)</h1>").matcher(s);
            if (h1.find()) {
                s = h1.group(1);
            } else if (title.find()) {
                s = title.group(1);
            }
            s = s.replaceAll("(?s)<[^>]*>", " ");
        }
        return secrets.serverMessage(s);
    }

    private NemoApiException error(int status, Integer code, String message, String requestId, HttpHeaders headers,
            String sessionId) {
        int effective = code != null ? code : status;
        ErrorCode ec = ErrorCode.of(effective);
        if (ec == ErrorCode.UNKNOWN && code != null) {
            ec = ErrorCode.of(status);
        }
        switch (ec) {
            case TOKEN_EXPIRED:
            case AUTH_FAILURE_1010:
            case AUTH_FAILURE_1011:
            case UNAUTHORIZED:
                // the auth layer words it otherwise for a token source that renews its tokens
                return new TokenExpiredException("The token was set with token(...) or NEMO_TOKEN and cannot be"
                        + " refreshed: provide a fresh one, or unset both so the SDK acquires and renews an anonymous"
                        + " token.", status, code, message, requestId);
            case SESSION_NOT_FOUND:
                return new SessionNotFoundException(sessionId, status, code, message, requestId);
            case INSUFFICIENT_CREDITS:
                return new InsufficientCreditsException(null, status, code, message, requestId);
            case UNSUPPORTED_FILE_TYPE:
                return new UnsupportedFileTypeException(status, code, message, requestId);
            case FILE_TOO_LARGE:
                return new FileTooLargeException(status, code, message, requestId);
            case MISSING_CLIENT_ID:
                if (code != null) { // a bare 400 is a missing client id only on the token endpoint (ClientIdLayer)
                    return new MissingClientIdException(status, code, message, requestId);
                }
                break;
            case EXPORT_BLOCKED:
                return new ExportBlockedException(null, status, code, message, requestId);
            case RATE_LIMITED:
                return new RateLimitedException(retryAfter(headers).orElse(null), status, code, message, requestId);
            default:
                break;
        }
        if (status >= 500 && status < 600) {
            return new ServerErrorException(status, code, message, requestId);
        }
        return new NemoApiException("The Nemo API refused the request. Check the arguments; if it persists, report"
                + " the request id.", status, code, message, requestId);
    }

    /**
     * Reads {@code Retry-After} as seconds or as an HTTP date.
     *
     * @param headers the response headers
     * @return the delay, if the header is present and valid
     */
    public Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> v = headers.firstValue("retry-after");
        if (!v.isPresent()) {
            return Optional.empty();
        }
        String s = v.get().trim();
        if (s.matches("\\d{1,10}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(s)));
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), when.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The registration link for an anonymous user.
     *
     * @param webUrl the web app's base URL
     * @param userId the anonymous user id, or null when the token response did not name it
     * @return {@code <web>/register?bind=<userId>}, or {@code <web>/register} without a user id
     */
    public static URI registrationLink(URI webUrl, String userId) {
        String base = webUrl.toString().replaceAll("/+$", "") + "/register";
        return URI.create(userId == null ? base
                : base + "?bind=" + java.net.URLEncoder.encode(userId, StandardCharsets.UTF_8));
    }
}
