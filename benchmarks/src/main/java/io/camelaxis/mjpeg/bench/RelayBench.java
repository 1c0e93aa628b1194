package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One camera (in a {@link CameraFarm} process) consumed once by this JVM and relayed by {@code mjpeg-relay} to N
 * viewers in a {@link ViewerFarm} process, plus one deliberately slow viewer there. Reports frames per viewer, the
 * latency from the camera producing a frame to a viewer having parsed it, the relay's drop counters from /status,
 * and this JVM's CPU (from /proc, cameras and viewers excluded), heap and threads.
 */
final class RelayBench {

    private RelayBench() {
    }

    static MarkdownReport report() {
        return new MarkdownReport("relay", "Relay: one camera, many viewers, cameras and viewers out of process",
                "Method: `./bench.sh relay N`. One camera (640x480, `bench camera-farm`) in its own JVM; this JVM"
                + " runs `from(\"axis-mjpeg:...\").to(\"mjpeg-relay:...\")`; N viewers in a third JVM (`bench"
                + " viewer-farm`, non-blocking clients on two threads, each parsing its stream with this project's"
                + " parser) plus one slow viewer there reading 2 KB every 100 ms; both farms at nice 10, so the relay"
                + " under test has the CPU first (viewers that then fall behind are dropped frames, counted). 10 s"
                + " warm-up, then the measured"
                + " window. Latency: the camera stamps System.nanoTime() (CLOCK_MONOTONIC, one clock for all"
                + " processes) into a JPEG comment when it produces the frame; the viewer subtracts it when it has"
                + " parsed the frame's last byte (so it includes the camera's write, the component, the relay and"
                + " the viewer's parse). Drops from the relay's /status. CPU: utime+stime of the relay JVM alone"
                + " from /proc/self/stat, % of one core; heap after a full GC. CPU pressure: the share of the window in"
                + " which some runnable task on the machine waited for a core (Linux PSI, machine-wide).",
                "| viewers | frames/s per viewer (min / mean) | latency p50 | p99 | p99.9 | max | drops (fast viewers)"
                + " | frames cut by the relay | slow viewer: sent / dropped | CPU (relay JVM, % of one core)"
                + " | heap used | threads | CPU pressure (PSI some) | viewer farm CPU |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    static void run(MarkdownReport report, int viewers, int seconds, int fps) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (FarmCameras camera = FarmCameras.start(1, fps, new int[] { 640, 480 })) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:127.0.0.1:" + camera.ports().get(0) + "?statisticsLogInterval=0")
                            // every viewer comes from 127.0.0.1: lift the per-client cap, and list viewer
                            // addresses in /status, where the bench finds each viewer's drops by its port
                            .to("mjpeg-relay:bench?bindAddress=127.0.0.1&maxViewers=" + (viewers + 10)
                                + "&maxConnections=" + (viewers + 100) + "&maxConnectionsPerClient=" + (viewers + 100)
                                + "&statusViewerAddresses=true&port=" + port);
                }
            });
            context.start();
            Thread.sleep(1000);
            ChildProcess crowd = ChildProcess.jvm(ViewerFarm.PREFIX, 512, true, "viewer-farm", Integer.toString(port),
                    Integer.toString(viewers), "--fps", Integer.toString(fps));
            try {
                int slowPort = Integer.parseInt(crowd.await("READY"));
                Thread.sleep(10_000); // everybody connected and streaming, the JITs of three fresh JVMs warm
                ProcessMeter cpu = ProcessMeter.self();
                ProcessMeter viewersCpu = new ProcessMeter(crowd.pid());
                Map<Integer, long[]> before = viewerCounts(get(port, "/status"));
                crowd.send("start");
                crowd.await("STARTED");
                cpu.start();
                viewersCpu.start();
                Thread.sleep(seconds * 1000L);
                double cpuPercent = cpu.cpuPercentOfOneCore();
                double pressure = cpu.cpuPressurePercent();
                double viewersPercent = viewersCpu.cpuPercentOfOneCore();
                String relayThreads = cpu.topThreads(6);
                Map<Integer, long[]> after = viewerCounts(get(port, "/status")); // before the viewers leave
                crowd.send("stop");
                String[] r = crowd.await("RESULT").split(" ");
                System.gc();
                long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
                long threads = cpu.threads();
                long[] drops = drops(before, after, slowPort);
                report.add(String.format(Locale.ROOT, "| %d | %s / %s | %s ms | %s ms | %s ms | %s ms | %d | %s"
                                         + " | %d / %d | %.0f %% | %d MB | %d | %.0f %% | %.0f %% |",
                        viewers, r[0], r[1], r[2], r[3], r[4], r[5], drops[0], r[7], drops[1], drops[2], cpuPercent,
                        heapMb, threads, pressure, viewersPercent));
                report.add(String.format(Locale.ROOT, "(%d viewers: %s latency samples; relay CPU by thread (/proc,"
                                         + " names cut at 15 characters): %s)", viewers, r[6], relayThreads));
            } finally {
                crowd.close();
                context.stop();
            }
        }
    }

    /**
     * Drops among the fast viewers in the window, then the slow viewer's frames sent and dropped in the window, from
     * two /status snapshots (viewers told apart by their port).
     */
    private static long[] drops(Map<Integer, long[]> before, Map<Integer, long[]> after, int slowPort) {
        long[] drops = new long[3];
        after.forEach((viewerPort, end) -> {
            long[] start = before.getOrDefault(viewerPort, new long[2]);
            if (viewerPort == slowPort) {
                drops[1] = end[0] - start[0];
                drops[2] = end[1] - start[1];
            } else {
                drops[0] += end[1] - start[1];
            }
        });
        return drops;
    }

    /** Each viewer's frames sent and dropped so far, by its port, from the relay's /status. */
    private static Map<Integer, long[]> viewerCounts(String status) {
        Map<Integer, long[]> counts = new HashMap<>();
        Matcher m = Pattern.compile("\"remote\":\"[^\"]*?:(\\d+)\",\"framesSent\":(\\d+),\"framesDropped\":(\\d+)")
                .matcher(status);
        while (m.find()) {
            counts.put(Integer.parseInt(m.group(1)), new long[] { Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)) });
        }
        return counts;
    }

    private static String get(int port, String path) throws IOException {
        try (InputStream in = URI.create("http://127.0.0.1:" + port + path).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
