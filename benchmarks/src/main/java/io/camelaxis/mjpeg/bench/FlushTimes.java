package io.camelaxis.mjpeg.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When the farm flushed each camera's last {@value #RING} frames into the socket (nanoTime), kept so the consumer
 * can time its own share of each latency, from the farm's flush to the route, apart from the farm's (a starved farm
 * thread may sit between stamping a frame and writing it). Saved to a file the consumer reads after the window.
 */
final class FlushTimes {

    /** 51 s of frames at 10 fps: longer than any measured window, so a slot is not reused within one. */
    static final int RING = 512;
    private final int cameras;
    private final AtomicLongArray nanos;

    FlushTimes(int cameras) {
        this.cameras = cameras;
        this.nanos = new AtomicLongArray(cameras * RING);
    }

    void flushed(int camera, long frame, long flushedAt) {
        nanos.set(camera * RING + (int) (frame % RING), flushedAt);
    }

    /** When the camera's frame was flushed, or 0 if unknown. */
    long flushedAt(int camera, long frame) {
        return camera < 0 || camera >= cameras || frame < 0 ? 0 : nanos.get(camera * RING + (int) (frame % RING));
    }

    void save(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(cameras);
            for (int i = 0; i < nanos.length(); i++) {
                out.writeLong(nanos.get(i));
            }
        }
    }

    static FlushTimes load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            int cameras = in.readInt();
            if (cameras < 0 || cameras > 1_000_000) {
                throw new IOException("not a flush-times file: " + file);
            }
            FlushTimes times = new FlushTimes(cameras);
            for (int i = 0; i < times.nanos.length(); i++) {
                times.nanos.set(i, in.readLong());
            }
            return times;
        }
    }
}
