package io.github.nemosdk.uploads;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.errors.InvalidUploadException;
import io.github.nemosdk.errors.ServerErrorException;
import io.github.nemosdk.errors.UnsupportedFileTypeException;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WireMockTest
class UploadsTest {
    private static final String SID = "7000000000000000003";
    private static final String PATH = "/api/upload-video/nemo_agent/me/" + SID;
    private static final String OK = "{\"code\":0,\"data\":{\"files\":[{\"filename\":\"clip.mp4\",\"file_type\":\"video\","
            + "\"cdn_url\":\"https://cdn.example/clip.mp4\",\"duration\":12.5,\"width\":1920,\"height\":1080,"
            + "\"fps\":29.97,\"hash\":\"abc\"}],\"session_state_applied\":true}}";

    @TempDir
    Path dir;

    private NemoClient client(WireMockRuntimeInfo wm, Product product) {
        return NemoClient.builder().baseUrl(URI.create(wm.getHttpBaseUrl())).token("nmv_usr_up")
                .environment(Map.of()).configDirectory(dir.resolve("cfg")).product(product).sleeper(d -> { })
                .build();
    }

    private Path mp4(String name, int size) throws Exception {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        System.arraycopy(new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 0, b, 0, 12);
        return Files.write(dir.resolve(name), b);
    }

    private Path sparse(String name, long size, byte[] head) throws Exception {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(head);
            f.setLength(size);
        }
        return p;
    }

    @Test
    void oneFileIsSentAsAFilesPartWithItsBytesAndTheResultIsTyped(WireMockRuntimeInfo wm) throws Exception {
        Path clip = mp4("clip.mp4", 300_000);
        stubFor(post(PATH).willReturn(okJson(OK)));
        List<long[]> progress = new CopyOnWriteArrayList<>();
        UploadResult result;
        try (NemoClient client = client(wm, Product.ADD_MUSIC)) {
            result = client.uploads(SID).onProgress((sent, total) -> progress.add(new long[] {sent, total}))
                    .file(clip);
        }
        verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", containing("multipart/form-data; boundary="))
                .withHeader("Authorization", equalTo("Bearer nmv_usr_up"))
                .withRequestBodyPart(aMultipart().withName("files")
                        .withHeader("Content-Disposition", containing("filename=\"clip.mp4\""))
                        .withHeader("Content-Type", equalTo("video/mp4"))
                        .withBody(binaryEqualTo(Files.readAllBytes(clip))).build()));
        LoggedRequest sent = WireMock.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        assertThat(sent.getHeader("Content-Length")).isEqualTo(String.valueOf(sent.getBody().length));
        UploadedFile f = result.files().get(0);
        assertThat(f.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(f.duration()).contains(Duration.ofMillis(12_500));
        assertThat(f.width()).hasValue(1920);
        assertThat(f.fps()).hasValue(29.97);
        assertThat(f.cdnUrl()).contains(URI.create("https://cdn.example/clip.mp4"));
        assertThat(result.stateApplied()).isTrue();
        long total = progress.get(progress.size() - 1)[1];
        assertThat(total).isEqualTo(sent.getBody().length);
        assertThat(progress.get(progress.size() - 1)[0]).as("progress reaches 100%").isEqualTo(total);
        assertThat(progress).extracting(p -> p[0]).isSorted();
    }

    @Test
    void severalFilesGoInOneRequestWithOnePartEach(WireMockRuntimeInfo wm) throws Exception {
        Path a = mp4("a.MP4", 1000);
        Path b = Files.write(dir.resolve("song.mp3"), concat("ID3".getBytes(StandardCharsets.US_ASCII),
                new byte[5000]));
        Path c = Files.write(dir.resolve("cover.png"), concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10},
                new byte[300]));
        stubFor(post(PATH).willReturn(okJson(OK)));
        try (NemoClient client = client(wm, Product.ADD_MUSIC)) {
            client.uploads(SID).files(List.of(a, b, c));
        }
        verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBodyPart(aMultipart().withName("files")
                        .withHeader("Content-Disposition", containing("filename=\"a.MP4\""))
                        .withHeader("Content-Type", equalTo("video/mp4"))
                        .withBody(binaryEqualTo(Files.readAllBytes(a))).build())
                .withRequestBodyPart(aMultipart().withName("files")
                        .withHeader("Content-Disposition", containing("filename=\"song.mp3\""))
                        .withHeader("Content-Type", equalTo("audio/mpeg"))
                        .withBody(binaryEqualTo(Files.readAllBytes(b))).build())
                .withRequestBodyPart(aMultipart().withName("files")
                        .withHeader("Content-Disposition", containing("filename=\"cover.png\""))
                        .withHeader("Content-Type", equalTo("image/png"))
                        .withBody(binaryEqualTo(Files.readAllBytes(c))).build()));
        String body = new String(WireMock.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBody(),
                StandardCharsets.ISO_8859_1);
        assertThat(body.split("name=\"files\"", -1)).hasSize(4);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void a600MegabyteFileIsRefusedBeforeAnyRequest(WireMockRuntimeInfo wm) throws Exception {
        Path big = sparse("big.mp4", 600L * 1024 * 1024, new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p'});
        try (NemoClient client = client(wm, Product.TIKTOK_ADD_MUSIC)) {
            assertThatThrownBy(() -> client.uploads(SID).file(big))
                    .isInstanceOfSatisfying(InvalidUploadException.class, e -> {
                        assertThat(e.reason()).isEqualTo(InvalidUploadException.Reason.TOO_LARGE);
                        assertThat(e.subject()).isEqualTo("big.mp4");
                    })
                    .hasMessageContaining("big.mp4").hasMessageContaining("600 MB").hasMessageContaining("500 MB");
        }
        assertThat(WireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void musicMakerHasA200MegabyteLimit(WireMockRuntimeInfo wm) throws Exception {
        Path mid = sparse("mid.mp4", 300L * 1024 * 1024, new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p'});
        stubFor(post(PATH).willReturn(okJson(OK)));
        try (NemoClient mm = client(wm, Product.MUSIC_MAKER)) {
            assertThatThrownBy(() -> mm.uploads(SID).file(mid)).hasMessageContaining("200 MB");
        }
        assertThat(WireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void anMp4HoldingTextAndOtherBadFilesAreRefusedBeforeAnyRequest(WireMockRuntimeInfo wm) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "just some text, not a video at all");
        Path doc = Files.writeString(dir.resolve("notes.txt"), "text");
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        try (NemoClient client = client(wm, Product.ADD_MUSIC)) {
            assertThatThrownBy(() -> client.uploads(SID).file(text))
                    .isInstanceOfSatisfying(InvalidUploadException.class, e ->
                            assertThat(e.reason()).isEqualTo(InvalidUploadException.Reason.CONTENT_MISMATCH))
                    .hasMessageContaining("notes.mp4").hasMessageContaining("not MP4");
            assertThatThrownBy(() -> client.uploads(SID).file(doc))
                    .isInstanceOfSatisfying(InvalidUploadException.class, e ->
                            assertThat(e.reason()).isEqualTo(InvalidUploadException.Reason.UNSUPPORTED_FORMAT))
                    .hasMessageContaining(String.join(", ", UnsupportedFileTypeException.ACCEPTED_FORMATS));
            assertThatThrownBy(() -> client.uploads(SID).file(dir.resolve("missing.mp4")))
                    .isInstanceOfSatisfying(InvalidUploadException.class, e ->
                            assertThat(e.reason()).isEqualTo(InvalidUploadException.Reason.NOT_FOUND));
            assertThatThrownBy(() -> client.uploads(SID).file(empty))
                    .isInstanceOfSatisfying(InvalidUploadException.class, e ->
                            assertThat(e.reason()).isEqualTo(InvalidUploadException.Reason.EMPTY));
            assertThatThrownBy(() -> client.uploads(SID).file(dir))
                    .isInstanceOfSatisfying(InvalidUploadException.class, e ->
                            assertThat(e.reason()).isEqualTo(InvalidUploadException.Reason.NOT_READABLE));
            // one bad file in a batch refuses the whole request
            Path good = mp4("good.mp4", 100);
            assertThatThrownBy(() -> client.uploads(SID).files(List.of(good, text)))
                    .isInstanceOf(InvalidUploadException.class);
            assertThatThrownBy(() -> client.uploads(SID).urls(List.of(URI.create("ftp://host/a.mp4"))))
                    .isInstanceOfSatisfying(InvalidUploadException.class, e ->
                            assertThat(e.reason()).isEqualTo(InvalidUploadException.Reason.BAD_URL));
        }
        assertThat(WireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void urlsAreSentAsJson(WireMockRuntimeInfo wm) {
        stubFor(post(PATH).willReturn(okJson(OK)));
        try (NemoClient client = client(wm, Product.ADD_MUSIC)) {
            client.uploads(SID).urls(List.of(URI.create("https://example.com/v/clip.mp4")));
        }
        verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson(
                "{\"urls\":[\"https://example.com/v/clip.mp4\"],\"source_type\":\"url\"}")));
    }

    @Test
    void aRateLimitedUploadIsSentAgainWholeButAServerErrorIsNot(WireMockRuntimeInfo wm) throws Exception {
        Path clip = mp4("clip.mp4", 50_000);
        stubFor(post(PATH).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        stubFor(post(PATH).inScenario("rl").whenScenarioStateIs("ok").willReturn(okJson(OK)));
        try (NemoClient client = client(wm, Product.ADD_MUSIC)) {
            client.uploads(SID).file(clip);
            List<LoggedRequest> sent = WireMock.findAll(postRequestedFor(urlEqualTo(PATH)));
            assertThat(sent).hasSize(2);
            assertThat(sent.get(1).getBody()).isEqualTo(sent.get(0).getBody());

            WireMock.reset();
            stubFor(post(PATH).willReturn(aResponse().withStatus(502).withBody("<h1>Bad Gateway</h1>")));
            assertThatThrownBy(() -> client.uploads(SID).file(clip)).isInstanceOf(ServerErrorException.class);
            verify(1, postRequestedFor(urlEqualTo(PATH)));
        }
    }

    @Test
    void aStreamUploadIsCheckedSentOnceAndNeverRetried(WireMockRuntimeInfo wm) throws Exception {
        byte[] bytes = Files.readAllBytes(mp4("s.mp4", 20_000));
        stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        try (NemoClient client = client(wm, Product.ADD_MUSIC)) {
            assertThatThrownBy(() -> client.uploads(SID).stream(new ByteArrayInputStream(bytes), "s.mp4",
                    bytes.length)).isInstanceOf(io.github.nemosdk.errors.RateLimitedException.class);
            verify(1, postRequestedFor(urlEqualTo(PATH)));

            WireMock.reset();
            stubFor(post(PATH).willReturn(okJson(OK)));
            client.uploads(SID).stream(new ByteArrayInputStream(bytes), "s.mp4", bytes.length);
            verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBodyPart(aMultipart().withName("files")
                    .withBody(binaryEqualTo(bytes)).build()));
            assertThatThrownBy(() -> client.uploads(SID).stream(new ByteArrayInputStream("hello".getBytes(
                    StandardCharsets.UTF_8)), "x.wav", 5)).isInstanceOfSatisfying(InvalidUploadException.class, e ->
                            assertThat(e.reason()).isEqualTo(InvalidUploadException.Reason.CONTENT_MISMATCH));
        }
    }
}
