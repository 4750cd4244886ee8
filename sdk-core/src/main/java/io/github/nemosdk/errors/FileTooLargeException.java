package io.github.nemosdk.errors;

/**
 * The server refused a file as too large (code 4002). Compress or trim the file; the limit is 500 MB per file
 * (200 MB for the Music Maker product).
 */
public class FileTooLargeException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param httpStatus    the HTTP status
     * @param apiCode       the body's code, or null
     * @param serverMessage the server's message, or null
     * @param requestId     the request id, or null
     */
    public FileTooLargeException(int httpStatus, Integer apiCode, String serverMessage, String requestId) {
        super("File too large: the limit is 500 MB per file (200 MB for Music Maker). Compress or trim the file.",
                httpStatus, apiCode, serverMessage, requestId);
    }
}
