package io.camelaxis.mjpeg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import io.camelaxis.mjpeg.AxisMjpegConsumer;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.FrameSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * N simulated cameras consumed by one JVM, one route each. Reports frames/s against what the cameras sent, frames
 * missing, CPU, heap, threads, and the latency from the camera's last write of a frame to the frame's exchange in the
 * route (same JVM, same clock).
 */
final class CamerasBench {

    private CamerasBench() {
    }

    static void run(int cameras, int seconds, int fps, int[] resolution, String transport) throws Exception {
        FrameSource frames = FrameSource.precomputed(25, 0.8f);
        Map sent = new Map();
        List<AxisCameraSimulator> simulators = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            simulators.add(AxisCameraSimulator.builder().fps(fps).resolution(resolution[0], resolution[1])
                    .source(frames).frameSentListener(sent::put).build().start());
        }
        LatencyRecorder latency = new LatencyRecorder(cameras * fps * (seconds + 10));
        AtomicLong received = new AtomicLong();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (AxisCameraSimulator camera : simulators) {
                    int port = camera.port();
                    from("axis-mjpeg:" + camera.hostAndPort() + "?statisticsLogInterval=0&stallTimeout=20000"
                         + "&transport=" + transport)
                            .routeId("camera-" + port)
                            .process(e -> {
                                long now = System.nanoTime();
                                long number = e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class);
                                long sentAt = sent.get(port, number);
                                if (sentAt != 0) {
                                    latency.record(now - sentAt);
                                }
                                received.incrementAndGet();
                            });
                }
            }
        });
        context.start();
        Thread.sleep(3000); // connect and warm up
        long receivedBefore = received.get();
        long servedBefore = served(simulators);
        JvmMeter meter = new JvmMeter();
        meter.start();
        int latencyBefore = latency.count();
        Thread.sleep(seconds * 1000L);
        long receivedInWindow = received.get() - receivedBefore;
        long servedInWindow = served(simulators) - servedBefore;
        JvmMeter.Snapshot jvm = meter.stop();
        Thread.sleep(1000); // frames in flight arrive
        long missing = 0;
        long reconnects = 0;
        for (var route : context.getRoutes()) {
            AxisMjpegConsumer consumer = (AxisMjpegConsumer) route.getConsumer();
            reconnects += consumer.getReconnects();
            missing += consumer.getCorruptFrames() + consumer.getDroppedFrames() + consumer.getFailedExchanges();
        }
        simulators.forEach(AxisCameraSimulator::close);
        long totalServed = served(simulators);
        long totalReceived = received.get();
        for (int i = 0; i < 50 && totalReceived < totalServed; i++) { // frames in flight when the cameras stopped
            Thread.sleep(100);
            totalReceived = received.get();
        }
        context.stop();
        System.out.printf(Locale.ROOT, "| %d | %s | %dx%d @ %d | %.0f | %.0f | %d | %d | %.0f %% | %.0f %% | %d MB"
                          + " | %d | %d | %.2f ms | %.2f ms |%n",
                cameras, transport, resolution[0], resolution[1], fps, servedInWindow / (double) seconds,
                receivedInWindow / (double) seconds, totalServed - totalReceived, missing + reconnects,
                jvm.cpuPercent(), jvm.cpuPercentWithoutSimulator(), jvm.heapUsedMb(), jvm.threads(),
                jvm.threads() - 2 * cameras,
                latency.percentileMillis(50), latency.percentileMillis(99));
        System.out.printf(Locale.ROOT, "(%d latency samples, %d since the window began; %d cores)%n",
                latency.count(), latency.count() - latencyBefore, jvm.cores());
    }

    static String header() {
        return "| cameras | transport | resolution @ fps | frames/s sent | frames/s received"
               + " | frames sent but not received | corrupt+dropped+reconnects | CPU (JVM) | CPU without simulator"
               + " | heap used | threads (JVM) | threads without the simulator's | latency p50 | latency p99 |\n"
               + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    }

    private static long served(List<AxisCameraSimulator> simulators) {
        return simulators.stream().mapToLong(AxisCameraSimulator::framesServed).sum();
    }

    /** When each (camera port, frame number) was sent: a ring per camera. */
    private static final class Map {
        private final ConcurrentHashMap<Integer, AtomicLongArray> rings = new ConcurrentHashMap<>();

        void put(int port, long frameNumber, long nanos) {
            rings.computeIfAbsent(port, p -> new AtomicLongArray(4096)).set((int) (frameNumber % 4096), nanos);
        }

        long get(int port, long frameNumber) {
            AtomicLongArray ring = rings.get(port);
            return ring == null ? 0 : ring.get((int) (frameNumber % 4096));
        }
    }
}
