package io.camelaxis.mjpeg.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.camelaxis.mjpeg.simulator.AxisJpeg;

/** Writes MJPEG test files in the Axis layout, with or without Content-Length, from a ring of rendered frames. */
public final class MjpegFiles {

    private MjpegFiles() {
    }

    /**
     * Writes {@code bytes} (approximately) of MJPEG: distinct rendered frames of {@code width}x{@code height}, cycled.
     *
     * @return the number of frames written
     */
    public static long write(Path file, long bytes, int width, int height, boolean contentLength) throws IOException {
        byte[][] ring = new byte[25][];
        for (int i = 0; i < ring.length; i++) {
            Instant t = Instant.ofEpochMilli(1_700_000_000_000L + i * 40L);
            ring[i] = AxisJpeg.withCaptureTime(AxisJpeg.render(width, height, i + 1, t, "bench", 0.85f), t);
        }
        long frames = 0;
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (written < bytes) {
                byte[] jpeg = ring[(int) (frames % ring.length)];
                String head = "--myboundary\r\nContent-Type: image/jpeg\r\n"
                              + (contentLength ? "Content-Length: " + jpeg.length + "\r\n" : "") + "\r\n";
                byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
                out.write(headBytes);
                out.write(jpeg);
                out.write('\r');
                out.write('\n');
                written += headBytes.length + jpeg.length + 2;
                frames++;
            }
        }
        return frames;
    }
}
