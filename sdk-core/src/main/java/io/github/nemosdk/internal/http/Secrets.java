package io.github.nemosdk.internal.http;

import io.github.nemosdk.internal.Json;
/**
 * The bearer tokens one client has sent (the current one and a few before it), so that text coming back from the
 * server can be cleaned of them whatever their shape: a server that echoes the token in a header, a message, a
 * request id or an event must not get it into an exception, a log line or an event the user reads. Pattern-based
 * masking ({@link Redaction}) only knows the {@code nmv_…} shape; a token from {@code token(...)} or a
 * {@code TokenProvider} can look like anything. Tokens shorter than {@link #MIN_LENGTH} are not remembered (masking
 * every occurrence of a short string would mangle ordinary text). Thread-safe.
 */
public final class Secrets {
    /** The shortest token remembered. */
    static final int MIN_LENGTH = 8;
    private static final int KEPT = 8;
    private static final Secrets NONE = new Secrets();

    /** The most recent tokens, newest last. Replaced whole, never changed. */
    private volatile String[] recent = new String[0];

    /**
     * A registry to fill with {@link #sent(String)}.
     *
     * @return a new, empty registry
     */
    public static Secrets create() {
        return new Secrets();
    }

    /**
     * A registry that knows no token: the pattern masking alone.
     *
     * @return the shared empty registry
     */
    public static Secrets none() {
        return NONE;
    }

    private Secrets() {
    }

    /**
     * Remembers a token the client sends.
     *
     * @param token the bearer token
     */
    public synchronized void sent(String token) {
        if (this == NONE || token == null || token.length() < MIN_LENGTH) {
            return;
        }
        String[] now = recent;
        for (String t : now) {
            if (t.equals(token)) {
                return;
            }
        }
        int keep = Math.min(now.length, KEPT - 1);
        String[] next = new String[keep + 1];
        System.arraycopy(now, now.length - keep, next, 0, keep);
        next[keep] = token;
        recent = next;
    }

    /**
     * Replaces every remembered token in a text with {@code ****}; nothing else changes. For text shown as it came,
     * such as the assistant's words.
     *
     * @param text the text, may be null
     * @return the text without the tokens; the same instance when it holds none
     */
    public String maskSent(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String t : recent) {
            if (out.contains(t)) {
                out = out.replace(t, "****");
            }
        }
        return out;
    }

    /**
     * {@link #maskSent(String)} over the text of a JSON value (a tool's arguments or result): the value itself when
     * it holds no token, else a copy with every token masked (bearer tokens hold no character that JSON escapes, so
     * they appear in the serialized form as they were sent).
     *
     * @param node the value
     * @return the value without the tokens
     */
    public com.fasterxml.jackson.databind.JsonNode maskSent(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || recent.length == 0 || node.isNumber() || node.isBoolean() || !holdsSent(node)) {
            return node; // the usual case, found by walking the tree's strings, without serializing it
        }
        String json = node.toString();
        String masked = maskSent(json);
        if (masked.equals(json)) {
            return node;
        }
        try {
            return Json.mapper().readTree(masked);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf("****");
        }
    }

    /** Whether a remembered token is in a field name or a string of the value. */
    private boolean holdsSent(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isTextual()) {
            return holdsSent(node.textValue());
        }
        if (node.isObject()) {
            for (java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f : node.properties()) {
                if (holdsSent(f.getKey()) || holdsSent(f.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (com.fasterxml.jackson.databind.JsonNode n : node) {
                if (holdsSent(n)) {
                    return true;
                }
            }
            return false;
        }
        return !node.isValueNode() && node.toString().length() >= MIN_LENGTH && holdsSent(node.toString());
    }

    private boolean holdsSent(String text) {
        if (text.length() < MIN_LENGTH) {
            return false;
        }
        for (String t : recent) {
            if (text.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #maskSent} then {@link Redaction#scrub}: the remembered tokens and anything that looks like one.
     *
     * @param text the text, may be null
     * @return the cleaned text, or null
     */
    public String scrub(String text) {
        return Redaction.scrub(maskSent(text));
    }

    /**
     * {@link #maskSent} then {@link Redaction#serverMessage}: cleaned and shortened for an exception message.
     *
     * @param message the server's text, may be null
     * @return the cleaned text, or null when nothing is left
     */
    public String serverMessage(String message) {
        return Redaction.serverMessage(maskSent(message));
    }

    @Override
    public String toString() {
        return "Secrets{" + recent.length + " remembered}";
    }
}
