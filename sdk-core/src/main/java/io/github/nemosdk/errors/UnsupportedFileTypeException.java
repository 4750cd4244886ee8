package io.github.nemosdk.errors;

import java.util.List;

/**
 * The server refused a file type (code 4001). The SDK checks formats before uploading, so this mostly means the
 * file's content did not match its name.
 */
public class UnsupportedFileTypeException extends NemoApiException {
    private static final long serialVersionUID = 1L;

    /** The formats the API accepts, by file extension. */
    public static final List<String> ACCEPTED_FORMATS = List.of("mp4", "mov", "avi", "webm", "mkv", "jpg", "png",
            "gif", "webp", "mp3", "wav", "m4a", "aac");

    /**
     * Creates the exception.
     *
     * @param httpStatus    the HTTP status
     * @param apiCode       the body's code, or null
     * @param serverMessage the server's message, or null
     * @param requestId     the request id, or null
     */
    public UnsupportedFileTypeException(int httpStatus, Integer apiCode, String serverMessage, String requestId) {
        super("Unsupported file type. Accepted formats: " + String.join(", ", ACCEPTED_FORMATS) + ".", httpStatus,
                apiCode, serverMessage, requestId);
    }

    /**
     * The formats the API accepts.
     *
     * @return file extensions, lower case
     */
    public List<String> acceptedFormats() {
        return ACCEPTED_FORMATS;
    }
}
