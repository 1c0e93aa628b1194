package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

import io.camelaxis.mjpeg.parser.JpegValidation;

/**
 * What reading a file costs a JVM before any parsing, and what the {@code byte[]} body contract adds: the floor under
 * {@code bench parse}. Each mode reads the whole file in steady state (one pass of warm-up, then several), and reports
 * the reading thread's CPU and the whole process's CPU per GB.
 *
 * <ul>
 * <li>{@code read}: an {@link InputStream} into a heap array, as the consumer reads a socket (the JDK copies each read
 * through a temporary direct buffer); nothing else.</li>
 * <li>{@code direct}: a {@link FileChannel} into a direct buffer: the kernel's copy alone (what dd pays).</li>
 * <li>{@code copy}: {@code read}, and every byte copied once into a fresh array per frame of the file's mean frame
 * size: the least any reader that hands out a {@code byte[]} of the JPEG can do.</li>
 * <li>{@code direct-copy}: {@code direct}, and the same copy out into fresh arrays.</li>
 * <li>{@code parse}: the consumer's read path and parser ({@link ParseFile}).</li>
 * </ul>
 */
final class ReadCost {

    /** Keeps the copies from being optimised away. */
    private static long sink;

    private ReadCost() {
    }

    /** The median and least CPU per GB over the passes, of the reading thread and of the process. */
    record Result(String mode, int readSize, double threadMedian, double threadMin, double processMedian,
                  double processMin) {
        String line() {
            return String.format(Locale.ROOT, "RESULT mode=%s read_size=%d thread_cpu_s_per_gb=%.3f thread_min=%.3f"
                                              + " process_cpu_s_per_gb=%.3f process_min=%.3f",
                    mode, readSize, threadMedian, threadMin, processMedian, processMin);
        }
    }

    static Result run(Path file, String mode, int readSize, int frameSize, int passes) throws IOException {
        if (passes < 1 || readSize < 1 || frameSize < 1) {
            throw new IllegalArgumentException("passes, read size and frame size must be at least 1");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] thread = new double[passes];
        double[] process = new double[passes];
        for (int pass = -1; pass < passes; pass++) { // pass -1 warms up
            long threadStart = threads.getCurrentThreadCpuTime();
            long processStart = os.getProcessCpuTime();
            long bytes = pass(file, mode, readSize, frameSize);
            double gigabytes = bytes / 1e9;
            if (pass >= 0) {
                thread[pass] = (threads.getCurrentThreadCpuTime() - threadStart) / 1e9 / gigabytes;
                process[pass] = (os.getProcessCpuTime() - processStart) / 1e9 / gigabytes;
            }
        }
        Arrays.sort(thread);
        Arrays.sort(process);
        return new Result(mode, readSize, thread[passes / 2], thread[0], process[passes / 2], process[0]);
    }

    private static long pass(Path file, String mode, int readSize, int frameSize) throws IOException {
        return switch (mode) {
            case "read" -> fromStream(file, readSize, null);
            case "copy" -> fromStream(file, readSize, new FrameCopies(frameSize));
            case "direct" -> fromChannel(file, readSize, null);
            case "direct-copy" -> fromChannel(file, readSize, new FrameCopies(frameSize));
            case "parse" -> ParseFile.run(file, readSize, JpegValidation.markers).bytes();
            default -> throw new IllegalArgumentException("mode is read, copy, direct, direct-copy or parse: " + mode);
        };
    }

    private static long fromStream(Path file, int readSize, FrameCopies copies) throws IOException {
        byte[] buffer = new byte[readSize];
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (copies != null) {
                    copies.take(ByteBuffer.wrap(buffer, 0, n));
                }
            }
        }
        return total;
    }

    private static long fromChannel(Path file, int readSize, FrameCopies copies) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(readSize);
        long total = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int n; (n = channel.read(buffer.clear())) >= 0; ) {
                total += n;
                if (copies != null) {
                    copies.take(buffer.flip());
                }
            }
        }
        return total;
    }

    /** Copies every byte it is given once, into a fresh array per frame of a fixed size, as a frame body would be. */
    private static final class FrameCopies {
        private final int frameSize;
        private byte[] frame;
        private int filled;

        FrameCopies(int frameSize) {
            this.frameSize = frameSize;
        }

        void take(ByteBuffer bytes) {
            while (bytes.hasRemaining()) {
                if (frame == null) {
                    frame = new byte[frameSize];
                    filled = 0;
                }
                int n = Math.min(frameSize - filled, bytes.remaining());
                bytes.get(frame, filled, n);
                filled += n;
                if (filled == frameSize) {
                    sink += frame[frameSize - 1];
                    frame = null;
                }
            }
        }
    }
}
