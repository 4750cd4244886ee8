package io.github.nemosdk.errors;

/**
 * An upload was refused by the SDK before anything was sent: the file is missing or unreadable, its format is not
 * accepted, its content does not match its extension, it is empty or larger than the product's limit, or a URL is
 * not http(s). The message names the file and the rule.
 */
public class InvalidUploadException extends NemoException {
    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    public enum Reason {
        /** The file does not exist. */
        NOT_FOUND,
        /** The file cannot be read, or is not a regular file. */
        NOT_READABLE,
        /** The extension is not one the API accepts. */
        UNSUPPORTED_FORMAT,
        /** The first bytes do not match the format the extension claims. */
        CONTENT_MISMATCH,
        /** The file is empty. */
        EMPTY,
        /** The file is larger than the product's limit. */
        TOO_LARGE,
        /** A URL is not an absolute http(s) URL. */
        BAD_URL
    }

    /** Which check failed. */
    private final Reason reason;
    /** The file name or URL concerned. */
    private final String subject;

    /**
     * Creates the exception.
     *
     * @param reason  which check failed
     * @param subject the file name or URL
     * @param message what is wrong and what to do
     */
    public InvalidUploadException(Reason reason, String subject, String message) {
        super(message);
        this.reason = reason;
        this.subject = subject;
    }

    /**
     * Which check failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The file name or URL concerned.
     *
     * @return the subject
     */
    public String subject() {
        return subject;
    }
}
