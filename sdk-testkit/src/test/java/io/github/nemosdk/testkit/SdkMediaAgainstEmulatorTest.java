package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.nemosdk.NemoClient;
import io.github.nemosdk.Product;
import io.github.nemosdk.errors.EditNotAppliedException;
import io.github.nemosdk.errors.InvalidUploadException;
import io.github.nemosdk.render.RenderSettings;
import io.github.nemosdk.uploads.MediaKind;
import io.github.nemosdk.uploads.UploadResult;
import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditOptions;
import io.github.nemosdk.workflows.QuickEditResult;
import io.github.nemosdk.workflows.WorkflowStage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Uploads, rendering and the quick edit against the emulator, end to end. */
class SdkMediaAgainstEmulatorTest {
    @TempDir
    Path dir;

    private NemoClient client(NemoEmulator emulator, Product product) {
        return NemoClient.builder().baseUrl(emulator.baseUrl()).environment(Map.of())
                .configDirectory(dir.resolve("cfg")).product(product).sleeper(d -> { })
                .renderSettings(RenderSettings.of(Duration.ofMillis(50), Duration.ofSeconds(30))).build();
    }

    static void assertMp4(Path file) throws Exception {
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 12);
        assertThat(new String(head, 4, 4, StandardCharsets.US_ASCII)).as("ftyp box").isEqualTo("ftyp");
        assertThat(Files.size(file)).isGreaterThan(1000);
    }

    private static List<JsonNode> renderBodies(NemoEmulator emulator) {
        ObjectMapper m = new ObjectMapper();
        return emulator.requests().stream().filter(r -> r.endpoint().equals(Optional.of(Endpoint.RENDER_START)))
                .map(r -> {
                    try {
                        return m.readTree(r.body());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).collect(Collectors.toList());
    }

    @Test
    void uploadChatExportGivesAValidMp4() throws Exception {
        Path clip = SampleMedia.writeHorizontalMp4(dir.resolve("city.mp4"));
        try (NemoEmulator emulator = NemoEmulator.builder().silentRatio(1.0).start();
                NemoClient client = client(emulator, Product.ADD_MUSIC)) {
            String sid = client.sessions().create().sessionId();
            UploadResult up = client.uploads(sid).file(clip);
            assertThat(up.files()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(MediaKind.VIDEO);
                assertThat(f.width()).hasValue(192);
            });
            assertThat(client.chat(sid).send("add lo-fi music at 35% and fade it out").change().get().description())
                    .isEqualTo("Added BGM: Lo-fi (0-2s, 35%)");
            Path out = dir.resolve("out/city-music.mp4");
            client.render().export(sid, out);
            assertMp4(out);
            assertThat(Files.readAllBytes(out)).isEqualTo(SampleMedia.horizontalMp4());
        }
    }

    @Test
    void theQuickEditReportsEveryStageAndTikTokExportsVertical() throws Exception {
        Path clip = SampleMedia.writeHorizontalMp4(dir.resolve("dance.mp4"));
        List<WorkflowStage> stages = new CopyOnWriteArrayList<>();
        try (NemoEmulator emulator = NemoEmulator.start();
                NemoClient client = client(emulator, Product.TIKTOK_ADD_MUSIC)) {
            QuickEditResult r = client.workflows().addMusic(clip, "add a trending track that fits the mood",
                    dir.resolve("tiktok.mp4"), QuickEditOptions.defaults().withListener((f, s, m) -> stages.add(s)));
            assertThat(r.change().description()).startsWith("Added BGM: Trending");
            assertThat(Files.readAllBytes(r.output())).isEqualTo(SampleMedia.verticalMp4());
            JsonNode output = renderBodies(emulator).get(0).get("output");
            assertThat(output.get("width").asInt()).isEqualTo(1080);
            assertThat(output.get("height").asInt()).isEqualTo(1920);
        }
        assertThat(stages.stream().distinct().collect(Collectors.toList())).containsExactly(
                WorkflowStage.SESSION_CREATED, WorkflowStage.UPLOADED, WorkflowStage.EDITED, WorkflowStage.CONFIRMED,
                WorkflowStage.RENDERING, WorkflowStage.DONE);
    }

    @Test
    void aFailedRenderIsRetriedOnceWithANewId() throws Exception {
        Path clip = SampleMedia.writeHorizontalMp4(dir.resolve("a.mp4"));
        try (NemoEmulator emulator = NemoEmulator.start(); NemoClient client = client(emulator, Product.ADD_MUSIC)) {
            emulator.failNextRenders(1);
            QuickEditResult r = client.workflows().addMusic(clip, "add jazz music", dir.resolve("a-out.mp4"));
            assertThat(r.export().renders()).isEqualTo(2);
            List<String> ids = renderBodies(emulator).stream().map(b -> b.get("id").asText())
                    .collect(Collectors.toList());
            assertThat(ids).hasSize(2).doesNotHaveDuplicates();
            assertMp4(r.output());
        }
    }

    @Test
    void anInstructionThatChangesNothingIsReportedAndNothingIsRendered() throws Exception {
        Path clip = SampleMedia.writeHorizontalMp4(dir.resolve("b.mp4"));
        try (NemoEmulator emulator = NemoEmulator.start(); NemoClient client = client(emulator, Product.ADD_MUSIC)) {
            assertThatThrownBy(() -> client.workflows().addMusic(clip, "hello, what can you do?",
                    dir.resolve("b-out.mp4"))).isInstanceOf(EditNotAppliedException.class)
                    .hasMessageContaining("Rephrase");
            assertThat(emulator.requestCount(Endpoint.RENDER_START)).isZero();
        }
        assertThat(dir.resolve("b-out.mp4")).doesNotExist();
    }

    @Test
    void aBatchSurvivesABadFileAndGivesOneResultPerInput() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Path a = SampleMedia.writeHorizontalMp4(dir.resolve("in/a.mp4"));
        Path bad = Files.writeString(dir.resolve("in/notes.mp4"), "this is text, not a video");
        Path c = SampleMedia.writeHorizontalMp4(dir.resolve("in/c.mp4"));
        try (NemoEmulator emulator = NemoEmulator.start(); NemoClient client = client(emulator, Product.ADD_MUSIC)) {
            BatchResult r = client.workflows().addMusicToEach(List.of(a, bad, c), "add upbeat music at 40%",
                    dir.resolve("batch"), QuickEditOptions.defaults().withConcurrency(2));
            assertThat(r.items()).extracting(BatchResult.Item::input).containsExactly(a, bad, c);
            assertThat(r.succeeded()).hasSize(2);
            assertThat(r.failed()).singleElement().satisfies(i ->
                    assertThat(i.failure().get()).isInstanceOf(InvalidUploadException.class));
            assertMp4(dir.resolve("batch/a-music.mp4"));
            assertMp4(dir.resolve("batch/c-music.mp4"));
            assertThat(emulator.requestCount(Endpoint.RENDER_START)).isEqualTo(2);
            assertThat(emulator.requestCount(Endpoint.CREATE_SESSION)).isEqualTo(2);
        }
    }

    @Test
    void exportWithoutAttributionHeadersIsBlocked() throws Exception {
        Path clip = SampleMedia.writeHorizontalMp4(dir.resolve("d.mp4"));
        try (NemoEmulator emulator = NemoEmulator.start(); NemoClient client = client(emulator, Product.ADD_MUSIC)) {
            String sid = client.sessions().create().sessionId();
            client.uploads(sid).file(clip);
            java.net.http.HttpClient raw = java.net.http.HttpClient.newHttpClient();
            String token = emulator.requests().stream().map(rq -> rq.header("Authorization"))
                    .filter(Optional::isPresent).map(Optional::get).findFirst().orElseThrow().substring(7);
            java.net.http.HttpResponse<String> resp = raw.send(java.net.http.HttpRequest.newBuilder(
                    emulator.baseUrl().resolve("/api/render/proxy/lambda")).header("Authorization", "Bearer " + token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\":\"render_x\",\"sessionId\":\""
                            + sid + "\",\"draft\":" + emulator.draft(sid) + ",\"output\":{\"format\":\"mp4\"}}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).isEqualTo(402);
            // the SDK always sends attribution, so the same export through it works
            assertMp4(client.render().export(sid, dir.resolve("d-out.mp4")).file());
        }
    }

    @Test
    void anAnonymousExportRefusedByTheServiceSaysWhereToRegisterAndIsNotRetried() throws Exception {
        try (NemoEmulator emulator = NemoEmulator.builder().anonymousExport(false).start();
                NemoClient client = client(emulator, Product.ADD_MUSIC)) {
            String sid = client.sessions().create().sessionId();
            client.uploads(sid).file(SampleMedia.writeHorizontalMp4(dir.resolve("e.mp4")));
            assertThatThrownBy(() -> client.render().export(sid, dir.resolve("e-out.mp4")))
                    .isInstanceOfSatisfying(io.github.nemosdk.errors.ExportBlockedException.class, e -> {
                        assertThat(e.registrationLink()).isPresent();
                        assertThat(e.registrationLink().get().toString())
                                .matches("https://nemovideo\\.com/register\\?bind=anon_[0-9a-f]+");
                        assertThat(e.getMessage()).contains("Register at " + e.registrationLink().get());
                    });
            assertThat(emulator.requestCount(Endpoint.RENDER_START)).isEqualTo(1);
            assertThat(emulator.tokensIssued()).isEqualTo(1);
            assertThat(dir.resolve("e-out.mp4")).doesNotExist();
        }
    }

    @ParameterizedTest
    @EnumSource(RenderStatusShape.class)
    void everyRenderStatusShapeExportsTheSameVideo(RenderStatusShape shape) throws Exception {
        try (NemoEmulator emulator = NemoEmulator.builder().renderStatusShape(shape).start();
                NemoClient client = client(emulator, Product.ADD_MUSIC)) {
            String sid = client.sessions().create().sessionId();
            client.uploads(sid).file(SampleMedia.writeHorizontalMp4(dir.resolve("s.mp4")));
            Path out = client.render().export(sid, dir.resolve("s-" + shape + ".mp4")).file();
            assertMp4(out);
            assertThat(Files.readAllBytes(out)).isEqualTo(SampleMedia.horizontalMp4());
            assertThat(emulator.requestCount(Endpoint.DOWNLOAD)).as("the output URL was used").isZero();
        }
    }
}
