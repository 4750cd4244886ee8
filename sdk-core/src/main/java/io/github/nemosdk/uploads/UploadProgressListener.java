package io.github.nemosdk.uploads;

/**
 * Told how much of an upload's body has been sent. Called on the HTTP client's threads, often; keep it quick.
 * An exception it throws is logged and ignored. A retried upload starts again from 0.
 */
@FunctionalInterface
public interface UploadProgressListener {
    /**
     * Progress of the request body.
     *
     * @param bytesSent  bytes sent so far, multipart framing included
     * @param totalBytes the body's exact length
     */
    void onProgress(long bytesSent, long totalBytes);
}
