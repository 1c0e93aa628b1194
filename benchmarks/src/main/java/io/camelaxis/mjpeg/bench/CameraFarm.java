package io.camelaxis.mjpeg.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

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
 */
final class CameraFarm {

    static final String PREFIX = "FARM ";

    private CameraFarm() {
    }

    static void run(int cameras, int fps, int[] resolution, int portBase) throws Exception {
        FrameSource pictures = FrameSource.precomputed(25, 0.8f);
        List<AxisCameraSimulator> farm = new ArrayList<>();
        StringJoiner ports = new StringJoiner(",");
        AtomicLongArray stampedAt = new AtomicLongArray(cameras);
        FlushTimes flushTimes = new FlushTimes(cameras);
        Map<Integer, Integer> cameraByPort = new ConcurrentHashMap<>();
        LatencyRecorder writes = new LatencyRecorder(cameras * Math.max(1, fps) * 120); // up to 2 minutes
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
                        flushTimes.flushed(index, n, flushedAt);
                        if (writes.isOpen()) { // the farm's own share of a latency: stamp to last byte flushed
                            writes.record(flushedAt - stampedAt.get(index));
                        }
                    }).build().start();
            farm.add(simulator);
            cameraByPort.put(simulator.port(), camera);
            ports.add(Integer.toString(simulator.port()));
        }
        System.out.println(PREFIX + "PORTS " + ports);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            if (line.equals("count")) {
                System.out.println(PREFIX + "SENT " + sent(farm));
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
        farm.forEach(AxisCameraSimulator::close);
        Thread.sleep(500); // a connection thread that finished writing its frame has counted it by now
        System.out.println(PREFIX + "SENT " + sent(farm));
        System.out.flush();
    }

    private static long sent(List<AxisCameraSimulator> farm) {
        return farm.stream().mapToLong(AxisCameraSimulator::framesServed).sum();
    }
}
