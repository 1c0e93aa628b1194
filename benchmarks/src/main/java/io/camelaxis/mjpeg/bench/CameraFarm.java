package io.camelaxis.mjpeg.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.FrameSource;

/**
 * {@code bench camera-farm N}: N simulated Axis cameras in this JVM, meant to run as its own process so that a consumer
 * measured in another process pays none of the cameras' CPU or scheduling. Each frame carries a {@link BenchStamp}
 * taken when the camera produces it. Talks over stdin/stdout, one line each:
 * it prints {@code FARM PORTS p1,p2,...} once the cameras listen, then answers {@code count} with
 * {@code FARM SENT n} (frames fully written so far, all cameras) and {@code stop} with the final {@code FARM SENT n}
 * before it exits. Between {@code open} and {@code close} it times its own share of every latency, from the stamp to
 * the frame's last byte flushed into the socket, and answers {@code close} with {@code FARM WRITES p50 p99} (ms):
 * a farm that is itself starved of CPU shows there, not as the consumer's latency. {@code save FILE} writes when
 * each camera flushed its recent frames ({@link FlushTimes}) to FILE and answers {@code FARM SAVED FILE}. It exits
 * as well when stdin closes, so a bench that dies leaves no farm behind.
 *
 * <p>
 * Two kinds of farm: the project's simulator ({@link AxisCameraSimulator}, a thread per connection, the default), or
 * with {@code --lean} {@link LeanCameras} (one thread for all cameras, no copy per frame: 14-16 % of a core for 1000
 * cameras where the simulators took 56-87 %).
 */
final class CameraFarm {

    static final String PREFIX = "FARM ";

    private CameraFarm() {
    }

    static void run(int cameras, int fps, int[] resolution, int portBase, boolean lean) throws Exception {
        FlushTimes flushTimes = new FlushTimes(cameras);
        LatencyRecorder writes = new LatencyRecorder(cameras * Math.max(1, fps) * 120); // up to 2 minutes
        LeanCameras.Flushed flushed = (camera, frame, stampedAt, flushedAt) -> {
            flushTimes.flushed(camera, frame, flushedAt);
            if (writes.isOpen()) { // the farm's own share of a latency: stamp to last byte flushed
                writes.record(flushedAt - stampedAt);
            }
        };
        if (lean) {
            List<byte[]> pictures = new ArrayList<>();
            FrameSource source = FrameSource.precomputed(25, 0.8f);
            for (int n = 1; n <= 25; n++) {
                pictures.add(source.frame(n, Instant.now(), resolution[0], resolution[1]));
            }
            try (LeanCameras farm = new LeanCameras(cameras, fps, pictures, portBase, flushed)) {
                StringJoiner ports = new StringJoiner(",");
                farm.ports().forEach(port -> ports.add(Integer.toString(port)));
                serve(ports.toString(), farm::sent, farm::close, flushTimes, writes);
            }
            return;
        }
        List<AxisCameraSimulator> farm = simulators(cameras, fps, resolution, portBase, flushed);
        StringJoiner ports = new StringJoiner(",");
        farm.forEach(simulator -> ports.add(Integer.toString(simulator.port())));
        serve(ports.toString(), () -> sent(farm), () -> farm.forEach(AxisCameraSimulator::close), flushTimes,
                writes);
    }

    private static List<AxisCameraSimulator> simulators(int cameras, int fps, int[] resolution, int portBase,
                                                        LeanCameras.Flushed flushed) throws IOException {
        FrameSource pictures = FrameSource.precomputed(25, 0.8f);
        List<AxisCameraSimulator> farm = new ArrayList<>();
        AtomicLongArray stampedAt = new AtomicLongArray(cameras);
        Map<Integer, Integer> cameraByPort = new ConcurrentHashMap<>();
        for (int i = 0; i < cameras; i++) {
            int camera = i;
            FrameSource stamped = (n, time, w, h) -> {
                long now = System.nanoTime();
                stampedAt.set(camera, now);
                return BenchStamp.stamp(pictures.frame(n, time, w, h), now, camera, n);
            };
            AxisCameraSimulator simulator = AxisCameraSimulator.builder().port(portBase == 0 ? 0 : portBase + i)
                    .bindAddress("127.0.0.1").fps(fps).resolution(resolution[0], resolution[1]).maxViewers(2)
                    .source(stamped).frameSentListener((port, n, flushedAt) -> {
                        int index = cameraByPort.get(port);
                        flushed.flushed(index, n, stampedAt.get(index), flushedAt);
                    }).build().start();
            farm.add(simulator);
            cameraByPort.put(simulator.port(), camera);
        }
        return farm;
    }

    /**
     * Answers the bench's commands on stdin until {@code stop} or the end of stdin; then stops the cameras (their
     * connections closed) and prints the final count.
     */
    private static void serve(String ports, LongSupplier sent, Runnable stopCameras, FlushTimes flushTimes,
                              LatencyRecorder writes) throws Exception {
        System.out.println(PREFIX + "PORTS " + ports);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            if (line.equals("count")) {
                System.out.println(PREFIX + "SENT " + sent.getAsLong());
            } else if (line.equals("open")) {
                writes.open();
            } else if (line.equals("close")) {
                writes.close();
                System.out.printf(Locale.ROOT, PREFIX + "WRITES %.3f %.3f%n", writes.percentileMillis(50),
                        writes.percentileMillis(99));
            } else if (line.startsWith("save ")) {
                flushTimes.save(Path.of(line.substring(5)));
                System.out.println(PREFIX + "SAVED " + line.substring(5));
            } else if (line.equals("stop")) {
                break;
            }
        }
        stopCameras.run();
        Thread.sleep(500); // a connection thread that finished writing its frame has counted it by now
        System.out.println(PREFIX + "SENT " + sent.getAsLong());
        System.out.flush();
    }

    private static long sent(List<AxisCameraSimulator> farm) {
        return farm.stream().mapToLong(AxisCameraSimulator::framesServed).sum();
    }
}
