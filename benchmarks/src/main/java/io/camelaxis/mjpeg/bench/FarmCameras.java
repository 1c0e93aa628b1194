package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.sun.management.UnixOperatingSystemMXBean;

/** The parent's handle on a {@link CameraFarm} child process: its ports, its sent-frame counts, its end. */
final class FarmCameras implements AutoCloseable {

    private final ChildProcess farm;
    private final List<Integer> ports;

    private FarmCameras(ChildProcess farm, List<Integer> ports) {
        this.farm = farm;
        this.ports = ports;
    }

    /** Which farm: the project's simulator, or with {@code -Dbench.farm=lean} {@link LeanCameras}. */
    static final boolean LEAN = "lean".equals(System.getProperty("bench.farm"));

    /** Starts {@code cameras} cameras in a new JVM and waits until they all listen. */
    static FarmCameras start(int cameras, int fps, int[] resolution) throws IOException {
        requireFileDescriptors(cameras + 200);
        List<String> args = new java.util.ArrayList<>(List.of("camera-farm", Integer.toString(cameras), "--fps",
                Integer.toString(fps), "--resolution", resolution[0] + "x" + resolution[1]));
        if (LEAN) {
            args.add("--lean");
        }
        // 1 GB: a 64 KB write buffer and a frame in flight per camera, 3000 cameras and then some
        ChildProcess farm = ChildProcess.jvm(CameraFarm.PREFIX, 1024, true, args.toArray(String[]::new));
        try {
            List<Integer> ports = Arrays.stream(farm.await("PORTS").split(",")).map(Integer::valueOf).toList();
            return new FarmCameras(farm, ports);
        } catch (IOException | RuntimeException e) {
            closeQuietly(farm);
            throw e;
        }
    }

    /**
     * Fails before a run that would fail half-way: the consumer holds a socket per camera, the farm two (listening and
     * accepted). The JVM lifts its soft limit to the hard one at start, so the hard limit ({@code ulimit -Hn}) counts.
     */
    static void requireFileDescriptors(long needed) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os
            && os.getMaxFileDescriptorCount() < 2 * needed) {
            throw new IllegalStateException("this many cameras need about " + 2 * needed + " file descriptors in the"
                    + " farm, the limit is " + os.getMaxFileDescriptorCount() + ": raise it (ulimit -n)");
        }
    }

    List<Integer> ports() {
        return ports;
    }

    long pid() {
        return farm.pid();
    }

    /** Frames the cameras have written completely so far. */
    long sent() throws IOException {
        farm.send("count");
        return Long.parseLong(farm.await("SENT"));
    }

    /** Starts timing the farm's own share of each latency (stamp to last byte flushed). */
    void openWriteTimes() {
        farm.send("open");
    }

    /** The farm's own share of the latency since {@link #openWriteTimes()}: p50 and p99 in ms. */
    String[] closeWriteTimes() throws IOException {
        farm.send("close");
        return farm.await("WRITES").split(" ");
    }

    /** When each camera flushed its recent frames, from the farm (see {@link FlushTimes}). */
    FlushTimes flushTimes() throws IOException {
        Path file = Files.createTempFile("bench-flush-times", ".bin");
        try {
            farm.send("save " + file);
            farm.await("SAVED");
            return FlushTimes.load(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Stops every camera (connections closed) and returns the final count of frames written completely. */
    long stop() throws IOException {
        farm.send("stop");
        return Long.parseLong(farm.await("SENT"));
    }

    @Override
    public void close() {
        closeQuietly(farm);
    }

    private static void closeQuietly(ChildProcess child) {
        try {
            child.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
