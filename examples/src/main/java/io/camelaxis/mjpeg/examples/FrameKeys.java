package io.camelaxis.mjpeg.examples;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import org.apache.camel.Message;

/**
 * Names for stored frames, in one place: dated by the camera's capture time when the frame has one (Axis), else by
 * arrival, always in UTC, with the camera id as the first path element and the frame number last.
 */
public final class FrameKeys {

    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/HHmmss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OBJECT = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/mm/ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/mm/ss")
            .withZone(ZoneOffset.UTC);

    private FrameKeys() {
    }

    /** {@code camera/yyyy/MM/dd/HH/HHmmss.SSS-frame.jpg}: a folder per hour, names that sort by time. */
    public static String file(Message frame) {
        return camera(frame) + "/" + FILE.format(time(frame)) + "-" + number(frame) + ".jpg";
    }

    /** {@code camera/yyyy/MM/dd/HH/mm/ss.SSS-frame.jpg}: the S3 key layout, prefix-searchable down to the minute. */
    public static String object(Message frame) {
        return camera(frame) + "/" + OBJECT.format(time(frame)) + "-" + number(frame) + ".jpg";
    }

    /** {@code camera/yyyy/MM/dd/HH/mm/ss-batch.mjpg}: the S3 object holding one second of a camera's frames. */
    public static String batch(Message frame) {
        return camera(frame) + "/" + second(time(frame)) + "-batch.mjpg";
    }

    /** {@code yyyy/MM/dd/HH/mm/ss} of an instant in UTC, as batch keys spell the second. */
    public static String second(Instant instant) {
        return SECOND.format(instant);
    }

    /** The camera id made safe as a path element ({@code host:port} becomes {@code host_port}). */
    public static String camera(Message frame) {
        return frame.getHeader(AxisMjpegConstants.CAMERA_ID, String.class).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Capture time when the camera stamped the frame, else arrival time. */
    public static Instant time(Message frame) {
        Long captured = frame.getHeader(AxisMjpegConstants.CAMERA_TIMESTAMP, Long.class);
        return Instant.ofEpochMilli(captured != null
                ? captured
                : frame.getHeader(AxisMjpegConstants.RECEIVED_TIMESTAMP, Long.class));
    }

    private static long number(Message frame) {
        return frame.getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class);
    }
}
