package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each backpressure mode on each transport, made deterministic: the route holds frame 1 until the camera has sent
 * all {@value #SENT} frames, so exactly which frames wait, which are dropped and which arrive follows from the queue
 * alone. {@link FrameDispatcher.Plan} is the one mapping of transport x backpressure to inline/queued and capacity.
 */
class BackpressureTest {

    private static final int SENT = 60;
    private static final int QUEUE_SIZE = 5;

    /** @param sharedWorkers whether the component's shared worker pool was started */
    private record Outcome(List<Long> numbers, AxisMjpegConsumer consumer, int capacity, boolean sharedWorkers) {
    }

    /**
     * @param holdFirstFrame keep frame 1 in the route until every frame was received (the drop modes); the block
     *                       mode cannot receive them all while the route holds a frame, by design
     */
    private static Outcome run(String mode, Transport transport, boolean holdFirstFrame) throws Exception {
        CountDownLatch release = new CountDownLatch(holdFirstFrame ? 1 : 0);
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(50).resolution(64, 48).build().start()) {
            FrameCollector collector = new FrameCollector();
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?nbrOfFrames=" + SENT + "&backpressure=" + mode
                         + "&queueSize=" + QUEUE_SIZE + "&transport=" + transport).routeId("slow")
                            .process(collector)
                            .process(e -> release.await(30, TimeUnit.SECONDS));
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("slow").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getFramesReceived() == SENT);
                release.countDown();
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> consumer.getState() == AxisMjpegConsumer.State.FINISHED);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getFramesDelivered()
                        + consumer.getDroppedFrames() == consumer.getFramesReceived());
                List<Long> numbers = collector.frames().stream().map(FrameCollector.Received::number).toList();
                return new Outcome(numbers, consumer, consumer.queueCapacity(),
                        consumer.getEndpoint().getComponent().asyncResources().hasWorkers());
            } finally {
                context.stop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void blockDeliversEveryFrameAndSlowsTheReading(Transport transport) throws Exception {
        Outcome o = run("block", transport, false);
        // blocking: inline on the reading thread (the TCP window is the queue); async: a queue that pauses reading
        assertThat(o.capacity()).isEqualTo(transport == Transport.blocking ? 0 : QUEUE_SIZE);
        assertThat(o.numbers()).containsExactlyElementsOf(LongStream.rangeClosed(1, SENT).boxed().toList());
        assertThat(o.consumer().getDroppedFrames()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dropOldestKeepsTheNewestQueueSizeFrames(Transport transport) throws Exception {
        Outcome o = run("dropOldest", transport, true);
        assertThat(o.capacity()).isEqualTo(QUEUE_SIZE);
        // frame 1 was in the route; of 2..60 the queue kept the newest five
        assertThat(o.numbers()).containsExactly(1L, 56L, 57L, 58L, 59L, 60L);
        assertThat(o.consumer().getDroppedFrames()).isEqualTo(SENT - 6);
        // the blocking transport drains on a thread of its camera: the shared pool is never started for it
        assertThat(o.sharedWorkers()).isEqualTo(transport == Transport.async);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void latestOnlyKeepsOnlyTheNewestFrame(Transport transport) throws Exception {
        Outcome o = run("latestOnly", transport, true);
        assertThat(o.capacity()).isEqualTo(1); // on async too: before, it got queueSize and behaved as dropOldest
        assertThat(o.numbers()).containsExactly(1L, 60L);
        assertThat(o.consumer().getDroppedFrames()).isEqualTo(SENT - 2);
    }
}
