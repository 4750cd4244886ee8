package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nemosdk.NemoClient;
import io.github.nemosdk.RetrySettings;
import io.github.nemosdk.errors.ChatRecoveryFailedException;
import io.github.nemosdk.workflows.BatchResult;
import io.github.nemosdk.workflows.QuickEditOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resumable batches: a run that dies is started again, and every clip is done exactly once. */
class BatchResumeTest {
    private static final String INSTRUCTION = "add jazz music and fade it out";

    @TempDir
    Path dir;

    private NemoEmulator emulator;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        emulator = NemoEmulator.builder().silentRatio(0).start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private NemoClient client() {
        return NemoClient.builder().baseUrl(emulator.baseUrl()).configDirectory(dir.resolve("config"))
                .environment(Map.of()).sleeper(waits::add).build();
    }

    private List<Path> clips(int n) {
        List<Path> clips = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            clips.add(SampleMedia.writeHorizontalMp4(dir.resolve("clip" + i + ".mp4")));
        }
        return clips;
    }

    @Test
    void aRunKilledMidwayInItsOwnJvmResumesWithEveryClipDoneExactlyOnce() throws Exception {
        List<Path> clips = clips(4);
        Path journal = dir.resolve("batch.journal");
        Path out = dir.resolve("out");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BatchChild.class.getName(),
                emulator.baseUrl().toString(), dir.resolve("config").toString(), journal.toString(), out.toString(),
                INSTRUCTION, "clip3.mp4:UPLOADED"));
        for (Path c : clips) {
            command.add(c.toString());
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child batch ended").isTrue();
        assertThat(child.exitValue()).as("the child died where told: %s", Files.readString(dir.resolve("child.log")))
                .isEqualTo(3);
        assertThat(emulator.requestCount(Endpoint.CHAT)).as("messages sent before the crash").isEqualTo(2);

        BatchResult result;
        try (NemoClient client = client()) {
            result = client.workflows().addMusicToEach(clips, INSTRUCTION, out,
                    QuickEditOptions.defaults().withJournal(journal));
        }
        assertThat(result.items()).as("items: %s, failures: %s", result.items(), result.items().stream()
                .map(i -> i.failure().map(e -> e.toString()).orElse("-")).collect(java.util.stream.Collectors.toList()))
                .extracting(BatchResult.Item::status).containsExactly(BatchResult.Status.SKIPPED,
                BatchResult.Status.SKIPPED, BatchResult.Status.DONE, BatchResult.Status.DONE);
        assertThat(emulator.requestCount(Endpoint.CHAT)).as("each clip's message sent exactly once").isEqualTo(4);
        assertThat(emulator.requestCount(Endpoint.CREATE_SESSION)).as("one session per clip").isEqualTo(4);
        assertThat(emulator.requestCount(Endpoint.UPLOAD)).as("one upload per clip").isEqualTo(4);
        for (BatchResult.Item item : result.items()) {
            assertThat(Files.readAllBytes(item.output().orElseThrow())).isEqualTo(SampleMedia.horizontalMp4());
        }
        assertThat(result.items().get(2).sessionId()).isEqualTo(result.items().get(2).sessionId());
        assertThat(Files.readString(journal)).doesNotContain("nmv_");
    }

    @Test
    void aMessageSentBeforeTheCrashIsRecoveredFromTheTimelineAndNeverSentAgain() throws Exception {
        Path clip = clips(1).get(0);
        Path journal = dir.resolve("batch.journal");
        try (NemoClient client = client()) {
            String sid = client.sessions().create().sessionId();
            client.uploads(sid).file(clip);
            String before = client.state(sid).latest().draft().toJson().toString();
            writeJournal(journal, clip, sid, sha256(before));
            client.chat(sid).send(INSTRUCTION); // the earlier run sent it, then died before the answer
            int chats = emulator.requestCount(Endpoint.CHAT);

            BatchResult result = client.workflows().addMusicToEach(List.of(clip), INSTRUCTION, dir.resolve("out"),
                    QuickEditOptions.defaults().withJournal(journal));
            assertThat(result.items().get(0).status()).isEqualTo(BatchResult.Status.RECOVERED);
            assertThat(result.items().get(0).sessionId()).hasValue(sid);
            assertThat(emulator.requestCount(Endpoint.CHAT)).as("not sent again").isEqualTo(chats);
            assertThat(result.items().get(0).output()).hasValueSatisfying(p -> assertThat(p).isRegularFile());
        }
    }

    @Test
    void aMessageSentWithoutAVisibleEditIsReportedAndNotSentAgain() throws Exception {
        Path clip = clips(1).get(0);
        Path journal = dir.resolve("batch.journal");
        try (NemoClient client = client()) {
            String sid = client.sessions().create().sessionId();
            client.uploads(sid).file(clip);
            writeJournal(journal, clip, sid, sha256(client.state(sid).latest().draft().toJson().toString()));

            BatchResult result = client.workflows().addMusicToEach(List.of(clip), INSTRUCTION, dir.resolve("out"),
                    QuickEditOptions.defaults().withJournal(journal));
            assertThat(result.items().get(0).status()).isEqualTo(BatchResult.Status.FAILED);
            assertThat(result.items().get(0).failure()).hasValueSatisfying(f -> assertThat(f)
                    .isInstanceOf(ChatRecoveryFailedException.class).hasMessageContaining("not sent again"));
            assertThat(emulator.requestCount(Endpoint.CHAT)).isZero();
        }
    }

    @Test
    void aRateLimitSlowsTheWholeBatchInsteadOfFailingClips() {
        List<Path> clips = clips(3);
        // more 429s than one call's retries absorb: the batch itself has to wait
        emulator.inject(Endpoint.CREATE_SESSION, Fault.rateLimited(Duration.ofSeconds(7)),
                RetrySettings.defaults().maxAttempts());
        BatchResult result;
        try (NemoClient client = client()) {
            result = client.workflows().addMusicToEach(clips, INSTRUCTION, dir.resolve("out"),
                    QuickEditOptions.defaults().withConcurrency(2));
        }
        assertThat(result.failed()).isEmpty();
        assertThat(result.items()).extracting(BatchResult.Item::status).containsOnly(BatchResult.Status.DONE);
        assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(3);
        // the client's own retries wait at least the 7 s asked (jitter only adds); the batch's pause is what is left
        // of those 7 s when the refusal reaches it: a wait just under 7 s can only be the batch's
        assertThat(waits).as("waits asked of the sleeper").anySatisfy(d -> assertThat(d)
                .isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7)).isNotEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void theSameClipListedTwiceIsTwoItemsOfTheJournal() {
        Path clip = clips(1).get(0);
        try (NemoClient client = client()) {
            BatchResult result = client.workflows().addMusicToEach(List.of(clip, clip), INSTRUCTION,
                    dir.resolve("out"), QuickEditOptions.defaults().withJournal(dir.resolve("batch.journal")));
            assertThat(result.items()).extracting(BatchResult.Item::status).containsOnly(BatchResult.Status.DONE);
            assertThat(result.items().get(0).output()).isNotEqualTo(result.items().get(1).output());
        }
        assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(2);
    }

    @Test
    void aChatRefusedWith429BeforeItReachedTheServiceIsSentWhenTheBatchMayGoOn() {
        Path clip = clips(1).get(0);
        emulator.inject(Endpoint.CHAT, Fault.rateLimited(Duration.ofSeconds(3)), RetrySettings.defaults().maxAttempts());
        BatchResult result;
        try (NemoClient client = client()) {
            result = client.workflows().addMusicToEach(List.of(clip), INSTRUCTION, dir.resolve("out"),
                    QuickEditOptions.defaults().withJournal(dir.resolve("batch.journal")));
        }
        assertThat(result.items().get(0).status()).isEqualTo(BatchResult.Status.DONE);
        // three refusals (never acted on), then the one message that went through
        assertThat(emulator.requestCount(Endpoint.CHAT)).isEqualTo(RetrySettings.defaults().maxAttempts() + 1);
        assertThat(emulator.draft(result.items().get(0).sessionId().orElseThrow())).isNotEqualTo("{\"t\":[]}");
    }

    @Test
    void aJournalInUseOrResumedWithOtherFilesIsRefusedBeforeAnythingIsSent() throws Exception {
        List<Path> clips = clips(2);
        Path journal = dir.resolve("batch.journal");
        try (NemoClient client = client()) {
            client.workflows().addMusicToEach(List.of(clips.get(0)), INSTRUCTION, dir.resolve("out"),
                    QuickEditOptions.defaults().withJournal(journal));
            int sessions = emulator.requestCount(Endpoint.CREATE_SESSION);
            // the same file now written under another name (listed after a file with the same stem elsewhere)
            Path other = Files.createDirectories(dir.resolve("elsewhere")).resolve("clip1.mp4");
            Files.copy(clips.get(0), other);
            assertThatThrownBy(() -> client.workflows().addMusicToEach(List.of(other, clips.get(0)), INSTRUCTION,
                    dir.resolve("out"), QuickEditOptions.defaults().withJournal(journal)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same files in the same order");
            try (java.nio.channels.FileChannel held = java.nio.channels.FileChannel.open(journal,
                    java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = held.lock()) {
                assertThat(lock.isValid()).as("another run holds the journal").isTrue();
                assertThatThrownBy(() -> client.workflows().addMusicToEach(List.of(clips.get(1)), INSTRUCTION,
                        dir.resolve("out"), QuickEditOptions.defaults().withJournal(journal)))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
            }
            assertThat(emulator.requestCount(Endpoint.CREATE_SESSION)).isEqualTo(sessions);
        }
    }

    @Test
    void aJournalOfAnotherInstructionIsRefusedBeforeAnythingIsSent() throws Exception {
        Path clip = clips(1).get(0);
        Path journal = dir.resolve("batch.journal");
        Files.writeString(journal, "{\"instruction\":\"add rock music\"}\n");
        try (NemoClient client = client()) {
            assertThatThrownBy(() -> client.workflows().addMusicToEach(List.of(clip), INSTRUCTION,
                    dir.resolve("out"), QuickEditOptions.defaults().withJournal(journal)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another instruction");
        }
        assertThat(emulator.requestCount(Endpoint.CREATE_SESSION)).isZero();
    }

    @Test
    void aLineCutShortByACrashIsIgnored() throws Exception {
        Path clip = clips(1).get(0);
        Path journal = dir.resolve("batch.journal");
        Files.writeString(journal, "{\"instruction\":\"" + INSTRUCTION + "\"}\n{\"input\":\"" + clip.toAbsolutePath()
                .toString().replace(File.separator, File.separator.equals("\\") ? "\\\\" : "/") + "\",\"stage\":\"SESS",
                StandardCharsets.UTF_8);
        try (NemoClient client = client()) {
            BatchResult result = client.workflows().addMusicToEach(List.of(clip), INSTRUCTION, dir.resolve("out"),
                    QuickEditOptions.defaults().withJournal(journal));
            assertThat(result.items().get(0).status()).isEqualTo(BatchResult.Status.DONE);
        }
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines.get(2)).as("the next record starts on a line of its own").startsWith("{\"input\"");
    }

    /** The journal keeps a fingerprint of the draft before the message: hex SHA-256 of its JSON text. */
    private static String sha256(String text) throws Exception {
        byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        for (byte b : h) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    private void writeJournal(Path journal, Path clip, String sid, String before) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        Path out = dir.resolve("out").resolve(clip.getFileName().toString().replace(".mp4", "-music.mp4"));
        String input = clip.toAbsolutePath().normalize() + " -> " + out.toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        lines.add(m.writeValueAsString(Map.of("instruction", INSTRUCTION)));
        lines.add(m.writeValueAsString(Map.of("input", input, "stage", "SESSION", "session", sid)));
        lines.add(m.writeValueAsString(Map.of("input", input, "stage", "UPLOADED", "session", sid)));
        lines.add(m.writeValueAsString(Map.of("input", input, "stage", "SENDING", "session", sid, "before", before)));
        Files.write(journal, lines);
    }
}
