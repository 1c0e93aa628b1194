package io.camelaxis.mjpeg;

import io.camelaxis.mjpeg.parser.JpegMetadata;
import org.apache.camel.Message;

/**
 * Turns a received {@link Frame} into the message a route sees: the JPEG as body and the {@code CamelAxisMjpeg*}
 * headers of {@link AxisMjpegConstants}. Width, height and capture time are read from the JPEG's own header
 * segments, so a header is only set when the frame carries that information.
 */
final class FrameHeaders {

    private final String host;
    private final String cameraId;

    FrameHeaders(String host, String cameraId) {
        this.host = host;
        this.cameraId = cameraId;
    }

    void writeTo(Message message, Frame frame) {
        byte[] jpeg = frame.jpeg();
        message.setBody(jpeg);
        message.setHeader(AxisMjpegConstants.FRAME_NUMBER, frame.number());
        message.setHeader(AxisMjpegConstants.RECEIVED_TIMESTAMP, frame.receivedAt());
        JpegMetadata metadata = JpegMetadata.read(jpeg);
        if (metadata.hasCameraTimestamp()) {
            message.setHeader(AxisMjpegConstants.CAMERA_TIMESTAMP, metadata.cameraTimestamp());
        }
        if (metadata.width() > 0) { // no SOF segment before the scan: no size to report rather than a made-up one
            message.setHeader(AxisMjpegConstants.WIDTH, metadata.width());
            message.setHeader(AxisMjpegConstants.HEIGHT, metadata.height());
        }
        message.setHeader(AxisMjpegConstants.SIZE, jpeg.length);
        message.setHeader(AxisMjpegConstants.HOST, host);
        message.setHeader(AxisMjpegConstants.CAMERA_ID, cameraId);
        message.setHeader(AxisMjpegConstants.CONNECTION_NUMBER, frame.connectionNumber());
        message.setHeader(AxisMjpegConstants.CONTENT_TYPE, "image/jpeg");
    }
}
