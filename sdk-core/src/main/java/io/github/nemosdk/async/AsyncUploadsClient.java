package io.github.nemosdk.async;

import io.github.nemosdk.uploads.UploadResult;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link io.github.nemosdk.uploads.UploadsClient} without a waiting thread: the files are read by the HTTP client's
 * threads as they are sent. Obtain it from {@code client.async().uploads(sessionId)}.
 */
public interface AsyncUploadsClient {
    /**
     * Uploads one file (see {@code UploadsClient#file}).
     *
     * @param file the file
     * @return what the service stored
     * @throws io.github.nemosdk.errors.InvalidUploadException at once, for a file that cannot be uploaded
     */
    CompletableFuture<UploadResult> file(Path file);

    /**
     * Uploads files in one request (see {@code UploadsClient#files}).
     *
     * @param files the files
     * @return what the service stored
     * @throws io.github.nemosdk.errors.InvalidUploadException at once, for a file that cannot be uploaded
     */
    CompletableFuture<UploadResult> files(List<Path> files);

    /**
     * Asks the service to fetch media from URLs (see {@code UploadsClient#urls}).
     *
     * @param urls http(s) URLs
     * @return what the service stored
     * @throws io.github.nemosdk.errors.InvalidUploadException at once, for a URL that cannot be used
     */
    CompletableFuture<UploadResult> urls(List<URI> urls);
}
