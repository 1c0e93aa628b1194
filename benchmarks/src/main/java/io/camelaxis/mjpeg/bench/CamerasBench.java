package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaxis.mjpeg.AxisMjpegComponent;
import io.camelaxis.mjpeg.AxisMjpegConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * N cameras in a {@link CameraFarm} process, consumed by this JVM with one route each. Reports frames sent (counted by
 * the farm) against frames received, frames lost, the latency from the camera producing a frame to the route's
 * processor seeing it ({@link BenchStamp}, one clock), and this JVM's CPU (from /proc, the farm's excluded), heap and
 * threads, per camera.
 */
final class CamerasBench {

    /** More endpoint options for every camera's route, e.g. {@code -Dbench.uriOptions=&readBufferSize=16384}. */
    private static final String URI_OPTIONS = System.getProperty("bench.uriOptions", "");
    /** The component's asyncIoThreads, e.g. {@code -Dbench.asyncIoThreads=1} for a consumer pinned to one core. */
    private static final String ASYNC_IO_THREADS = System.getProperty("bench.asyncIoThreads");

    /** A frame this old at arrival is still part of the start's backlog. */
    private static final long STALE_NANOS = 1_000_000_000L;

    private CamerasBench() {
    }

    static MarkdownReport report() {
        return new MarkdownReport("cameras", "Many cameras in one JVM, cameras out of process",
                "Method: `./bench.sh cameras N`. The cameras run in a separate JVM (`bench camera-farm`, "
                + (FarmCameras.LEAN ? "`-Dbench.farm=lean`: one selector thread for all cameras, pre-rendered JPEGs"
                                      + " from shared direct buffers, one gathering write per frame"
                                    : "the project's simulator, pre-rendered JPEGs, one 64 KB-buffered connection"
                                      + " thread per camera")
                + ") at nice 10, so that it takes only the CPU the consumer leaves (Linux shares a"
                + " busy CPU per thread); this JVM runs one route `from(\"axis-mjpeg:...\")` per camera. Warm-up: 5"
                + " s, then on until no frame older than 1 s has arrived for 1 s (the start's backlog drained; at"
                + " most 30 s more), then the measured window. Frames sent are counted by the farm (frames written"
                + " completely); lost = sent - received after the cameras stop and in-flight frames arrive."
                + " Latency: the farm stamps System.nanoTime() (CLOCK_MONOTONIC, one clock for all processes) into"
                + " a JPEG comment when the camera produces the frame; the route's processor subtracts it from its"
                + " own nanoTime. CPU: utime+stime of this process alone from /proc/self/stat over the window, in %"
                + " of one core (the farm's own CPU shown apart); heap after a full GC at the end of the window."
                + " CPU pressure: the share of the window in which some runnable task on the machine waited for a"
                + " core (Linux PSI, machine-wide). The farm's share: the farm's own time from stamping a frame to"
                + " its last byte flushed into the socket (a starved farm shows here); the consumer's share: from"
                + " that flush (the farm keeps each frame's flush time) to the route's processor. The note under a"
                + " row splits the frames later than 5 ms: already late from the farm (this JVM's share under 5"
                + " ms), or late in this JVM, and of those how many waited through one of its collections (GC"
                + " notifications; -Dbench.lateFrames=FILE lists each late frame, benchmarks/tail-cameras.sh adds"
                + " the scheduler's view). A row that fails is reported as such.",
                "| cameras | transport | resolution @ fps | frames/s sent | frames/s received | lost | corrupt+dropped"
                + "+failed+reconnects | latency p50 | p99 | p99.9 | max | CPU (consumer JVM, % of one core)"
                + " | CPU per camera | heap used | heap per camera | threads | CPU (camera farm, % of one core)"
                + " | mean frame | CPU pressure (PSI some) | farm's share: stamp to flushed p50 / p99"
                + " | consumer's share: flushed to route p50 / p99 |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    /** Corrupt, dropped and failed frames and reconnects, all routes: each is a frame or a stream the bench lost. */
    static long troubles(CamelContext context) {
        long troubles = 0;
        for (var route : context.getRoutes()) {
            AxisMjpegConsumer consumer = (AxisMjpegConsumer) route.getConsumer();
            troubles += consumer.getCorruptFrames() + consumer.getDroppedFrames() + consumer.getFailedExchanges()
                        + consumer.getReconnects();
        }
        return troubles;
    }

    /** Which frame (camera, number) reached its route when, for the window's frames. */
    private static final class Arrivals {
        private final int[] cameras;
        private final long[] frames;
        private final long[] nanos;
        private final long[] latencies;
        private final AtomicInteger count = new AtomicInteger();

        Arrivals(int capacity) {
            cameras = new int[capacity];
            frames = new long[capacity];
            nanos = new long[capacity];
            latencies = new long[capacity];
        }

        void record(int camera, long frame, long at, long latency) {
            int i = count.getAndIncrement();
            if (i < nanos.length) {
                cameras[i] = camera;
                frames[i] = frame;
                nanos[i] = at;
                latencies[i] = latency;
            }
        }

        /**
         * The frames later than the limit, split by where they spent it: mostly before the farm had written them (a
         * camera late), or in this JVM, and of those how many waited through one of its collections. With the
         * system property {@code bench.lateFrames} set to a file, each late frame becomes a line there: arrival
         * (nanoTime), latency, this JVM's share (ns), camera, whether its share overlapped a collection (several
         * camera counts in one run: the last one's).
         */
        String lateOnes(long limitNanos, FlushTimes flushed, GcPauses collections) throws IOException {
            String lateFileName = System.getProperty("bench.lateFrames");
            int n = Math.min(count.get(), nanos.length);
            int late = 0;
            int cameraLate = 0;
            int throughCollection = 0;
            try (PrintWriter lateFile = lateFileName == null ? null : new PrintWriter(lateFileName, US_ASCII)) {
                for (int i = 0; i < n; i++) {
                    if (latencies[i] <= limitNanos) {
                        continue;
                    }
                    late++;
                    long known = consumerShare(i, flushed);
                    long consumerShare = known >= 0 ? known : latencies[i]; // unknown: all of it counts as ours
                    boolean waited = collections.overlaps(nanos[i] - consumerShare, nanos[i]);
                    if (consumerShare <= limitNanos) {
                        cameraLate++;
                    } else if (waited) {
                        throughCollection++;
                    }
                    if (lateFile != null) {
                        lateFile.printf(Locale.ROOT, "%d %d %d %d %b%n", nanos[i], latencies[i], consumerShare,
                                cameras[i], waited);
                    }
                }
            }
            return String.format(Locale.ROOT, "%d frames (%.2f %%) later than %d ms: %d of them already late from"
                                 + " the farm, %d late in this JVM, %d of those waited through a collection", late,
                    100.0 * late / Math.max(1, n), limitNanos / 1_000_000, cameraLate, late - cameraLate,
                    throughCollection);
        }

        /** Each arrival's time since the farm flushed that frame: the consumer's own share of the latency. */
        LatencyRecorder sinceFlush(FlushTimes flushed) {
            int n = Math.min(count.get(), nanos.length);
            LatencyRecorder share = new LatencyRecorder(Math.max(1, n));
            for (int i = 0; i < n; i++) {
                long known = consumerShare(i, flushed);
                if (known >= 0) {
                    share.record(known);
                }
            }
            return share;
        }

        /** Arrival {@code i}'s time since the farm flushed that frame, or -1 when the farm's record of it is gone. */
        private long consumerShare(int i, FlushTimes flushed) {
            long at = flushed.flushedAt(cameras[i], frames[i]);
            // loopback hands the bytes over inside the farm's write: a route can see the frame before the farm
            // thread reads its clock after the flush; such a frame counts as 0, not as unknown
            return at > 0 ? Math.max(0, nanos[i] - at) : -1;
        }
    }

    /**
     * Frames the cameras wrote while 1000 routes were still starting arrive seconds late, camera after camera, until
     * the consumer has caught up; a window opened before then measures the start, not the steady state. Waits until
     * no frame older than {@link #STALE_NANOS} has arrived for a second, at most 30 s.
     */
    private static void awaitStartBacklogDrained(AtomicLong lastStaleArrival, int cameras)
            throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() - lastStaleArrival.get() < 1_000_000_000L) {
            if (System.nanoTime() > deadline) {
                System.err.printf(Locale.ROOT, "%d cameras: frames still arrive more than 1 s late after 35 s;"
                                  + " measuring anyway%n", cameras);
                return;
            }
            Thread.sleep(100);
        }
    }

    static void run(MarkdownReport report, int cameras, int seconds, int fps, int[] resolution,
                            String transport) throws Exception {
        LatencyRecorder latency = new LatencyRecorder(cameras * fps * (seconds + 10));
        AtomicLong received = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Arrivals arrivals = new Arrivals(cameras * fps * (seconds + 10));
        AtomicLong lastStaleArrival = new AtomicLong(System.nanoTime());
        try (FarmCameras farm = FarmCameras.start(cameras, fps, resolution); GcPauses collections = new GcPauses()) {
            CamelContext context = new DefaultCamelContext();
            if (ASYNC_IO_THREADS != null) {
                AxisMjpegComponent component = new AxisMjpegComponent();
                component.setAsyncIoThreads(Integer.parseInt(ASYNC_IO_THREADS));
                context.addComponent("axis-mjpeg", component);
            }
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int port : farm.ports()) {
                        from("axis-mjpeg:127.0.0.1:" + port + "?statisticsLogInterval=0&stallTimeout=20000"
                             + "&transport=" + transport + URI_OPTIONS).routeId("camera-" + port)
                                .process(e -> {
                                    long now = System.nanoTime();
                                    byte[] jpeg = e.getIn().getBody(byte[].class);
                                    long captured = BenchStamp.captureNanos(jpeg);
                                    bytes.addAndGet(jpeg.length);
                                    if (captured > 0 && now - captured > STALE_NANOS) {
                                        lastStaleArrival.set(now);
                                    }
                                    if (captured > 0 && latency.isOpen()) {
                                        latency.record(now - captured);
                                        arrivals.record(BenchStamp.camera(jpeg), BenchStamp.frame(jpeg), now,
                                                        now - captured);
                                    }
                                    received.incrementAndGet();
                                });
                    }
                }
            });
            try {
                context.start();
            } catch (RuntimeException e) {
                context.stop();
                throw e;
            }
            System.err.printf(Locale.ROOT, "%d cameras: routes started, warming up%n", cameras);
            Thread.sleep(5000); // connect and warm up
            awaitStartBacklogDrained(lastStaleArrival, cameras);
            ProcessMeter cpu = ProcessMeter.self();
            ProcessMeter farmCpu = new ProcessMeter(farm.pid());
            long sentBefore = farm.sent();
            long receivedBefore = received.get();
            cpu.start();
            farmCpu.start();
            farm.openWriteTimes();
            long windowStart = System.nanoTime();
            System.err.printf(Locale.ROOT, "%d cameras: measuring for %d s%n", cameras, seconds);
            latency.open();
            Thread.sleep(seconds * 1000L);
            latency.close();
            long windowEnd = System.nanoTime();
            double cpuPercent = cpu.cpuPercentOfOneCore();
            double farmPercent = farmCpu.cpuPercentOfOneCore();
            String consumerThreads = cpu.topThreads(6);
            double pressure = cpu.cpuPressurePercent();
            long receivedInWindow = received.get() - receivedBefore;
            long sentInWindow = farm.sent() - sentBefore;
            String[] farmWrites = farm.closeWriteTimes();
            FlushTimes flushed = farm.flushTimes(); // one snapshot from the farm for both figures
            LatencyRecorder ownShare = arrivals.sinceFlush(flushed);
            String tail = arrivals.lateOnes(5_000_000L, flushed, collections) + "; in the window "
                          + collections.summary(windowStart, windowEnd);
            System.gc();
            long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            long threads = cpu.threads();
            long troubles = troubles(context);
            // from here every camera closing its stream is expected: one WARN line per camera says nothing
            Configurator.setLevel("io.camelaxis.mjpeg", Level.ERROR);
            long totalSent = farm.stop();
            long totalReceived = received.get();
            // frames in flight when the cameras stopped, a backlog included: wait while they keep arriving
            long lastProgress = System.nanoTime();
            while (totalReceived < totalSent && System.nanoTime() - lastProgress < 3_000_000_000L) {
                Thread.sleep(100);
                if (received.get() != totalReceived) {
                    totalReceived = received.get();
                    lastProgress = System.nanoTime();
                }
            }
            context.stop();
            Configurator.setLevel("io.camelaxis.mjpeg", Level.WARN);
            double meanFrameKb = bytes.get() / 1024.0 / Math.max(1, received.get());
            report.add(String.format(Locale.ROOT, "| %d | %s | %dx%d @ %d | %.0f | %.0f | %d | %d | %.2f ms | %.2f ms"
                                     + " | %.2f ms | %.2f ms | %.0f %% | %.3f %% | %d MB | %.0f KB | %d | %.0f %%"
                                     + " | %.0f KB | %.0f %% | %s / %s ms | %.2f / %.2f ms |",
                    cameras, transport, resolution[0], resolution[1], fps, sentInWindow / (double) seconds,
                    receivedInWindow / (double) seconds, totalSent - totalReceived, troubles,
                    latency.percentileMillis(50), latency.percentileMillis(99), latency.percentileMillis(99.9),
                    latency.percentileMillis(100), cpuPercent, cpuPercent / cameras, heapMb,
                    heapMb * 1024.0 / cameras, threads, farmPercent, meanFrameKb, pressure, farmWrites[0],
                    farmWrites[1], ownShare.percentileMillis(50), ownShare.percentileMillis(99)));
            report.add(String.format(Locale.ROOT, "(%d cameras: %d latency samples, %d frames sent in all, %d received;"
                                     + " consumer CPU by thread (/proc, names cut at 15 characters): %s; the tail: %s)",
                    cameras, latency.count(), totalSent, totalReceived, consumerThreads, tail));
        }
    }
}
