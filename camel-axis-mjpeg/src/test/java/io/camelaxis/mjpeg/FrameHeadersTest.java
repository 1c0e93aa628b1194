package io.camelaxis.mjpeg;

import java.util.List;

import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameHeadersTest {

    private final FrameHeaders headers = new FrameHeaders("10.0.0.7", "gate");

    private static Message write(FrameHeaders headers, Frame frame) {
        Message message = new DefaultMessage(new DefaultCamelContext());
        headers.writeTo(message, frame);
        return message;
    }

    @Test
    void anAxisFrameGetsItsSizeCaptureTimeAndWhereItCameFrom() throws Exception {
        List<byte[]> capture = TestData.captureFrames();
        byte[] jpeg = capture.get(3);
        Message message = write(headers, new Frame(jpeg, 42, 1_700_000_000_123L, 5));
        assertThat(message.getBody()).isSameAs(jpeg); // no copy on the way to the route
        assertThat(message.getHeaders()).containsOnlyKeys(AxisMjpegConstants.FRAME_NUMBER,
                AxisMjpegConstants.RECEIVED_TIMESTAMP, AxisMjpegConstants.CAMERA_TIMESTAMP, AxisMjpegConstants.WIDTH,
                AxisMjpegConstants.HEIGHT, AxisMjpegConstants.SIZE, AxisMjpegConstants.HOST,
                AxisMjpegConstants.CAMERA_ID, AxisMjpegConstants.CONNECTION_NUMBER, AxisMjpegConstants.CONTENT_TYPE);
        assertThat(message.getHeader(AxisMjpegConstants.FRAME_NUMBER)).isEqualTo(42L);
        assertThat(message.getHeader(AxisMjpegConstants.RECEIVED_TIMESTAMP)).isEqualTo(1_700_000_000_123L);
        assertThat(message.getHeader(AxisMjpegConstants.CAMERA_TIMESTAMP))
                .isEqualTo(TestData.CAPTURE_FIRST_TIMESTAMP + 3 * 40L);
        assertThat(message.getHeader(AxisMjpegConstants.WIDTH)).isEqualTo(320);
        assertThat(message.getHeader(AxisMjpegConstants.HEIGHT)).isEqualTo(240);
        assertThat(message.getHeader(AxisMjpegConstants.SIZE)).isEqualTo(jpeg.length);
        assertThat(message.getHeader(AxisMjpegConstants.HOST)).isEqualTo("10.0.0.7");
        assertThat(message.getHeader(AxisMjpegConstants.CAMERA_ID)).isEqualTo("gate");
        assertThat(message.getHeader(AxisMjpegConstants.CONNECTION_NUMBER)).isEqualTo(5L);
        assertThat(message.getHeader(AxisMjpegConstants.CONTENT_TYPE)).isEqualTo("image/jpeg");
    }

    @Test
    void aFrameWithoutSofOrCaptureCommentGetsNoMadeUpSizeOrTime() {
        byte[] bare = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}; // SOI, EOI: nothing to read
        Message message = write(headers, new Frame(bare, 1, 1000L, 1));
        assertThat(message.getHeaders()).doesNotContainKeys(AxisMjpegConstants.WIDTH, AxisMjpegConstants.HEIGHT,
                AxisMjpegConstants.CAMERA_TIMESTAMP);
        assertThat(message.getHeader(AxisMjpegConstants.SIZE)).isEqualTo(4);
    }
}
