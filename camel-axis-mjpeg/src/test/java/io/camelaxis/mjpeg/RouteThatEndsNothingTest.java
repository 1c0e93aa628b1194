package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route that ends none of its exchanges (an AsyncCallback never called, a step blocked for good), on every delivery
 * plan: frames wait (block) or are dropped (counted), and the camera is not blamed (no reconnect). Before, the frames
 * under way counted as a busy route, and a busy route as frames delivered: health said UP for ever over a camera of
 * which no frame reached the end of the route, and on the blocking transport or a dropping backpressure no line said
 * anything.
 */
class RouteThatEndsNothingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest
    @ValueSource(strings = { "transport=blocking", "transport=blocking&backpressure=dropOldest", "transport=async",
            "transport=async&asyncConsumer=true", "transport=async&routeOnIoThread=true",
            "transport=async&asyncConsumer=true&backpressure=latestOnly" })
    void healthIsDownAndSaidUntilTheRouteEndsAFrameAgain(String plan) throws Exception {
        boolean asyncRoute = plan.contains("asyncConsumer") || plan.contains("routeOnIoThread");
        CountDownLatch blocked = new CountDownLatch(1);
        EndsLater never = new EndsLater(0);
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).resolution(64, 48).build().start();
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class)) {
            CamelContext context = new DefaultCamelContext();
            context.getShutdownStrategy().setTimeout(5); // a failed run must not wait 45 s for the held exchanges
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    var route = from("axis-mjpeg:" + camera.hostAndPort() + "?" + plan
                                     + "&noFrameTimeout=1000&stallTimeout=500&statisticsLogInterval=1000")
                            .routeId("held");
                    if (asyncRoute) {
                        route.process(never); // the callback is called when the test says so
                    } else {
                        route.process(e -> blocked.await());
                    }
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("held").getConsumer();
                AxisMjpegConsumerHealthCheck check = new AxisMjpegConsumerHealthCheck(consumer, "held");
                Awaitility.await().atMost(WAIT).until(() -> check.call().getState() == HealthCheck.State.DOWN);
                assertThat(check.call().getMessage()).hasValueSatisfying(m -> assertThat(m)
                        .startsWith("the route of camera " + camera.hostAndPort() + " has ended no frame for ")
                        .contains("0 delivered"));
                Awaitility.await().atMost(WAIT).until(() -> log.lines().stream().anyMatch(l -> l.startsWith(
                        "WARN Camera " + camera.hostAndPort() + ": the route has ended no frame for ")));
                assertThat(consumer.getFramesDelivered()).isZero();
                assertThat(consumer.getConnections()).as("the camera is not blamed").isEqualTo(1);
                assertThat(consumer.getState()).isEqualTo(AxisMjpegConsumer.State.STREAMING);
                if (plan.contains("drop") || plan.contains("latest")) {
                    Awaitility.await().atMost(WAIT).until(() -> consumer.getDroppedFrames() > 0);
                }
                if (plan.startsWith("transport=async") && !plan.contains("latest")) {
                    // reading pauses for the route: the progress line says it ended none, not that it is slower
                    Awaitility.await().atMost(WAIT).until(() -> log.lines().stream().anyMatch(l -> l.startsWith(
                            "WARN Camera " + camera.hostAndPort() + ": ") && l.contains("for the route, which ended"
                                                                                          + " no frame since the last line")));
                    assertThat(log.lines()).noneMatch(l -> l.contains("arrive late"));
                }

                blocked.countDown();
                Awaitility.await().atMost(WAIT).until(() -> {
                    never.releaseAll();
                    return consumer.getFramesDelivered() > 30;
                });
                Awaitility.await().atMost(WAIT).until(() -> check.call().getState() == HealthCheck.State.UP);
                Awaitility.await().atMost(WAIT).until(() -> log.lines().stream().anyMatch(l -> l.startsWith(
                        "INFO Camera " + camera.hostAndPort() + ": the route ends frames again, after holding them")));
                assertThat(log.lines()).filteredOn(l -> l.contains("the route has ended no frame")).hasSize(1);
                assertThat(consumer.getConnections()).isEqualTo(1);
            } finally {
                blocked.countDown();
                never.releaseAll();
                context.stop();
                never.shutdownTimer();
            }
        }
    }
}
