package io.camelaxis.mjpeg.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Renders a few pictures once per resolution and serves them in a ring, each stamped with its capture time. */
final class PrecomputedFrames implements FrameSource {

    private final int distinct;
    private final float quality;
    private final Map<Long, byte[][]> rings = new ConcurrentHashMap<>();

    PrecomputedFrames(int distinct, float quality) {
        this.distinct = Math.max(1, distinct);
        this.quality = quality;
    }

    @Override
    public byte[] frame(long frameNumber, Instant time, int width, int height) {
        byte[][] ring = rings.computeIfAbsent(((long) width << 32) | height, key -> render(width, height));
        return AxisJpeg.withCaptureTime(ring[(int) ((frameNumber - 1) % distinct)], time);
    }

    private byte[][] render(int width, int height) {
        byte[][] ring = new byte[distinct][];
        Instant epoch = Instant.EPOCH;
        for (int i = 0; i < distinct; i++) {
            ring[i] = AxisJpeg.render(width, height, i + 1, epoch, "precomputed", quality);
        }
        return ring;
    }
}
