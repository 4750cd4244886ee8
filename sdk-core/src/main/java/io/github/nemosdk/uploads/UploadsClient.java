package io.github.nemosdk.uploads;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Uploads media to one session. Obtain it from {@code client.uploads(sessionId)}. Immutable and thread-safe.
 *
 * <p>Before any byte is sent, each file is checked: it exists and is readable, its extension is one the API accepts
 * (mp4, mov, avi, webm, mkv, jpg, png, gif, webp, mp3, wav, m4a, aac; case-insensitive), its first bytes match that
 * format (a {@code .mp4} holding text is refused), and its size is within the product's limit (500 MB; Music Maker
 * 200 MB). A failed check throws {@link io.github.nemosdk.errors.InvalidUploadException} naming the file.
 *
 * <p>Bodies are streamed with an exact {@code Content-Length}. An upload is retried only when the server certainly
 * did not take it (429, or a rejected token, answered before processing; or a refused connection).
 */
public interface UploadsClient {
    /**
     * A client that reports the progress of each upload to a listener.
     *
     * @param listener told about bytes sent
     * @return a new client; this one is unchanged
     */
    UploadsClient onProgress(UploadProgressListener listener);

    /**
     * Uploads one file.
     *
     * @param file the file
     * @return what the service stored
     */
    UploadResult file(Path file);

    /**
     * Uploads several files in one request (one {@code files} part each).
     *
     * @param files the files, at least one
     * @return what the service stored
     */
    UploadResult files(List<Path> files);

    /**
     * Uploads from a stream of known length. The stream is read once and closed; such an upload cannot be retried.
     *
     * @param in       the content
     * @param filename the name, whose extension says the format
     * @param length   the exact number of bytes the stream holds
     * @return what the service stored
     */
    UploadResult stream(InputStream in, String filename, long length);

    /**
     * Asks the service to fetch media from URLs.
     *
     * @param urls http or https URLs, at least one
     * @return what the service stored
     */
    UploadResult urls(List<URI> urls);
}
