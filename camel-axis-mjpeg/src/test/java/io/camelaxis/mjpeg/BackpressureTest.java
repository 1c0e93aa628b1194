package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.List;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/** A route ten times slower than the camera, under each backpressure mode: what is kept, what is dropped, all counted. */
class BackpressureTest {

    private static final int SENT = 60;

    private record Outcome(List<FrameCollector.Received> frames, AxisMjpegConsumer consumer) {
    }

    private static Outcome run(String mode, Transport transport) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(50).resolution(64, 48).build().start()) {
            FrameCollector collector = new FrameCollector();
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?nbrOfFrames=" + SENT + "&backpressure=" + mode
                         + "&queueSize=5&transport=" + transport).routeId("slow")
                            .process(collector)
                            .delay(100).syncDelayed(); // 10 frames/s for a 50 fps camera
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("slow").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> consumer.getState() == AxisMjpegConsumer.State.FINISHED);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getFramesDelivered()
                        + consumer.getDroppedFrames() == consumer.getFramesReceived());
                return new Outcome(List.copyOf(collector.frames()), consumer);
            } finally {
                context.stop();
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Transport.class)
    void blockDeliversEveryFrameAndSlowsTheReading(Transport transport) throws Exception {
        Outcome o = run("block", transport);
        assertThat(o.frames()).hasSize(SENT);
        for (int i = 0; i < SENT; i++) {
            assertThat(o.frames().get(i).number()).isEqualTo(i + 1L);
        }
        assertThat(o.consumer().getDroppedFrames()).isZero();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Transport.class)
    void dropOldestKeepsTheNewestFramesAndCountsTheDrops(Transport transport) throws Exception {
        Outcome o = run("dropOldest", transport);
        assertThat(o.consumer().getFramesReceived()).isEqualTo(SENT);
        assertThat(o.consumer().getDroppedFrames()).isPositive();
        assertThat(o.frames().size() + o.consumer().getDroppedFrames()).isEqualTo(SENT);
        // numbers only grow; the gaps are exactly the dropped frames
        for (int i = 1; i < o.frames().size(); i++) {
            assertThat(o.frames().get(i).number()).isGreaterThan(o.frames().get(i - 1).number());
        }
        assertThat(o.frames().get(o.frames().size() - 1).number()).isEqualTo(SENT);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Transport.class)
    void latestOnlyDeliversTheLastFrameAndDropsMostOthers(Transport transport) throws Exception {
        Outcome o = run("latestOnly", transport);
        assertThat(o.consumer().getDroppedFrames()).isGreaterThan(SENT / 2);
        assertThat(o.frames().size() + o.consumer().getDroppedFrames()).isEqualTo(SENT);
        assertThat(o.frames().get(o.frames().size() - 1).number()).isEqualTo(SENT);
    }
}
