package io.github.nemosdk.internal.uploads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nemosdk.errors.InvalidUploadException;
import io.github.nemosdk.errors.NemoProtocolException;
import io.github.nemosdk.internal.Ids;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.internal.http.Call;
import io.github.nemosdk.internal.http.Request;
import io.github.nemosdk.internal.http.RequestBody;
import io.github.nemosdk.internal.http.Response;
import io.github.nemosdk.internal.http.Transport;
import io.github.nemosdk.uploads.MediaKind;
import io.github.nemosdk.uploads.UploadProgressListener;
import io.github.nemosdk.uploads.UploadResult;
import io.github.nemosdk.uploads.UploadedFile;
import io.github.nemosdk.uploads.UploadsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link UploadsClient} over the transport. */
public final class DefaultUploadsClient implements UploadsClient {
    /** The slowest upload speed the response deadline allows for, in bytes per second. */
    static final long MIN_BYTES_PER_SECOND = 256 * 1024;

    private final Transport transport;
    private final String sessionId;
    private final long maxBytes;
    private final UploadProgressListener listener;
    private final SessionMedia media;

    /**
     * Creates the client.
     *
     * @param transport the transport
     * @param sessionId the session (validated)
     * @param maxBytes  the product's per-file limit
     * @param listener  the progress listener, or null
     * @param media     remembers the uploaded files' CDN URLs for export
     */
    public DefaultUploadsClient(Transport transport, String sessionId, long maxBytes,
            UploadProgressListener listener, SessionMedia media) {
        this.transport = transport;
        this.sessionId = Ids.sessionId(sessionId);
        this.maxBytes = maxBytes;
        this.listener = listener;
        this.media = media;
    }

    @Override
    public UploadsClient onProgress(UploadProgressListener progress) {
        return new DefaultUploadsClient(transport, sessionId, maxBytes, Objects.requireNonNull(progress,
                "listener"), media);
    }

    @Override
    public UploadResult file(Path file) {
        return files(List.of(Objects.requireNonNull(file, "file")));
    }

    @Override
    public UploadResult files(List<Path> files) {
        return transport.execute(filesCall(files));
    }

    /**
     * The upload of files in one request, checked, for the blocking and the asynchronous client.
     *
     * @param files the files
     * @return the call
     * @throws io.github.nemosdk.errors.InvalidUploadException for a file that cannot be uploaded
     */
    public Call<UploadResult> filesCall(List<Path> files) {
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Give at least one file to upload.");
        }
        MultipartBody body = new MultipartBody();
        for (Path f : files) {
            long size = MediaCheck.checkFile(Objects.requireNonNull(f, "file"), maxBytes);
            body.file("files", f, MediaCheck.contentType(f.getFileName().toString()), size);
        }
        return call(body, true);
    }

    @Override
    public UploadResult stream(InputStream in, String filename, long length) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(filename, "filename");
        MediaCheck.kind(filename);
        MediaCheck.checkSize(filename, length, maxBytes);
        byte[] head;
        try {
            head = in.readNBytes(MediaCheck.HEADER_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload stream of " + filename, e);
        }
        MediaCheck.checkContent(filename, head);
        AtomicBoolean used = new AtomicBoolean();
        InputStream whole = new SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
        MultipartBody body = new MultipartBody().part("files", filename, MediaCheck.contentType(filename), length,
                () -> {
                    if (!used.compareAndSet(false, true)) {
                        throw new IOException("The upload stream of " + filename + " was already sent once");
                    }
                    return new ExactLengthInputStream(whole, length, filename);
                });
        try {
            return transport.execute(call(body, false));
        } finally {
            try {
                in.close();
            } catch (IOException ignored) {
                // the caller's stream; nothing more to do
            }
        }
    }

    @Override
    public UploadResult urls(List<URI> urls) {
        return transport.execute(urlsCall(urls));
    }

    /**
     * The fetch of media from URLs, checked, for the blocking and the asynchronous client.
     *
     * @param urls http(s) URLs
     * @return the call
     * @throws io.github.nemosdk.errors.InvalidUploadException for a URL that cannot be used
     */
    public Call<UploadResult> urlsCall(List<URI> urls) {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("Give at least one URL to upload.");
        }
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray("urls");
        for (URI u : urls) {
            Objects.requireNonNull(u, "url");
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new InvalidUploadException(InvalidUploadException.Reason.BAD_URL, u.toString(),
                        "Cannot upload from '" + u + "': only absolute http or https URLs are accepted.");
            }
            String path = u.getPath() == null ? "" : u.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (!name.isEmpty() && name.contains(".")) {
                MediaCheck.kind(name);
            }
            array.add(u.toString());
        }
        json.put("source_type", "url");
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return Call.of(Request.post("upload-urls", "")
                .session(sessionId, s -> "/api/upload-video/nemo_agent/me/" + s, false)
                .body(RequestBody.json(bytes))
                .build(), r -> remember(parse(r, r.sessionId())));
    }

    private Call<UploadResult> call(MultipartBody body, boolean replayable) {
        long total = body.length();
        UploadProgressListener l = listener;
        Duration timeout = transport.config().requestTimeout.plusSeconds(total / MIN_BYTES_PER_SECOND);
        return Call.of(Request.post("upload", "")
                .session(sessionId, s -> "/api/upload-video/nemo_agent/me/" + s, false)
                .body(RequestBody.stream(body.publisher(l == null ? null : l::onProgress), body.contentType(),
                        replayable, total))
                .headerTimeout(timeout, "requestTimeout(...) (uploads also allow 1 s per 256 KiB)")
                .build(), r -> remember(parse(r, r.sessionId())));
    }

    private UploadResult remember(UploadResult result) {
        media.uploaded(result);
        return result;
    }

    static UploadResult parse(Response r, String sessionId) {
        JsonNode d = r.data();
        JsonNode files = d.get("files");
        if (files == null || !files.isArray()) {
            throw new NemoProtocolException("The upload response lacks 'files'"
                    + r.requestIdNote() + ".", null);
        }
        List<UploadedFile> out = new ArrayList<>();
        for (JsonNode f : files) {
            String name = Json.text(f, "filename");
            MediaKind kind = MediaKind.ofFileType(Json.text(f, "file_type"))
                    .or(() -> MediaKind.ofFilename(name == null ? "" : name)).orElse(MediaKind.VIDEO);
            out.add(UploadedFile.of(name == null ? "" : name, kind, Json.uri(Json.text(f, "cdn_url")),
                    seconds(f.get("duration")), integer(f, "width"), integer(f, "height"), decimal(f.get("fps")),
                    Json.text(f, "hash")));
        }
        return UploadResult.of(sessionId, out, d.path("session_state_applied").asBoolean(false));
    }

    private static Duration seconds(JsonNode n) {
        Double d = decimal(n);
        return d == null || d < 0 ? null : Duration.ofMillis(Math.round(d * 1000));
    }

    private static Integer integer(JsonNode n, String field) {
        Long v = Json.number(n, field);
        return v == null || v <= 0 || v > Integer.MAX_VALUE ? null : v.intValue();
    }

    private static Double decimal(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return n.isTextual() ? Double.parseDouble(n.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Fails the upload instead of sending a body shorter or longer than the length promised. */
    private static final class ExactLengthInputStream extends java.io.FilterInputStream {
        private final long length;
        private final String name;
        private long read;

        ExactLengthInputStream(InputStream in, long length, String name) {
            super(in);
            this.length = length;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (read >= length) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, length - read));
            if (n < 0) {
                throw new IOException("The upload stream of " + name + " ended after " + read + " of " + length
                        + " bytes");
            }
            read += n;
            return n;
        }
    }

    @Override
    public String toString() {
        return "UploadsClient{sessionId=" + sessionId + "}";
    }
}
