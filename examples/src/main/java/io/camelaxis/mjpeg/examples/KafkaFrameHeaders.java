package io.camelaxis.mjpeg.examples;

import java.nio.charset.StandardCharsets;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * How a frame's headers travel in Kafka, in one place. Camel's Kafka component does not forward {@code Camel*}
 * headers, so the frame headers are mapped to plain record headers, as UTF-8 text that consumers in any language can
 * read. The record key is the camera id, so all frames of a camera land in one partition, in order.
 */
public final class KafkaFrameHeaders {

    public static final String CAMERA_ID = "camera.id";
    public static final String FRAME_NUMBER = "frame.number";
    public static final String CAMERA_TIMESTAMP = "camera.timestamp";
    public static final String RECEIVED_TIMESTAMP = "received.timestamp";
    public static final String WIDTH = "frame.width";
    public static final String HEIGHT = "frame.height";

    private KafkaFrameHeaders() {
    }

    /** Sets the record key and the record headers of an outgoing frame. */
    public static void toKafka(Message frame) {
        frame.setHeader(KafkaConstants.KEY, frame.getHeader(AxisMjpegConstants.CAMERA_ID, String.class));
        copy(frame, AxisMjpegConstants.CAMERA_ID, CAMERA_ID);
        copy(frame, AxisMjpegConstants.FRAME_NUMBER, FRAME_NUMBER);
        copy(frame, AxisMjpegConstants.CAMERA_TIMESTAMP, CAMERA_TIMESTAMP);
        copy(frame, AxisMjpegConstants.RECEIVED_TIMESTAMP, RECEIVED_TIMESTAMP);
        copy(frame, AxisMjpegConstants.WIDTH, WIDTH);
        copy(frame, AxisMjpegConstants.HEIGHT, HEIGHT);
    }

    private static void copy(Message frame, String from, String to) {
        Object value = frame.getHeader(from);
        if (value != null) {
            frame.setHeader(to, value.toString());
        }
    }

    /** A record header of a consumed frame as text (Kafka hands them over as bytes), or null. */
    public static String text(Message record, String name) {
        Object value = record.getHeader(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** A numeric record header of a consumed frame, or -1. */
    public static long number(Message record, String name) {
        String text = text(record, name);
        return text == null ? -1 : Long.parseLong(text);
    }
}
