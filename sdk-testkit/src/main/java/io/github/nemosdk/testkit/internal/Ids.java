package io.github.nemosdk.testkit.internal;

import java.security.SecureRandom;

/** Random identifiers in the formats the real service uses. Thread-safe. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    /** {@code nmv_usr_} followed by 32 lowercase hex digits. */
    static String token() {
        return "nmv_usr_" + hex(32);
    }

    /** {@code anon_} followed by 16 hex digits: an anonymous user. */
    static String userId() {
        return "anon_" + hex(16);
    }

    /** {@code clm_} followed by 32 hex digits: a claim token, which only opens a project in the web app. */
    static String claimToken() {
        return "clm_" + hex(32);
    }

    /** {@code task_} followed by 16 hex digits. */
    static String taskId() {
        return "task_" + hex(16);
    }

    /** {@code req_} followed by 16 hex digits. */
    static String requestId() {
        return "req_" + hex(16);
    }

    /** {@code m_} followed by 16 hex digits: an uploaded file's id in CDN URLs. */
    static String mediaId() {
        return "m_" + hex(16);
    }

    /** A 19-digit decimal string without a leading zero. */
    static String sessionId() {
        StringBuilder sb = new StringBuilder(19);
        sb.append((char) ('1' + RANDOM.nextInt(9)));
        for (int i = 1; i < 19; i++) {
            sb.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return sb.toString();
    }

    private static String hex(int digits) {
        byte[] bytes = new byte[(digits + 1) / 2];
        RANDOM.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(digits);
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        sb.setLength(digits);
        return sb.toString();
    }
}
