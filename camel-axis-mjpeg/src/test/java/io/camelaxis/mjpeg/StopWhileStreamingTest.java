package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stop while bytes pour in, 200 times: the async transport ends a connection's parser on a worker while the I/O
 * thread may be feeding it; the parser must only ever see one thread at a time. After each stop every frame the
 * parser emitted is accounted for exactly once (delivered or dropped), nothing fails, nothing is logged as an error.
 */
class StopWhileStreamingTest {

    private static final int ROUNDS = 200;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stoppingMidStreamLeavesExactAccounting(Transport transport) throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        FrameCollector collector = new FrameCollector();
        // fps 0: the camera writes as fast as the socket takes it, so a stop always lands mid-frame somewhere
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(0).resolution(64, 48).build().start();
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class)) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                         + "&backpressure=dropOldest&queueSize=4").routeId("camera").autoStartup(false)
                            .process(collector);
                }
            });
            context.start();
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    collector.frames().clear();
                    context.getRouteController().startRoute("camera");
                    AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("camera").getConsumer();
                    long target = 3;
                    try {
                        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                                .until(() -> consumer.getFramesReceived() >= target);
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        throw new AssertionError("round " + round + ": " + consumer.getState() + ", last error "
                                + consumer.getLastError() + ", camera streams " + camera.activeStreams(), e);
                    }
                    context.getRouteController().stopRoute("camera");
                    // late work of the stopped connection (its parser's end on a worker) settles
                    try {
                        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getFramesDelivered()
                                + consumer.getDroppedFrames() + consumer.getFailedExchanges()
                                == consumer.getFramesReceived());
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        throw new AssertionError("round " + round + ": received " + consumer.getFramesReceived()
                                + ", delivered " + consumer.getFramesDelivered() + ", dropped "
                                + consumer.getDroppedFrames() + ", failed " + consumer.getFailedExchanges()
                                + ", collected " + collector.count(), e);
                    }
                    assertThat(collector.count()).as("round %d", round).isEqualTo(consumer.getFramesDelivered());
                    assertThat(consumer.getFailedExchanges()).isZero();
                    assertThat(consumer.getLastError()).as("round %d", round).isNull();
                    // at most the frame in progress at the stop is cut short
                    assertThat(consumer.getCorruptFrames()).as("round %d", round).isLessThanOrEqualTo(1);
                    List<FrameCollector.Received> frames = collector.frames();
                    for (int i = 1; i < frames.size(); i++) {
                        assertThat(frames.get(i).number()).isGreaterThan(frames.get(i - 1).number());
                    }
                }
            } finally {
                context.stop();
            }
            assertThat(uncaught).isEmpty();
            assertThat(log.lines()).noneMatch(l -> l.startsWith("ERROR") || l.startsWith("WARN"));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
