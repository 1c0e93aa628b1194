package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>
 * With a port ({@code --from-port}), {@code read}, {@code copy} and {@code parse} read the same file from
 * {@code bench serve} over loopback instead (a plain socket, its answer's head skipped): the same code on the same
 * bytes, so the difference to the file is what reading a socket costs that reader, kernel and user time apart.
 */
final class ReadCost {

    /** Keeps the copies from being optimised away. */
    private static long sink;

    private ReadCost() {
    }

    /** The median and least CPU per GB over the passes, of the reading thread and of the process. */
    record Result(String mode, String source, int readSize, double threadMedian, double threadMin,
                  double threadUserMedian, double processMedian, double processMin) {
        String line() {
            return String.format(Locale.ROOT, "RESULT mode=%s source=%s read_size=%d thread_cpu_s_per_gb=%.3f"
                                              + " thread_min=%.3f thread_user_s_per_gb=%.3f"
                                              + " process_cpu_s_per_gb=%.3f process_min=%.3f",
                    mode, source, readSize, threadMedian, threadMin, threadUserMedian, processMedian, processMin);
        }
    }

    /** @param fromPort 0 to read the file, else the port of a {@code bench serve} serving the file's directory */
    static Result run(Path file, String mode, int readSize, int frameSize, int passes, int fromPort)
            throws IOException {
        if (passes < 1 || readSize < 1 || frameSize < 1) {
            throw new IllegalArgumentException("passes, read size and frame size must be at least 1");
        }
        if (fromPort != 0 && mode.startsWith("direct")) {
            throw new IllegalArgumentException("the direct modes read the file only, not --from-port");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] thread = new double[passes];
        double[] threadUser = new double[passes];
        double[] process = new double[passes];
        for (int pass = -1; pass < passes; pass++) { // pass -1 warms up
            long threadStart = threads.getCurrentThreadCpuTime();
            long userStart = threads.getCurrentThreadUserTime();
            long processStart = os.getProcessCpuTime();
            long bytes;
            try (InputStream in = fromPort == 0 ? null : fromServer(fromPort, file.getFileName().toString())) {
                bytes = pass(in, file, mode, readSize, frameSize);
            }
            double gigabytes = bytes / 1e9;
            if (pass >= 0) {
                thread[pass] = (threads.getCurrentThreadCpuTime() - threadStart) / 1e9 / gigabytes;
                threadUser[pass] = (threads.getCurrentThreadUserTime() - userStart) / 1e9 / gigabytes;
                process[pass] = (os.getProcessCpuTime() - processStart) / 1e9 / gigabytes;
            }
        }
        Arrays.sort(thread);
        Arrays.sort(threadUser);
        Arrays.sort(process);
        return new Result(mode, fromPort == 0 ? "file" : "socket", readSize, thread[passes / 2], thread[0],
                threadUser[passes / 2], process[passes / 2], process[0]);
    }

    /** @param socket the served file's body, or null to read the file */
    private static long pass(InputStream socket, Path file, String mode, int readSize, int frameSize)
            throws IOException {
        if (mode.startsWith("direct")) {
            return fromChannel(file, readSize, mode.equals("direct-copy") ? new FrameCopies(frameSize) : null);
        }
        try (InputStream in = socket != null ? socket : Files.newInputStream(file)) {
            return switch (mode) {
                case "read" -> fromStream(in, readSize, null);
                case "copy" -> fromStream(in, readSize, new FrameCopies(frameSize));
                case "parse" -> ParseFile.run(in, readSize, JpegValidation.markers).bytes();
                default -> throw new IllegalArgumentException("mode is read, copy, direct, direct-copy or parse: "
                                                              + mode);
            };
        }
    }

    /** Asks {@code bench serve} on this port for the file and returns its answer's body (the socket's stream). */
    private static InputStream fromServer(int port, String name) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        try {
            String request = "GET /" + name + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String status = null;
            for (String line; !(line = headLine(in)).isEmpty(); ) {
                status = status == null ? line : status;
            }
            if (status == null || !status.contains(" 200 ")) {
                throw new IOException("bench serve on port " + port + " answered " + status + " for /" + name
                                      + ": serve the file's directory");
            }
            return in; // closing it closes the socket
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** One line of an answer's head, without its line break; at most 8 KB (a head is the server's own). */
    private static String headLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0 || line.length() > 8192) {
                throw new IOException("no complete answer head from bench serve");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static long fromStream(InputStream in, int readSize, FrameCopies copies) throws IOException {
        byte[] buffer = new byte[readSize];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (copies != null) {
                copies.take(ByteBuffer.wrap(buffer, 0, n));
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
