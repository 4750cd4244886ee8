package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BOUNDARY = "----nemoBoundary7MA4YWxkTrZu0gW";

    private NemoEmulator emu;
    private Http http;
    private String token;
    private String sid;

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    private void start(NemoEmulator.Builder builder) {
        emu = builder.start();
        http = new Http(emu);
        token = http.newToken("uploader");
        sid = http.newSession(token);
    }

    private void start() {
        start(NemoEmulator.builder());
    }

    private URI uploadUri(String sessionId) {
        return emu.baseUrl().resolve("/api/upload-video/nemo_agent/me/" + sessionId);
    }

    private HttpResponse<String> upload(byte[] body, String contentType, String... extraHeaders) {
        String[] headers = new String[4 + extraHeaders.length];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + token;
        headers[2] = "Content-Type";
        headers[3] = contentType;
        System.arraycopy(extraHeaders, 0, headers, 4, extraHeaders.length);
        return Multipart.post(uploadUri(sid), body, headers);
    }

    private HttpResponse<String> uploadMultipart(Multipart body, String... extraHeaders) {
        return upload(body.build(), "multipart/form-data; boundary=" + BOUNDARY, extraHeaders);
    }

    private HttpResponse<String> uploadUrls(String json) {
        return upload(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private JsonNode state() {
        return Http.successData(http.state(token, sid)).get("state");
    }

    private static void assertError(HttpResponse<String> response, int status, int code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(Http.json(response).get("code").asInt()).as(response.body()).isEqualTo(code);
    }

    // ---------------------------------------------------------------- multipart

    @Test
    void uploadsTheSampleMp4AndReadsItsMetadataFromTheFile() {
        start();
        byte[] mp4 = SampleMedia.horizontalMp4();

        HttpResponse<String> response = uploadMultipart(new Multipart(BOUNDARY).file("files", "city.mp4", "video/mp4",
                mp4));

        JsonNode data = Http.successData(response);
        assertThat(data.get("session_state_applied").asBoolean()).isTrue();
        assertThat(data.get("files")).hasSize(1);
        JsonNode file = data.get("files").get(0);
        assertThat(file.get("filename").asText()).isEqualTo("city.mp4");
        assertThat(file.get("file_type").asText()).isEqualTo("video");
        assertThat(file.get("duration").asDouble()).isEqualTo(2.0);
        assertThat(file.get("width").asInt()).isEqualTo(192);
        assertThat(file.get("height").asInt()).isEqualTo(108);
        assertThat(file.get("fps").asInt()).isEqualTo(30);
        assertThat(file.get("hash").asText()).isEqualTo(Multipart.sha256(mp4));
        assertThat(file.get("cdn_url").asText()).startsWith(emu.baseUrl() + "/cdn/").endsWith("/city.mp4");

        HttpResponse<byte[]> cdn = Multipart.getBytes(URI.create(file.get("cdn_url").asText()));
        assertThat(cdn.statusCode()).isEqualTo(200);
        assertThat(cdn.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(cdn.headers().firstValue("Content-Length")).hasValue(Integer.toString(mp4.length));
        assertThat(cdn.body()).isEqualTo(mp4);
        assertThat(emu.requestCount(Endpoint.UPLOAD)).isEqualTo(1);
        assertThat(emu.requestCount(Endpoint.CDN)).isEqualTo(1);
    }

    @Test
    void severalFilesInOneRequestRoundTripByteForByteAndEditTheDraft() throws Exception {
        start();
        byte[] mov = SampleMedia.verticalMp4();
        byte[] mp3 = Multipart.binary(50_000, 1);
        byte[] png = Multipart.binary(3_000, 2);

        HttpResponse<String> response = uploadMultipart(new Multipart(BOUNDARY)
                .field("note", "ignored")
                .file("files", "Portrait.MOV", "video/quicktime", mov)
                .file("files", "beat.mp3", "audio/mpeg", mp3)
                .file("attachment", "other.mp4", "video/mp4", new byte[] {1, 2, 3})
                .file("files", "poster.png", "image/png", png));

        JsonNode files = Http.successData(response).get("files");
        assertThat(files).hasSize(3);
        List<byte[]> contents = List.of(mov, mp3, png);
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> cdn = Multipart.getBytes(URI.create(files.get(i).get("cdn_url").asText()));
            assertThat(cdn.body()).isEqualTo(contents.get(i));
            assertThat(files.get(i).get("hash").asText()).isEqualTo(Multipart.sha256(contents.get(i)));
        }
        JsonNode video = files.get(0);
        assertThat(video.get("file_type").asText()).isEqualTo("video");
        assertThat(video.get("width").asInt()).isEqualTo(108);
        assertThat(video.get("height").asInt()).isEqualTo(192);
        JsonNode audio = files.get(1);
        assertThat(audio.get("file_type").asText()).isEqualTo("audio");
        assertThat(audio.get("duration").asDouble()).isEqualTo(10.0);
        assertThat(audio.get("width").isNull()).isTrue();
        assertThat(audio.get("height").isNull()).isTrue();
        assertThat(audio.get("fps").isNull()).isTrue();
        assertThat(Multipart.getBytes(URI.create(audio.get("cdn_url").asText())).headers()
                .firstValue("Content-Type")).hasValue("audio/mpeg");
        JsonNode image = files.get(2);
        assertThat(image.get("file_type").asText()).isEqualTo("image");
        assertThat(image.get("fps").isNull()).isTrue();

        JsonNode state = state();
        assertThat(state.get("draft")).isEqualTo(MAPPER.readTree("{\"t\":["
                + "{\"tt\":0,\"sg\":[{\"d\":2000,\"m\":{\"name\":\"Portrait\",\"width\":108,\"height\":192,"
                + "\"url\":\"" + video.get("cdn_url").asText() + "\"}},"
                + "{\"d\":3000,\"m\":{\"name\":\"poster\",\"width\":1920,\"height\":1080,"
                + "\"url\":\"" + image.get("cdn_url").asText() + "\"}}]},"
                + "{\"tt\":1,\"sg\":[{\"d\":10000,\"m\":{\"name\":\"beat\"}}]}]}"));
        assertThat(state.get("video_infos")).hasSize(1);
        assertThat(state.get("video_infos").get(0)).isEqualTo(video);
    }

    @Test
    void uploadsAppendToExistingTracksAndKeepUnknownKeys() throws Exception {
        start();
        emu.setDraft(sid, "{\"t\":[{\"tt\":7,\"sg\":[{\"d\":3000}]},{\"tt\":0,\"sg\":[{\"d\":4000}],\"x\":1}],\"v\":2}");

        Http.successData(uploadMultipart(new Multipart(BOUNDARY).file("files", "a.mp4", "video/mp4",
                SampleMedia.horizontalMp4())));
        Http.successData(uploadMultipart(new Multipart(BOUNDARY).file("files", "b.mp4", "video/mp4",
                SampleMedia.horizontalMp4())));

        JsonNode draft = MAPPER.readTree(emu.draft(sid));
        assertThat(draft.get("v").asInt()).isEqualTo(2);
        assertThat(draft.get("t")).hasSize(2);
        JsonNode video = draft.get("t").get(1);
        assertThat(video.get("x").asInt()).isEqualTo(1);
        assertThat(video.get("sg")).hasSize(3);
        assertThat(video.get("sg").get(2).get("m").get("name").asText()).isEqualTo("b");
        assertThat(state().get("video_infos")).hasSize(2);
    }

    @Test
    void addedMusicIsAsLongAsTheUploadedVideo() throws Exception {
        start(NemoEmulator.builder().silentRatio(0).turnDuration(Duration.ZERO));
        Http.successData(uploadMultipart(new Multipart(BOUNDARY).file("files", "a.mp4", "video/mp4",
                SampleMedia.horizontalMp4())));

        HttpResponse<String> chat = http.send("POST", "/run_sse", "{\"app_name\":\"nemo_agent\",\"user_id\":\"me\","
                + "\"session_id\":\"" + sid + "\",\"new_message\":{\"role\":\"user\",\"parts\":[{\"text\":\"add lo-fi music at 35%\"}]}}",
                "Authorization", "Bearer " + token, "Content-Type", "application/json");

        assertThat(chat.statusCode()).isEqualTo(200);
        JsonNode tracks = MAPPER.readTree(emu.draft(sid)).get("t");
        assertThat(tracks).hasSize(2);
        assertThat(tracks.get(1).get("tt").asInt()).isEqualTo(1);
        assertThat(tracks.get(1).get("sg").get(0).get("d").asLong()).isEqualTo(2000);
    }

    @Test
    void quotedBoundaryPreambleAndDelimiterLookalikesInTheContent() {
        start();
        String boundary = "simple boundary:42";
        byte[] tricky = ("start\r\n--simple boundary:4\r\n--simple boundary\r\n-- end\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] content = new byte[tricky.length + 256];
        System.arraycopy(tricky, 0, content, 0, tricky.length);
        for (int i = 0; i < 256; i++) {
            content[tricky.length + i] = (byte) i;
        }
        byte[] body = new Multipart(boundary).raw("This is a preamble.\r\n")
                .file("files", "tricky.wav", "audio/wav", content)
                .build();

        HttpResponse<String> response = upload(body, "multipart/form-data; charset=utf-8; boundary=\"" + boundary + "\"");

        JsonNode file = Http.successData(response).get("files").get(0);
        assertThat(file.get("filename").asText()).isEqualTo("tricky.wav");
        assertThat(Multipart.getBytes(URI.create(file.get("cdn_url").asText())).body()).isEqualTo(content);
    }

    @Test
    void fileNamesLoseDirectoriesAndExtendedNamesAreDecoded() {
        start();
        byte[] body = new Multipart(BOUNDARY)
                .raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"C:\\Users\\me\\clip one.mp4\""
                        + "\r\nContent-Type: video/mp4\r\n\r\nabc\r\n")
                .raw("--" + BOUNDARY + "\r\ncontent-disposition: form-data; name=files; filename=\"fallback.wav\"; "
                        + "filename*=UTF-8''%E2%82%AC%20rates.mp3\r\n\r\n\r\n")
                .raw("--" + BOUNDARY + "\nContent-Disposition: form-data; name=\"files\"; filename=\"lf.png\"\n\nxyz\r\n")
                .build();

        JsonNode files = Http.successData(upload(body, "multipart/form-data; boundary=" + BOUNDARY)).get("files");

        assertThat(files).hasSize(3);
        assertThat(files.get(0).get("filename").asText()).isEqualTo("clip one.mp4");
        assertThat(files.get(1).get("filename").asText()).isEqualTo("\u20ac rates.mp3");
        assertThat(files.get(1).get("hash").asText()).isEqualTo(Multipart.sha256(new byte[0]));
        assertThat(files.get(1).get("cdn_url").asText()).endsWith("/%E2%82%AC%20rates.mp3");
        HttpResponse<byte[]> empty = Multipart.getBytes(URI.create(files.get(1).get("cdn_url").asText()));
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(files.get(2).get("filename").asText()).isEqualTo("lf.png");
        assertThat(Multipart.getBytes(URI.create(files.get(2).get("cdn_url").asText())).body())
                .isEqualTo("xyz".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aChunkedUploadWithoutContentLengthWorks() {
        start();
        byte[] content = Multipart.binary(300_000, 5);
        byte[] body = new Multipart(BOUNDARY).file("files", "stream.mkv", "video/x-matroska", content).build();
        HttpRequest request = HttpRequest.newBuilder(uploadUri(sid))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = Http.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();

        assertThat(Http.successData(response).get("files").get(0).get("hash").asText())
                .isEqualTo(Multipart.sha256(content));
    }

    @Test
    void aLargeUploadIsStreamedAndRecordedOnlyInPart() {
        start();
        byte[] big = Multipart.binary(3 * 1024 * 1024 + 17, 7);
        byte[] body = new Multipart(BOUNDARY).file("files", "big clip.webm", "video/webm", big).build();

        HttpResponse<String> response = upload(body, "multipart/form-data; boundary=" + BOUNDARY);

        JsonNode file = Http.successData(response).get("files").get(0);
        assertThat(file.get("hash").asText()).isEqualTo(Multipart.sha256(big));
        assertThat(file.get("width").asInt()).isEqualTo(1920);
        assertThat(file.get("height").asInt()).isEqualTo(1080);
        assertThat(file.get("duration").asDouble()).isEqualTo(10.0);
        assertThat(file.get("cdn_url").asText()).endsWith("/big%20clip.webm");
        HttpResponse<byte[]> cdn = Multipart.getBytes(URI.create(file.get("cdn_url").asText()));
        assertThat(cdn.headers().firstValue("Content-Type")).hasValue("video/webm");
        assertThat(cdn.body()).isEqualTo(big);

        RecordedRequest recorded = emu.requests().stream()
                .filter(r -> r.endpoint().equals(java.util.Optional.of(Endpoint.UPLOAD))).findFirst().orElseThrow();
        assertThat(recorded.bodyLength()).isEqualTo(body.length);
        assertThat(recorded.body()).hasSize(64 * 1024);
        assertThat(recorded.body().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(Arrays.copyOf(body, 64 * 1024));
    }

    @Test
    void aClientThatGoesAwayMidUploadLeavesNothingBehindAndTheEmulatorServing() throws Exception {
        start();
        byte[] part = new Multipart(BOUNDARY).file("files", "cut.mp4", "video/mp4", Multipart.binary(100_000, 9))
                .unterminated();
        try (Socket socket = new Socket("127.0.0.1", emu.baseUrl().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/upload-video/nemo_agent/me/" + sid + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                    + "Content-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(part);
            out.flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (emu.requestCount(Endpoint.UPLOAD) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(emu.requestCount(Endpoint.UPLOAD)).isEqualTo(1);
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
        Http.successData(uploadMultipart(new Multipart(BOUNDARY).file("files", "ok.mp4", "video/mp4", new byte[5])));
    }

    @Test
    void aSmallMultipartBodyIsRecordedWholeAsIso88591() {
        start();
        byte[] content = {0, (byte) 0xFF, (byte) 0xC3, 0x28, '\r', '\n'};
        byte[] body = new Multipart(BOUNDARY).file("files", "x.aac", "audio/aac", content).build();

        upload(body, "multipart/form-data; boundary=" + BOUNDARY);

        RecordedRequest recorded = emu.requests().get(emu.requests().size() - 1);
        assertThat(recorded.endpoint()).hasValue(Endpoint.UPLOAD);
        assertThat(recorded.bodyLength()).isEqualTo(body.length);
        assertThat(recorded.body().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(body);
    }

    @Test
    void noFilesPartIsA400() {
        start();

        HttpResponse<String> response = uploadMultipart(new Multipart(BOUNDARY).field("name", "x")
                .file("file", "a.mp4", "video/mp4", new byte[10]));

        assertError(response, 400, 400);
        assertThat(Http.json(response).get("message").asText()).contains("files");
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
    }

    @Test
    void malformedMultipartBodiesAre400() {
        start();
        byte[] cut = new Multipart(BOUNDARY).file("files", "a.mp4", "video/mp4", new byte[100]).unterminated();
        byte[] truncated = Arrays.copyOf(cut, cut.length - 10);

        assertError(upload(truncated, "multipart/form-data; boundary=" + BOUNDARY), 400, 400);
        assertError(upload(new Multipart(BOUNDARY).build(), "multipart/form-data"), 400, 400);
        assertError(upload("hello".getBytes(StandardCharsets.UTF_8), "text/plain"), 400, 400);
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
        // The emulator is still fine afterwards.
        Http.successData(uploadMultipart(new Multipart(BOUNDARY).file("files", "a.mp4", "video/mp4", new byte[1])));
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.txt", "clip", "movie.mp4.exe", "photo.jpeg", "archive.zip"})
    void unsupportedFormatsAreCode4001ListingTheAcceptedOnes(String fileName) {
        start();

        HttpResponse<String> response = uploadMultipart(new Multipart(BOUNDARY)
                .file("files", "good.mp4", "video/mp4", SampleMedia.horizontalMp4())
                .file("files", fileName, "application/octet-stream", new byte[10]));

        assertError(response, 200, 4001);
        assertThat(Http.json(response).get("message").asText())
                .contains("mp4, mov, avi, webm, mkv").contains("jpg, png, gif, webp").contains("mp3, wav, m4a, aac");
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
        assertThat(state().get("video_infos")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"A.MP4", "b.Mov", "c.avi", "d.WEBM", "e.mkv", "f.JPG", "g.png", "h.gif", "i.webp",
        "j.MP3", "k.wav", "l.m4a", "m.aac"})
    void everyAcceptedFormatIsAcceptedWhateverItsCase(String fileName) {
        start();

        JsonNode data = Http.successData(uploadMultipart(new Multipart(BOUNDARY)
                .file("files", fileName, "application/octet-stream", new byte[] {1, 2, 3})));

        assertThat(data.get("files").get(0).get("filename").asText()).isEqualTo(fileName);
    }

    @Test
    void filesOverTheLimitAreCode4002AndTheLimitIsInclusive() {
        start(NemoEmulator.builder().uploadLimits(1000, 500));

        HttpResponse<String> over = uploadMultipart(new Multipart(BOUNDARY)
                .file("files", "a.mp4", "video/mp4", new byte[1001]));
        HttpResponse<String> exact = uploadMultipart(new Multipart(BOUNDARY)
                .file("files", "a.mp4", "video/mp4", new byte[1000]));

        assertError(over, 200, 4002);
        assertThat(Http.json(over).get("message").asText()).contains("1000 bytes");
        assertThat(Http.json(exact).get("code").asInt()).isZero();
        assertThat(emu.draft(sid)).contains("\"sg\":[{\"d\":10000");
    }

    @Test
    void musicMakerHasItsOwnLimit() {
        start(NemoEmulator.builder().uploadLimits(1000, 500));
        Multipart file = new Multipart(BOUNDARY).file("files", "song.mp3", "audio/mpeg", new byte[600]);
        byte[] body = file.build();
        String type = "multipart/form-data; boundary=" + BOUNDARY;

        assertError(upload(body, type, "X-Skill-Source", "music-maker"), 200, 4002);
        assertThat(Http.json(upload(body, type, "X-Skill-Source", "add-music")).get("code").asInt()).isZero();
        assertThat(Http.json(upload(body, type)).get("code").asInt()).isZero();
    }

    // ---------------------------------------------------------------- URLs

    @Test
    void urlUploadsTakeNameAndKindFromThePathAndAreNotFetched() throws Exception {
        start();

        HttpResponse<String> response = uploadUrls("{\"urls\":[\"https://cdn.example.com/v/Holiday%20Clip.MP4?sig=abc\","
                + "\"http://media.example.org/a/song.wav\"],\"source_type\":\"url\"}");

        JsonNode files = Http.successData(response).get("files");
        assertThat(files).hasSize(2);
        JsonNode video = files.get(0);
        assertThat(video.get("filename").asText()).isEqualTo("Holiday Clip.MP4");
        assertThat(video.get("file_type").asText()).isEqualTo("video");
        assertThat(video.get("duration").asDouble()).isEqualTo(10.0);
        assertThat(video.get("width").asInt()).isEqualTo(1920);
        assertThat(video.get("height").asInt()).isEqualTo(1080);
        assertThat(video.get("fps").asInt()).isEqualTo(30);
        assertThat(video.get("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(files.get(1).get("file_type").asText()).isEqualTo("audio");
        HttpResponse<byte[]> cdn = Multipart.getBytes(URI.create(video.get("cdn_url").asText()));
        assertThat(cdn.statusCode()).isEqualTo(302);
        assertThat(cdn.headers().firstValue("Location")).hasValue("https://cdn.example.com/v/Holiday%20Clip.MP4?sig=abc");

        JsonNode draft = MAPPER.readTree(emu.draft(sid));
        assertThat(draft.get("t").get(0).get("sg").get(0).get("m").get("name").asText()).isEqualTo("Holiday Clip");
        assertThat(draft.get("t").get(0).get("sg").get(0).get("d").asLong()).isEqualTo(10_000);
        assertThat(draft.get("t").get(1).get("sg").get(0).get("m").get("name").asText()).isEqualTo("song");
        assertThat(state().get("video_infos")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"urls\":[\"ftp://example.com/a.mp4\"],\"source_type\":\"url\"}",
        "{\"urls\":[\"file:///tmp/a.mp4\"]}",
        "{\"urls\":[\"not a url at all\"]}",
        "{\"urls\":[\"https://ok.example.com/a.mp4\",\"//no-scheme.example.com/b.mp4\"]}",
        "{\"urls\":[]}",
        "{\"urls\":\"https://example.com/a.mp4\"}",
        "{\"urls\":[\"https://example.com/a.mp4\"],\"source_type\":\"file\"}",
        "{\"nothing\":true}",
        "[\"https://example.com/a.mp4\"]",
        "{broken"})
    void badUrlBodiesAre400(String json) {
        start();

        assertError(uploadUrls(json), 400, 400);
        assertThat(emu.draft(sid)).isEqualTo("{\"t\":[]}");
    }

    @Test
    void urlsWithAnUnsupportedExtensionAreCode4001() {
        start();

        assertError(uploadUrls("{\"urls\":[\"https://example.com/docs/readme.txt\"]}"), 200, 4001);
        assertError(uploadUrls("{\"urls\":[\"https://example.com/\"]}"), 200, 4001);
    }

    // ---------------------------------------------------------------- auth, session, faults

    @Test
    void needsAValidTokenAndTheCallersOwnSession() {
        start();
        byte[] body = new Multipart(BOUNDARY).file("files", "a.mp4", "video/mp4", new byte[4]).build();
        String type = "multipart/form-data; boundary=" + BOUNDARY;
        String otherToken = http.newToken("someone-else");
        String otherSid = http.newSession(otherToken);

        assertError(Multipart.post(uploadUri(sid), body, "Content-Type", type), 401, 1001);
        assertError(Multipart.post(uploadUri(otherSid), body, "Authorization", "Bearer " + token,
                "Content-Type", type), 200, 1002);
        assertError(Multipart.post(uploadUri("1234567890123456789"), body, "Authorization", "Bearer " + token,
                "Content-Type", type), 200, 1002);
        emu.deleteSession(sid);
        assertError(upload(body, type), 200, 1002);
        assertThat(emu.requestCount(Endpoint.UPLOAD)).isEqualTo(4);
    }

    @Test
    void faultsApplyToUploadsAndTheCdn() {
        start();
        byte[] body = new Multipart(BOUNDARY).file("files", "a.mp4", "video/mp4", Multipart.binary(200_000, 3)).build();
        String type = "multipart/form-data; boundary=" + BOUNDARY;
        emu.inject(Endpoint.UPLOAD, Fault.serverError(502), 1);
        emu.inject(Endpoint.UPLOAD, Fault.rateLimited(Duration.ofSeconds(3)), 1);

        HttpResponse<String> first = upload(body, type);
        HttpResponse<String> second = upload(body, type);
        HttpResponse<String> third = upload(body, type);

        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(first.body()).contains("502 Bad Gateway");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("3");
        JsonNode file = Http.successData(third).get("files").get(0);
        assertThat(emu.requestCount(Endpoint.UPLOAD)).isEqualTo(3);
        assertThat(emu.requests().stream().filter(r -> r.endpoint().isPresent()
                && r.endpoint().get() == Endpoint.UPLOAD).mapToLong(RecordedRequest::bodyLength))
                .containsOnly((long) body.length);

        emu.inject(Endpoint.CDN, Fault.serverError(503), 1);
        assertThat(Multipart.getBytes(URI.create(file.get("cdn_url").asText())).statusCode()).isEqualTo(503);
        assertThat(Multipart.getBytes(URI.create(file.get("cdn_url").asText())).statusCode()).isEqualTo(200);
    }

    @Test
    void theCdnAnswers404ForUnknownIdsAndWrongNames() {
        start();
        JsonNode file = Http.successData(uploadMultipart(new Multipart(BOUNDARY).file("files", "a.mp4", "video/mp4",
                new byte[3]))).get("files").get(0);
        String url = file.get("cdn_url").asText();

        assertThat(Multipart.getBytes(URI.create(url.replace("/a.mp4", "/b.mp4"))).statusCode()).isEqualTo(404);
        assertThat(Multipart.getBytes(emu.baseUrl().resolve("/cdn/m_0000000000000000/a.mp4")).statusCode())
                .isEqualTo(404);
    }
}
