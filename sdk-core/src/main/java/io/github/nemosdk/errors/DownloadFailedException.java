package io.github.nemosdk.errors;

/**
 * A rendered MP4 could not be downloaded, neither from its output URL nor from the authenticated download
 * endpoint. No partial file is left behind; the render itself is complete, so downloading again may work.
 */
public class DownloadFailedException extends NemoException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     * @param cause   the last failure
     */
    public DownloadFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
