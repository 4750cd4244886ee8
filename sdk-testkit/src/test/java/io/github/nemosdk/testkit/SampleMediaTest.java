package io.github.nemosdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleMediaTest {

    @Test
    void theClipsAreSmallFastStartMp4s() {
        for (byte[] mp4 : new byte[][] {SampleMedia.horizontalMp4(), SampleMedia.verticalMp4()}) {
            assertThat(mp4.length).isBetween(1000, 60 * 1024);
            assertThat(new String(mp4, 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ftyp");
            int ftyp = ((mp4[2] & 0xFF) << 8) | (mp4[3] & 0xFF);
            assertThat(new String(mp4, ftyp + 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("moov");
            assertThat(new String(mp4, StandardCharsets.ISO_8859_1)).contains("avc1").contains("mp4a");
        }
        assertThat(SampleMedia.horizontalMp4()).isNotEqualTo(SampleMedia.verticalMp4());
    }

    @Test
    void everyCallReturnsAFreshCopy() {
        byte[] first = SampleMedia.horizontalMp4();
        first[0] = 42;

        assertThat(SampleMedia.horizontalMp4()[0]).isZero();
        assertThat(SampleMedia.verticalMp4()).isNotSameAs(SampleMedia.verticalMp4());
    }

    @Test
    void writesTheClipsToFilesCreatingParentDirectories(@TempDir Path dir) throws Exception {
        Path horizontal = SampleMedia.writeHorizontalMp4(dir.resolve("h.mp4"));
        Path vertical = SampleMedia.writeVerticalMp4(dir.resolve("new/dirs/v.mp4"));

        assertThat(horizontal).isEqualTo(dir.resolve("h.mp4"));
        assertThat(Files.readAllBytes(horizontal)).isEqualTo(SampleMedia.horizontalMp4());
        assertThat(Files.readAllBytes(vertical)).isEqualTo(SampleMedia.verticalMp4());
        assertThat(SampleMedia.writeHorizontalMp4(horizontal)).isEqualTo(horizontal);
    }
}
