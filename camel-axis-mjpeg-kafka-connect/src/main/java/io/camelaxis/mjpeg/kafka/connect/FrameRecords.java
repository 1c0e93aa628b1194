package io.camelaxis.mjpeg.kafka.connect;

import java.util.LinkedHashMap;
import java.util.Map;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import org.apache.camel.Message;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns one camera's frame exchanges into source records: value = the JPEG bytes, key = camera id, timestamp = the
 * camera's capture time (arrival time when the JPEG carries none), headers as the Camel Kafka example names them.
 * Frame numbers continue from the last committed offset of the camera ({@code frameNumberBase}), so a camera moved to
 * another worker goes on counting where it was.
 */
final class FrameRecords {

    static final String CAMERA_ID = "camera.id";
    static final String FRAME_NUMBER = "frame.number";
    static final String CAMERA_TIMESTAMP = "camera.timestamp";
    static final String RECEIVED_TIMESTAMP = "received.timestamp";
    static final String WIDTH = "frame.width";
    static final String HEIGHT = "frame.height";
    static final String CONNECTION_NUMBER = "connection.number";

    static final String PARTITION_CAMERA = "camera";
    static final String OFFSET_FRAME = "frame";
    static final String OFFSET_CAPTURE_TIME = "captureTime";

    private final String cameraId;
    private final String topic;
    private final long frameNumberBase;
    private final Map<String, String> sourcePartition;
    private final long maxSkewMillis;
    private final CameraStatus status;

    /**
     * @param maxSkewMillis how far the camera's clock may be from the arrival time before the arrival time is used as
     *                      the record timestamp; -1 always uses the camera's
     */
    FrameRecords(String cameraId, String topic, long frameNumberBase, long maxSkewMillis, CameraStatus status) {
        this.cameraId = cameraId;
        this.topic = topic;
        this.frameNumberBase = frameNumberBase;
        this.maxSkewMillis = maxSkewMillis;
        this.status = status;
        this.sourcePartition = sourcePartition(cameraId);
    }

    static Map<String, String> sourcePartition(String cameraId) {
        return Map.of(PARTITION_CAMERA, cameraId);
    }

    /**
     * The largest frame number an offset may hold: 2^53 - 1, the largest whole number a JSON reader that uses
     * doubles (JavaScript, jq, many REST tools) reads exactly; beyond it, offsets shown by Connect's REST API would be
     * wrong, and near {@code Long.MAX_VALUE} the next frame number would overflow to a negative one.
     */
    static final long MAX_FRAME_NUMBER = (1L << 53) - 1;

    /** Whether an offset's frame value is a whole number from 0 to {@link #MAX_FRAME_NUMBER}. */
    static boolean isUsableFrameNumber(Object value) {
        return (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)
               && ((Number) value).longValue() >= 0 && ((Number) value).longValue() <= MAX_FRAME_NUMBER;
    }

    /** The frame number in a committed source offset, or 0 when there is none or it is not usable. */
    static long frameNumberIn(Map<String, Object> offset) {
        Object frame = offset == null ? null : offset.get(OFFSET_FRAME);
        return isUsableFrameNumber(frame) ? ((Number) frame).longValue() : 0;
    }

    /**
     * How far ahead of the arrival time a capture time may be, whatever the skew setting: Kafka's brokers refuse a
     * record more than {@code message.timestamp.after.max.ms} (1 hour by default) ahead of their clock, and a refused
     * record fails the task with all its cameras.
     */
    static final long MAX_AHEAD_MILLIS = 3_600_000L;

    /** The capture time when there is one and it is believable, else the arrival time. */
    long recordTimestamp(Long captured, long received) {
        if (captured == null) {
            return received;
        }
        boolean skewed = maxSkewMillis >= 0 && Math.abs(captured - received) > maxSkewMillis;
        if (skewed || captured - received > MAX_AHEAD_MILLIS) {
            status.timestampReplaced(captured, received);
            return received;
        }
        return captured;
    }

    SourceRecord toRecord(Message frame) {
        byte[] jpeg = frame.getBody(byte[].class);
        long number = frameNumberBase + frame.getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class);
        long received = frame.getHeader(AxisMjpegConstants.RECEIVED_TIMESTAMP, Long.class);
        Long captured = frame.getHeader(AxisMjpegConstants.CAMERA_TIMESTAMP, Long.class);
        long timestamp = recordTimestamp(captured, received);

        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(CAMERA_ID, cameraId);
        headers.addLong(FRAME_NUMBER, number);
        if (captured != null) {
            headers.addLong(CAMERA_TIMESTAMP, captured);
        }
        headers.addLong(RECEIVED_TIMESTAMP, received);
        Integer width = frame.getHeader(AxisMjpegConstants.WIDTH, Integer.class);
        if (width != null) {
            headers.addInt(WIDTH, width);
            headers.addInt(HEIGHT, frame.getHeader(AxisMjpegConstants.HEIGHT, Integer.class));
        }
        headers.addLong(CONNECTION_NUMBER, frame.getHeader(AxisMjpegConstants.CONNECTION_NUMBER, Long.class));

        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(OFFSET_FRAME, number);
        offset.put(OFFSET_CAPTURE_TIME, timestamp);
        return new SourceRecord(sourcePartition, offset, topic, null, Schema.STRING_SCHEMA, cameraId,
                Schema.BYTES_SCHEMA, jpeg, timestamp, headers);
    }
}
