package io.camelaxis.mjpeg.bench;

import java.nio.ByteBuffer;

/**
 * The bench's own capture stamp: a JPEG comment segment right after SOI holding {@link System#nanoTime()} at capture,
 * the camera's index and the frame number. The Axis capture time has 10 ms resolution, too coarse for sub-millisecond
 * latencies; nanoTime is CLOCK_MONOTONIC on Linux, one clock for every process on the machine, so a camera farm in
 * one JVM and a consumer in another (or a Python process, with {@code time.monotonic_ns()}) can subtract.
 * Layout: {@code FF FE 00 1A 'B' 'N' 'C' 'H'} nanos(8, BE) camera(4, BE) frame(8, BE).
 */
final class BenchStamp {

    static final int SEGMENT_LENGTH = 28;
    private static final int MAGIC = 0x424E4348; // "BNCH"

    private BenchStamp() {
    }

    /** A copy of {@code jpeg} with the stamp inserted after SOI. */
    static byte[] stamp(byte[] jpeg, long captureNanos, int camera, long frame) {
        byte[] out = new byte[jpeg.length + SEGMENT_LENGTH];
        ByteBuffer b = ByteBuffer.wrap(out).put(jpeg, 0, 2);
        put(b, captureNanos, camera, frame);
        b.put(jpeg, 2, jpeg.length - 2);
        return out;
    }

    /** Puts the stamp segment ({@link #SEGMENT_LENGTH} bytes), to follow a JPEG's SOI. */
    static void put(ByteBuffer target, long captureNanos, int camera, long frame) {
        target.put((byte) 0xFF).put((byte) 0xFE).putShort((short) (SEGMENT_LENGTH - 2)).putInt(MAGIC)
                .putLong(captureNanos).putInt(camera).putLong(frame);
    }

    /** The capture nanoTime of a stamped JPEG, or -1 when it carries no stamp (never reads past the array). */
    static long captureNanos(byte[] jpeg) {
        return isStamped(jpeg) ? ByteBuffer.wrap(jpeg).getLong(10) : -1;
    }

    static int camera(byte[] jpeg) {
        return isStamped(jpeg) ? ByteBuffer.wrap(jpeg).getInt(18) : -1;
    }

    static long frame(byte[] jpeg) {
        return isStamped(jpeg) ? ByteBuffer.wrap(jpeg).getLong(22) : -1;
    }

    private static boolean isStamped(byte[] jpeg) {
        return jpeg != null && jpeg.length >= 2 + SEGMENT_LENGTH && (jpeg[2] & 0xFF) == 0xFF
               && (jpeg[3] & 0xFF) == 0xFE && ByteBuffer.wrap(jpeg).getInt(6) == MAGIC;
    }
}
