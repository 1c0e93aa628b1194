package io.camelaxis.mjpeg.simulator;

import java.time.Instant;
import java.util.List;

/** Where a simulated camera's frames come from. */
public interface FrameSource {

    /**
     * The JPEG for the {@code frameNumber}-th frame (from 1) of a stream, captured at {@code time}.
     *
     * @param width  requested width (sources that replay recorded frames ignore it)
     * @param height requested height
     */
    byte[] frame(long frameNumber, Instant time, int width, int height);

    /** Freshly rendered test pictures with a counter and the clock, stamped with the Axis capture time. */
    static FrameSource rendered(String overlayText, float quality) {
        return (n, time, w, h) -> AxisJpeg.withCaptureTime(AxisJpeg.render(w, h, n, time, overlayText, quality), time);
    }

    /**
     * A ring of {@code distinct} pre-rendered pictures per resolution, re-stamped with the capture time on the way
     * out: a cheap source for many cameras at once.
     */
    static FrameSource precomputed(int distinct, float quality) {
        return new PrecomputedFrames(distinct, quality);
    }

    /** Recorded frames replayed in a loop, byte for byte (their own Axis timestamps kept). */
    static FrameSource replay(List<byte[]> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a replay needs at least one frame");
        }
        List<byte[]> copy = List.copyOf(frames);
        return (n, time, w, h) -> copy.get((int) ((n - 1) % copy.size()));
    }
}
