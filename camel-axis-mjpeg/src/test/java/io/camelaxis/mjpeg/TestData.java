package io.camelaxis.mjpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.camelaxis.mjpeg.simulator.AxisJpeg;
import io.camelaxis.mjpeg.simulator.CaptureFile;

/** The shared real Axis capture, and JPEGs made for tests. */
public final class TestData {

    /** The capture's first frame was taken at 2013-07-24T14:34:45.67Z; frames follow at 25 fps. */
    public static final long CAPTURE_FIRST_TIMESTAMP = 1374676485670L;

    private TestData() {
    }

    /** {@code ../shared/testdata/axis-capture-320x240.mjpg}. */
    public static Path capture() {
        return CaptureFile.sharedAxisCapture();
    }

    public static byte[] captureBytes() {
        try {
            return Files.readAllBytes(capture());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The capture's JPEGs as the simulator's independent splitter reads them. */
    public static List<byte[]> captureFrames() {
        try {
            return CaptureFile.readFrames(capture());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small real JPEG with an Axis timestamp. */
    public static byte[] jpeg(int width, int height, long n) {
        java.time.Instant t = java.time.Instant.ofEpochMilli(CAPTURE_FIRST_TIMESTAMP + n * 40);
        return AxisJpeg.withCaptureTime(AxisJpeg.render(width, height, n, t, null, 0.7f), t);
    }
}
