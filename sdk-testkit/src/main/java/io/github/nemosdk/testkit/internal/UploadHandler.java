package io.github.nemosdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/upload-video/nemo_agent/me/{sid}}: adds files to a session, either sent as
 * {@code multipart/form-data} (one part named {@code files} per file, other parts ignored, read as a
 * stream so any size works) or named by URL in a JSON body {@code {"urls":[…],"source_type":"url"}}
 * (never fetched). Checks, in order: token (401/1001), session (1002), the body's shape (400), each
 * file's format by extension (4001) and size against the limit for the request's
 * {@code X-Skill-Source} (4002). A request with any bad file changes nothing.
 *
 * <p>Each accepted file is stored for the emulated CDN and described as the real service does
 * ({@code filename}, {@code file_type}, {@code cdn_url}, {@code duration}, {@code width},
 * {@code height}, {@code fps}, {@code hash}); videos and images are appended to the draft's video
 * track ({@code tt} 0), audio to its audio track ({@code tt} 1), and videos to {@code video_infos}.
 */
final class UploadHandler implements Handler {

    static final long DEFAULT_DURATION_MS = 10_000;
    static final long IMAGE_DURATION_MS = 3_000;
    static final int DEFAULT_WIDTH = 1920;
    static final int DEFAULT_HEIGHT = 1080;
    static final int VIDEO_FPS = 30;

    private static final String MUSIC_MAKER = "music-maker";
    private static final int COPY_BUFFER = 64 * 1024;

    private final EmulatorState state;
    private final MediaStore store;
    private final EmulatorConfig.Media settings;
    private final Supplier<String> baseUrl;

    UploadHandler(EmulatorState state, MediaStore store, EmulatorConfig.Media settings, Supplier<String> baseUrl) {
        this.state = state;
        this.store = store;
        this.settings = settings;
        this.baseUrl = baseUrl;
    }

    /** An accepted file before it is described: bytes on disk, or a URL. */
    private static final class Upload {
        final String fileName;
        final String kind;
        final Path file;
        final long size;
        final String hash;
        final URI source;

        Upload(String fileName, String kind, Path file, long size, String hash, URI source) {
            this.fileName = fileName;
            this.kind = kind;
            this.file = file;
            this.size = size;
            this.hash = hash;
            this.source = source;
        }
    }

    @Override
    public Response handle(Request request) {
        String userId = state.authenticate(request.bearerToken());
        String sessionId = request.pathParam("sid");
        state.checkSession(userId, sessionId);

        String contentType = request.header("Content-Type").orElse("");
        String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        List<Upload> uploads;
        if (mime.equals("multipart/form-data")) {
            uploads = readMultipart(request, contentType, limit(request));
        } else if (mime.equals("application/json") || mime.endsWith("+json")
                || (mime.isEmpty() && request.bodyText().trim().startsWith("{"))) {
            uploads = readUrls(request);
        } else {
            throw ApiException.of(400, 400, "upload needs multipart/form-data (one part named files per file)"
                    + " or a JSON body {\"urls\":[...],\"source_type\":\"url\"}");
        }

        boolean applied = false;
        try {
            ArrayNode files = JsonNodeFactory.instance.arrayNode();
            List<Long> durations = new ArrayList<>();
            for (Upload upload : uploads) {
                files.add(describe(upload, durations));
            }
            state.applyUpload(userId, sessionId, (draft, videoInfos) -> {
                for (int i = 0; i < uploads.size(); i++) {
                    apply(draft, videoInfos, (ObjectNode) files.get(i), durations.get(i));
                }
            });
            applied = true;
            ObjectNode data = Json.object();
            data.set("files", files);
            data.put("session_state_applied", true);
            return Response.success(data);
        } finally {
            if (!applied) {
                delete(uploads);
            }
        }
    }

    private long limit(Request request) {
        boolean musicMaker = request.header("X-Skill-Source")
                .map(s -> s.trim().equalsIgnoreCase(MUSIC_MAKER))
                .orElse(false);
        return musicMaker ? settings.musicMakerUploadLimit() : settings.uploadLimit();
    }

    // ---------------------------------------------------------------- multipart

    private List<Upload> readMultipart(Request request, String contentType, long limit) {
        MultipartReader reader = new MultipartReader(request.bodyStream(), MultipartReader.boundary(contentType));
        List<Upload> uploads = new ArrayList<>();
        boolean ok = false;
        try {
            MultipartReader.Part part;
            while ((part = reader.next()) != null) {
                if (!"files".equals(part.name())) {
                    continue; // other form fields are ignored
                }
                String fileName = part.fileName();
                if (fileName == null || fileName.isEmpty()) {
                    throw ApiException.of(400, 400, "a files part needs a file name (Content-Disposition filename)");
                }
                String kind = MediaFormats.kind(fileName).orElseThrow(() -> MediaFormats.unsupported(fileName));
                uploads.add(save(part.content(), fileName, kind, limit));
            }
            if (uploads.isEmpty()) {
                throw ApiException.of(400, 400, "no file: send one multipart part named files per file");
            }
            ok = true;
            return uploads;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!ok) {
                delete(uploads);
            }
        }
    }

    /** Copies one part to a new file of the store, hashing it; stops storing once over {@code limit}. */
    private Upload save(InputStream content, String fileName, String kind, long limit) throws IOException {
        Path file = store.newFile();
        MessageDigest digest = sha256();
        long size = 0;
        boolean tooLarge = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[COPY_BUFFER];
            int n;
            while ((n = content.read(chunk)) >= 0) {
                size += n;
                if (size > limit) {
                    tooLarge = true;
                    break; // the rest of the body is skipped by the reader (or drained by the dispatcher)
                }
                digest.update(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (tooLarge) {
            Files.deleteIfExists(file);
            throw ApiException.of(200, 4002, "file too large: " + fileName + " exceeds the limit of "
                    + formatSize(limit) + " per file");
        }
        return new Upload(fileName, kind, file, size, hex(digest.digest()), null);
    }

    // ---------------------------------------------------------------- URLs

    private static List<Upload> readUrls(Request request) {
        JsonNode body = request.jsonObject();
        JsonNode sourceType = body.get("source_type");
        if (sourceType != null && !sourceType.isNull() && !"url".equals(sourceType.asText())) {
            throw ApiException.of(400, 400, "source_type must be \"url\"");
        }
        JsonNode urls = body.get("urls");
        if (urls == null || !urls.isArray() || urls.isEmpty()) {
            throw ApiException.of(400, 400, "urls must be a non-empty array of http(s) URLs");
        }
        List<Upload> uploads = new ArrayList<>();
        for (JsonNode url : urls) {
            String text = url.isTextual() ? url.asText().trim() : "";
            URI uri = httpUri(text);
            String path = Optional.ofNullable(uri.getPath()).orElse("");
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            if (fileName.isEmpty()) {
                throw MediaFormats.unsupported(text);
            }
            String kind = MediaFormats.kind(fileName).orElseThrow(() -> MediaFormats.unsupported(fileName));
            String hash = hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
            uploads.add(new Upload(fileName, kind, null, 0, hash, uri));
        }
        return uploads;
    }

    private static URI httpUri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw ApiException.of(400, 400, "not a valid URL: " + text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw ApiException.of(400, 400, "only http(s) URLs can be uploaded: " + text);
        }
        return uri;
    }

    // ---------------------------------------------------------------- description and draft

    /** The {@code files[]} entry of {@code upload}, registering it on the CDN; adds its duration in ms. */
    private ObjectNode describe(Upload upload, List<Long> durations) {
        long durationMs = upload.kind.equals(MediaFormats.IMAGE) ? IMAGE_DURATION_MS : DEFAULT_DURATION_MS;
        Integer width = null;
        Integer height = null;
        if (!upload.kind.equals(MediaFormats.AUDIO)) {
            width = DEFAULT_WIDTH;
            height = DEFAULT_HEIGHT;
        }
        if (upload.file != null && MediaFormats.isIsoMedia(upload.fileName)
                && !upload.kind.equals(MediaFormats.IMAGE)) {
            Optional<Mp4Probe.Info> info = Mp4Probe.probe(upload.file);
            if (info.isPresent()) {
                durationMs = info.get().durationMs;
                if (upload.kind.equals(MediaFormats.VIDEO) && info.get().width > 0) {
                    width = info.get().width;
                    height = info.get().height;
                }
            }
        }
        MediaStore.Media media = upload.file != null ? store.addFile(upload.fileName, upload.file, upload.size)
                : store.addRemote(upload.fileName, upload.source);
        durations.add(durationMs);

        ObjectNode entry = Json.object();
        entry.put("filename", upload.fileName);
        entry.put("file_type", upload.kind);
        entry.put("cdn_url", baseUrl.get() + "/cdn/" + media.id + "/" + encodeSegment(upload.fileName));
        entry.put("duration", durationMs / 1000.0);
        putOrNull(entry, "width", width);
        putOrNull(entry, "height", height);
        putOrNull(entry, "fps", upload.kind.equals(MediaFormats.VIDEO) ? VIDEO_FPS : null);
        entry.put("hash", upload.hash);
        return entry;
    }

    private static void apply(ObjectNode draft, ArrayNode videoInfos, ObjectNode file, long durationMs) {
        String kind = file.get("file_type").asText();
        String name = MediaFormats.baseName(file.get("filename").asText());
        if (kind.equals(MediaFormats.AUDIO)) {
            ObjectNode segment = segments(draft, ChatPlan.AUDIO).addObject();
            segment.put("d", durationMs);
            segment.putObject("m").put("name", name);
            return;
        }
        ObjectNode segment = segments(draft, ChatPlan.VIDEO).addObject();
        segment.put("d", durationMs);
        ObjectNode meta = segment.putObject("m");
        meta.put("name", name);
        meta.set("width", file.get("width"));
        meta.set("height", file.get("height"));
        meta.put("url", file.get("cdn_url").asText());
        if (kind.equals(MediaFormats.VIDEO)) {
            videoInfos.add(file.deepCopy());
        }
    }

    /** The {@code sg} array of the draft's first track of {@code type}, creating track and array as needed. */
    private static ArrayNode segments(ObjectNode draft, int type) {
        JsonNode t = draft.get("t");
        ArrayNode tracks = t instanceof ArrayNode ? (ArrayNode) t : draft.putArray("t");
        ObjectNode track = null;
        for (JsonNode candidate : tracks) {
            JsonNode tt = candidate.get("tt");
            if (candidate.isObject() && tt != null && (tt.isNumber() || tt.isTextual()) && tt.asInt(-1) == type) {
                track = (ObjectNode) candidate;
                break;
            }
        }
        if (track == null) {
            track = tracks.addObject();
            track.put("tt", type);
        }
        JsonNode sg = track.get("sg");
        return sg instanceof ArrayNode ? (ArrayNode) sg : track.putArray("sg");
    }

    // ---------------------------------------------------------------- helpers

    private static void putOrNull(ObjectNode node, String field, Integer value) {
        if (value == null) {
            node.set(field, NullNode.getInstance());
        } else {
            node.put(field, value);
        }
    }

    private static void delete(List<Upload> uploads) {
        for (Upload upload : uploads) {
            if (upload.file != null) {
                try {
                    Files.deleteIfExists(upload.file);
                } catch (IOException e) {
                    // best effort; the store's directory goes when the emulator closes
                }
            }
        }
    }

    /** "200 MB" for whole mebibytes, else the byte count. */
    static String formatSize(long bytes) {
        long mb = 1024L * 1024;
        return bytes > 0 && bytes % mb == 0 ? (bytes / mb) + " MB" : bytes + " bytes";
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, for one URL path segment. */
    static String encodeSegment(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
