package io.camelaxis.mjpeg.parser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;

import javax.imageio.ImageIO;

import io.camelaxis.mjpeg.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JpegMetadataTest {

    @Test
    void realAxisFramesCarryTheirCaptureTimeAndSize() throws Exception {
        List<byte[]> frames = TestData.captureFrames();
        for (int i = 0; i < frames.size(); i++) {
            JpegMetadata metadata = JpegMetadata.read(frames.get(i));
            assertThat(metadata.width()).isEqualTo(320);
            assertThat(metadata.height()).isEqualTo(240);
            assertThat(metadata.cameraTimestamp()).as("frame %d", i)
                    .isEqualTo(TestData.CAPTURE_FIRST_TIMESTAMP + i * 40L);
        }
        assertThat(Instant.ofEpochMilli(JpegMetadata.read(frames.get(0)).cameraTimestamp()))
                .isEqualTo(Instant.parse("2013-07-24T14:34:45.67Z"));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(frames.get(0)));
        assertThat(decoded.getWidth()).isEqualTo(320);
    }

    @Test
    void framesWithoutAxisSegmentHaveNoCameraTimestamp() {
        byte[] plain = io.camelaxis.mjpeg.simulator.AxisJpeg.render(33, 17, 1, Instant.EPOCH, null, 0.5f);
        JpegMetadata metadata = JpegMetadata.read(plain);
        assertThat(metadata.hasCameraTimestamp()).isFalse();
        assertThat(metadata.width()).isEqualTo(33);
        assertThat(metadata.height()).isEqualTo(17);
    }

    @Test
    void garbageYieldsNothingAndNeverThrows() {
        assertThat(JpegMetadata.read(new byte[0]).width()).isEqualTo(-1);
        assertThat(JpegMetadata.read(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0x7F, 0x7F })
                .width()).isEqualTo(-1);
        byte[] truncated = java.util.Arrays.copyOf(TestData.captureFrames().get(0), 40);
        assertThat(JpegMetadata.read(truncated).cameraTimestamp()).isEqualTo(TestData.CAPTURE_FIRST_TIMESTAMP);
    }
}
