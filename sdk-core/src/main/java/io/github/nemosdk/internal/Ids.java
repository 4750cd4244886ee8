package io.github.nemosdk.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/** Validates ids before they become part of a URL path. */
public final class Ids {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");

    private Ids() {
    }

    /**
     * Checks a session id.
     *
     * @param sessionId the id
     * @return the id, unchanged
     * @throws IllegalArgumentException if it is blank or contains characters that cannot be in a session id
     */
    public static String sessionId(String sessionId) {
        return check("session id", sessionId, "Use the sessionId() of a Session from client.sessions().create().");
    }

    /**
     * Checks an id used as a path segment.
     *
     * @param what   what the id is, for the message
     * @param id     the id
     * @param advice where valid ids come from
     * @return the id, unchanged
     * @throws IllegalArgumentException if it is not 1 to 128 letters, digits, '_' or '-'
     */
    public static String check(String what, String id, String advice) {
        Objects.requireNonNull(id, () -> what + " must not be null");
        if (!SAFE_ID.matcher(id).matches()) {
            String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
            throw new IllegalArgumentException("Invalid " + what + " '" + shown.replaceAll("\\p{Cntrl}", "?")
                    + "': expected 1 to 128 letters, digits, '_' or '-'. " + advice);
        }
        return id;
    }
}
