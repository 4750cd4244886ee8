package io.github.nemosdk.testkit.internal;

import java.nio.file.Files;
import java.util.Map;

/**
 * {@code GET /cdn/{id}/{name}}: an uploaded file, without authentication, like a public CDN. Bytes
 * uploaded as {@code multipart/form-data} are served with the {@code Content-Type} of their
 * extension; a URL upload answers {@code 302} to its source URL (the emulator never fetches).
 * Unknown ids, or a name that is not the file's, get 404.
 */
final class CdnHandler implements Handler {

    private final MediaStore store;

    CdnHandler(MediaStore store) {
        this.store = store;
    }

    @Override
    public Response handle(Request request) {
        MediaStore.Media media = store.get(request.pathParam("id"))
                .filter(m -> m.fileName.equals(request.pathParam("name")))
                .orElseThrow(CdnHandler::notFound);
        if (media.source != null) {
            return Response.of(302, "text/plain; charset=utf-8", new byte[0])
                    .withHeaders(Map.of("Location", media.source.toString()));
        }
        if (!Files.isRegularFile(media.file)) {
            throw notFound();
        }
        return Response.file(200, MediaFormats.contentType(media.fileName), media.file);
    }

    private static ApiException notFound() {
        return ApiException.of(404, 404, "not found");
    }
}
