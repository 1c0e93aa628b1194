package io.camelaxis.mjpeg.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Arrays;

import javax.imageio.ImageIO;

import io.camelaxis.mjpeg.parser.JpegMetadata;
import io.camelaxis.mjpeg.simulator.FrameSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchStampTest {

    private static final Instant CAPTURED = Instant.parse("2026-12-02T01:30:00.25Z");

    @Test
    void aStampedFrameCarriesItsCaptureTimeCameraAndNumber() {
        byte[] stamped = BenchStamp.stamp(frame(), 123_456_789_012L, 2999, 41);

        assertThat(BenchStamp.captureNanos(stamped)).isEqualTo(123_456_789_012L);
        assertThat(BenchStamp.camera(stamped)).isEqualTo(2999);
        assertThat(BenchStamp.frame(stamped)).isEqualTo(41);
    }

    @Test
    void aStampedFrameIsStillTheSamePictureWithTheSameAxisTimestamp() throws Exception {
        byte[] original = frame();
        byte[] stamped = BenchStamp.stamp(original, 1, 0, 1);

        assertThat(stamped).hasSize(original.length + BenchStamp.SEGMENT_LENGTH);
        assertThat(Arrays.copyOfRange(stamped, 2 + BenchStamp.SEGMENT_LENGTH, stamped.length))
                .isEqualTo(Arrays.copyOfRange(original, 2, original.length));
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stamped));
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(48);
        assertThat(JpegMetadata.read(stamped).cameraTimestamp()).isEqualTo(CAPTURED.toEpochMilli());
    }

    @Test
    void framesWithoutAStampOrTooShortAreNotRead() {
        assertThat(BenchStamp.captureNanos(frame())).isEqualTo(-1);
        assertThat(BenchStamp.captureNanos(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xFE }))
                .isEqualTo(-1);
        assertThat(BenchStamp.captureNanos(new byte[0])).isEqualTo(-1);
        assertThat(BenchStamp.captureNanos(null)).isEqualTo(-1);
    }

    private static byte[] frame() {
        return FrameSource.precomputed(1, 0.8f).frame(1, CAPTURED, 64, 48);
    }
}
