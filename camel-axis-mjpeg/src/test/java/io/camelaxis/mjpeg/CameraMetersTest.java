package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.StreamFault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-camera Micrometer meters against a simulated camera that cuts a frame and corrupts one. */
class CameraMetersTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void metersFollowTheConsumersCountersAndStateAndGoAwayWithTheRoute() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .fault(StreamFault.CORRUPT_JPEG, 3).build().start();
             CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("metricsRegistry", registry);
            FrameCollector frames = new FrameCollector();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?resolution=64x48&cameraId=gate&reconnectDelay=20")
                            .routeId("gate-route").process(frames);
                }
            });
            context.start();
            frames.await(5, WAIT);
            context.getRouteController().suspendRoute("gate-route"); // freeze the counters to compare them exactly
            AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("gate-route").getConsumer();

            assertThat(counter(registry, "frames")).isEqualTo(consumer.getFramesReceived()).isEqualTo(frames.count());
            assertThat(counter(registry, "bytes")).isEqualTo(consumer.getBytesReceived()).isPositive();
            assertThat(counter(registry, "frames.corrupt")).isEqualTo(consumer.getCorruptFrames()).isEqualTo(1);
            assertThat(counter(registry, "parts.skipped")).isEqualTo(consumer.getSkippedParts());
            assertThat(counter(registry, "bytes.skipped")).isEqualTo(consumer.getBytesSkipped());
            assertThat(counter(registry, "frames.dropped")).isZero();
            assertThat(counter(registry, "exchanges.failed")).isEqualTo(consumer.getFailedExchanges()).isZero();
            assertThat(counter(registry, "reconnects")).isEqualTo(consumer.getReconnects());
            assertThat(state(registry, "SUSPENDED")).isEqualTo(1.0);
            assertThat(state(registry, "STREAMING")).isEqualTo(0.0);

            Timer latency = registry.get(CameraMeters.PREFIX + "latency").tag("camera", "gate").timer();
            assertThat(latency.count()).as("every delivered frame carries the simulator's capture time")
                    .isEqualTo(frames.frames().stream()
                            .filter(f -> f.headers().containsKey(AxisMjpegConstants.CAMERA_TIMESTAMP)).count())
                    .isEqualTo(frames.count());
            long expectedMaxMillis = frames.frames().stream().mapToLong(f ->
                    (Long) f.headers().get(AxisMjpegConstants.RECEIVED_TIMESTAMP)
                    - (Long) f.headers().get(AxisMjpegConstants.CAMERA_TIMESTAMP)).max().orElseThrow();
            assertThat((long) latency.max(TimeUnit.MILLISECONDS)).isEqualTo(expectedMaxMillis);

            context.getRouteController().stopRoute("gate-route");
            assertThat(Search.in(registry).tag("camera", "gate").meters()).as("no stale series").isEmpty();
        }
    }

    @Test
    void withoutARegistryTheRouteRunsUninstrumented() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?resolution=64x48")) {
            route.frames().await(2, WAIT);
            assertThat(route.consumer().getProcessor()).isNotInstanceOf(CameraMeters.class);
        }
    }

    private static double counter(MeterRegistry registry, String name) {
        Awaitility.await().atMost(WAIT).until(() -> registry.find(CameraMeters.PREFIX + name).functionCounter() != null);
        return registry.get(CameraMeters.PREFIX + name).tag("camera", "gate").tag("routeId", "gate-route")
                .functionCounter().count();
    }

    private static double state(MeterRegistry registry, String state) {
        return registry.get(CameraMeters.PREFIX + "state").tag("camera", "gate").tag("state", state).gauge().value();
    }
}
