package io.camelaxis.mjpeg;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void suspendReleasesTheCameraAndResumeContinuesTheNumbering() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?resolution=64x48")) {
            route.frames().await(3, WAIT);
            route.context().getRouteController().suspendRoute(CameraRoute.ROUTE_ID);
            Awaitility.await().atMost(WAIT).until(() -> camera.activeStreams() == 0);
            int atSuspend = route.frames().count();

            route.context().getRouteController().resumeRoute(CameraRoute.ROUTE_ID);
            route.frames().await(atSuspend + 3, WAIT);
            List<FrameCollector.Received> all = route.frames().frames();
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).number()).isEqualTo(i + 1L);
            }
            // nothing while suspended: connection 1 ended with the suspend, and the resume opened connection 2, so no
            // connection was opened in between
            assertThat(all.stream().filter(f -> f.connection() == 1L).count()).isEqualTo(atSuspend);
            assertThat(all.get(all.size() - 1).connection()).isEqualTo(2L);
            assertThat(route.consumer().getConnections()).isEqualTo(2);
        }
    }

    @Test
    void stopLeavesNoThreadAndNoConnection() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).build().start()) {
            CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?resolution=64x48");
            route.frames().await(2, WAIT);
            route.close();
            Awaitility.await().atMost(WAIT).until(() -> camera.activeStreams() == 0);
            Set<Thread> threads = Thread.getAllStackTraces().keySet();
            assertThat(threads).noneMatch(t -> t.getName().contains("AxisMjpeg") && t.isAlive());
        }
    }

    @Test
    void aFiniteStreamIsNotReconnected() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(50).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                                                   + "?resolution=64x48&nbrOfFrames=5")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getState() == AxisMjpegConsumer.State.FINISHED);
            assertThat(route.frames().count()).isEqualTo(5);
            assertThat(camera.connections()).isEqualTo(1);
        }
    }

    @Test
    void healthCheckIsUpWhileStreamingAndDownWithTheReasonWhenTheCameraIsAway() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).build().start()) {
            CamelContext context = new DefaultCamelContext();
            FrameCollector collector = new FrameCollector();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // block on the blocking transport delivers on the reading thread: holding frame 3 in the route
                    // holds the count at exactly 3 while the health check is read
                    from("axis-mjpeg:" + camera.hostAndPort() + "?resolution=64x48&username=root&password=Secr3t!")
                            .routeId(CameraRoute.ROUTE_ID).process(collector).process(e -> {
                                if (e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class) == 3) {
                                    release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                                }
                            });
                }
            });
            context.start();
            try {
                collector.await(3, WAIT);
                // what camel-main does for camel.health.consumersEnabled=true
                HealthCheckRegistry registry = context.getCamelContextExtension()
                        .getContextPlugin(HealthCheckRegistry.class);
                registry.register(registry.resolveById("consumers"));
                HealthCheck.Result up = readiness(context);
                assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
                assertThat(up.getDetails()).containsEntry("camera", camera.hostAndPort()).containsEntry("frames", 3L)
                        .containsEntry("state", "STREAMING").containsEntry("reconnects", 0L);
                release.countDown();
                camera.close();
                Awaitility.await().atMost(WAIT).until(() -> readiness(context).getState() == HealthCheck.State.DOWN);
                HealthCheck.Result down = readiness(context);
                assertThat(down.getMessage()).get().asString().contains(camera.hostAndPort());
                assertThat(down.getDetails().toString()).doesNotContain("Secr3t!").contains("last.error");
            } finally {
                release.countDown();
                context.stop();
            }
        }
    }

    private static HealthCheck.Result readiness(CamelContext context) {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:" + CameraRoute.ROUTE_ID))
                .findFirst().orElseThrow(() -> new AssertionError("no consumer health check among "
                        + HealthCheckHelper.invoke(context).stream().map(r -> r.getCheck().getId()).toList()));
    }

    @Test
    void givesUpAfterTheReconnectBudget() throws Exception {
        try (CameraRoute route = CameraRoute.start("axis-mjpeg:127.0.0.1:1?reconnectDelay=10&maxReconnectAttempts=2")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getState() == AxisMjpegConsumer.State.GAVE_UP);
            assertThat(route.consumer().getConnections()).isEqualTo(3);
            assertThat(route.consumer().getLastError()).contains("connection refused").contains("HTTPS only");
        }
    }

    @Test
    void countersAreExposedOverJmx() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).build().start()) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?resolution=64x48").routeId("jmx").to("mock:x");
                }
            });
            context.start();
            try {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                ObjectName pattern = new ObjectName("org.apache.camel:context=" + context.getManagementName()
                                                    + ",type=consumers,*");
                Awaitility.await().atMost(WAIT).until(() -> {
                    Set<ObjectName> names = server.queryNames(pattern, null);
                    return !names.isEmpty()
                            && (Long) server.getAttribute(names.iterator().next(), "FramesReceived") >= 3;
                });
                ObjectName name = server.queryNames(pattern, null).iterator().next();
                assertThat((Long) server.getAttribute(name, "BytesReceived")).isPositive();
                assertThat(server.getAttribute(name, "CorruptFrames")).isEqualTo(0L);
                assertThat(server.getAttribute(name, "ConsumerState")).isEqualTo("STREAMING");
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void badOptionsAreRefusedWithTheOptionName() {
        assertThatThrownBy(() -> CameraRoute.start("axis-mjpeg:127.0.0.1?resolution=big"))
                .rootCause().hasMessageContaining("resolution");
        assertThatThrownBy(() -> CameraRoute.start("axis-mjpeg:127.0.0.1?compression=300"))
                .rootCause().hasMessageContaining("compression");
        assertThatThrownBy(() -> CameraRoute.start("axis-mjpeg:127.0.0.1?noSuchOption=1"))
                .rootCause().hasMessageContaining("noSuchOption");
        assertThatThrownBy(() -> CameraRoute.start("axis-mjpeg:127.0.0.1:http"))
                .hasStackTraceContaining("the port must be a number");
    }

    @Test
    void vapixOptionsReachTheCameraWithTheirVapixNames() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                     + "?resolution=64x48&fps=25&compression=30&camera=1&clock=true&date=false&text=true"
                     + "&textString=Gate 3&rotation=180&squarePixel=true&streamProfile=low&vapix.color=0")) {
            route.frames().await(1, WAIT);
            assertThat(camera.lastRequestTarget()).isEqualTo("/axis-cgi/mjpg/video.cgi?resolution=64x48&fps=25"
                    + "&compression=30&camera=1&clock=1&date=0&text=1&textstring=Gate%203&rotation=180"
                    + "&squarepixel=1&streamprofile=low&color=0");
        }
    }

    @Test
    void theEndpointIsConsumerOnly() throws Exception {
        try (CameraRoute route = CameraRoute.start("direct:unused")) {
            assertThatThrownBy(() -> route.context().getEndpoint("axis-mjpeg:127.0.0.1").createProducer())
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("consumer only");
        }
    }
}
