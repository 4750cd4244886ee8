package io.github.nemosdk.internal.uploads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.nemosdk.internal.Json;
import io.github.nemosdk.uploads.UploadResult;
import io.github.nemosdk.uploads.UploadedFile;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CDN URLs of the files uploaded to each session, by file name, so that sandbox-local paths in a draft
 * ({@code /mnt/userdata/…/<name>}) can be replaced with them before export: the render farm cannot read the
 * assistant's sandbox. Learned from this client's upload results and from a state's {@code video_infos}. Bounded
 * (the most recently used sessions, a fixed number of files each). Thread-safe.
 */
public final class SessionMedia {
    /** The prefix of sandbox-local media paths in drafts. */
    static final String SANDBOX = "/mnt/userdata/";
    private static final int MAX_SESSIONS = 256;
    private static final int MAX_FILES = 1024;

    private final Map<String, Map<String, String>> bySession = new LinkedHashMap<String, Map<String, String>>(
            16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    /**
     * Remembers the CDN URLs of an upload's files.
     *
     * @param result the upload result
     */
    public void uploaded(UploadResult result) {
        Map<String, String> files = new HashMap<>();
        for (UploadedFile f : result.files()) {
            if (!f.filename().isEmpty()) {
                f.cdnUrl().ifPresent(u -> files.put(f.filename(), u.toString()));
            }
        }
        if (files.isEmpty()) {
            return;
        }
        synchronized (bySession) {
            Map<String, String> known = bySession.computeIfAbsent(result.sessionId(), s -> new HashMap<>());
            for (Map.Entry<String, String> e : files.entrySet()) {
                if (known.size() < MAX_FILES || known.containsKey(e.getKey())) {
                    known.put(e.getKey(), e.getValue());
                }
            }
        }
    }

    /**
     * The known CDN URLs of a session's files: from {@code video_infos} entries ({@code filename} or {@code name},
     * with {@code cdn_url} or {@code url}), overridden by this client's own upload results.
     *
     * @param sessionId  the session
     * @param videoInfos the state's {@code video_infos}, possibly empty
     * @return file name to URL
     */
    public Map<String, String> urls(String sessionId, List<JsonNode> videoInfos) {
        Map<String, String> urls = new HashMap<>();
        for (JsonNode info : videoInfos) {
            String name = Json.text(info, "filename");
            name = name != null ? name : Json.text(info, "name");
            String url = Json.text(info, "cdn_url");
            url = url != null ? url : Json.text(info, "url");
            if (name != null && url != null && isHttp(url)) {
                urls.put(name, url);
            }
        }
        synchronized (bySession) {
            Map<String, String> known = bySession.get(sessionId);
            if (known != null) {
                urls.putAll(known);
            }
        }
        return urls;
    }

    private static boolean isHttp(String url) {
        return url.startsWith("https://") || url.startsWith("http://");
    }

    /**
     * Replaces, in place, every string of a draft that is a sandbox-local path ({@code /mnt/userdata/…/<name>})
     * whose file name has a known URL. Nothing else changes: other strings, numbers, keys and their order stay.
     *
     * @param draft a draft tree (the caller's own copy)
     * @param urls  file name to URL
     * @param unmapped receives the sandbox paths left as they were, for a warning
     * @return how many strings were replaced
     */
    public static int rewrite(JsonNode draft, Map<String, String> urls, List<String> unmapped) {
        int replaced = 0;
        if (draft instanceof ObjectNode) {
            ObjectNode o = (ObjectNode) draft;
            for (Map.Entry<String, JsonNode> f : o.properties()) {
                String url = mapped(f.getValue(), urls, unmapped);
                if (url != null) {
                    f.setValue(TextNode.valueOf(url));
                    replaced++;
                } else {
                    replaced += rewrite(f.getValue(), urls, unmapped);
                }
            }
        } else if (draft instanceof ArrayNode) {
            ArrayNode a = (ArrayNode) draft;
            for (int i = 0; i < a.size(); i++) {
                String url = mapped(a.get(i), urls, unmapped);
                if (url != null) {
                    a.set(i, TextNode.valueOf(url));
                    replaced++;
                } else {
                    replaced += rewrite(a.get(i), urls, unmapped);
                }
            }
        }
        return replaced;
    }

    /** The URL for a sandbox path value, or null when the value is not one or its file is unknown. */
    private static String mapped(JsonNode value, Map<String, String> urls, List<String> unmapped) {
        if (value == null || !value.isTextual() || !value.asText().startsWith(SANDBOX)) {
            return null;
        }
        String path = value.asText();
        String name = path.substring(path.lastIndexOf('/') + 1);
        String url = name.isEmpty() ? null : urls.get(name);
        if (url == null) {
            unmapped.add(path);
        }
        return url;
    }
}
