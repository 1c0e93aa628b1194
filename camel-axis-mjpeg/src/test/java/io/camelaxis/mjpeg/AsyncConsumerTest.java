package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code asyncConsumer=true} on the async transport's workers: a worker starts a frame's exchange and goes on while a
 * step that ends later (as a Kafka send ends with its acknowledgement) is in flight, so one worker carries several
 * cameras whose routes each wait; without it, that worker carries one exchange at a time. Every frame in order per
 * camera either way; exchanges in flight are bounded by queueSize, and reading pauses beyond (nothing dropped).
 */
class AsyncConsumerTest {

    private static final int CAMERAS = 3;
    private static final int SENT = 30;

    /**
     * A stop while exchanges are in flight that never end (a broker gone for good): bounded by Camel's shutdown
     * timeout, as any route's in-flight exchanges, and the camera's connection is closed.
     */
    @Test
    void aStopWithExchangesThatNeverEndIsBounded() throws Exception {
        EndsLater never = new EndsLater(0);
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(50).resolution(64, 48).build().start()) {
            CamelContext context = new DefaultCamelContext();
            context.getShutdownStrategy().setTimeout(2);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=async&asyncConsumer=true").routeId("held")
                            .process(never);
                }
            });
            context.start();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> never.held() == 10);
            long began = System.nanoTime();
            context.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> camera.activeStreams() == 0);
        } finally {
            never.shutdownTimer();
        }
    }

    private static AxisCameraSimulator smallCamera(int fps) throws Exception {
        return AxisCameraSimulator.builder().fps(fps).resolution(64, 48).build().start();
    }

    @Test
    void oneWorkerCarriesTheExchangesOfSeveralWaitingRoutesTogether() throws Exception {
        Flight flight = threeCamerasOnOneWorker(true);
        // 3 cameras at 25 fps, 100 ms each: about 7 in flight; before, a worker held each exchange to its end
        assertThat(flight.mostInFlight()).as("exchanges in flight together on one worker").isGreaterThanOrEqualTo(3);
        flight.assertEveryFrameInOrder();
    }

    @Test
    void withoutItOneWorkerCarriesOneExchangeAtATime() throws Exception {
        Flight flight = threeCamerasOnOneWorker(false);
        assertThat(flight.mostInFlight()).isEqualTo(1);
        flight.assertEveryFrameInOrder();
    }

    /**
     * With none ending, the camera's worker starts exactly queueSize (10) exchanges and reading stops near that
     * number of frames held (HttpCore grants input in windows of 256 KB, so a few more may be read and queued); no
     * stall, nothing dropped; released, every frame ends, in order.
     */
    @Test
    void exchangesInFlightAreBoundedByQueueSize() throws Exception {
        EndsLater never = new EndsLater(0);
        List<Long> started = new CopyOnWriteArrayList<>();
        int sent = 120;
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(50).resolution(640, 480).build().start()) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=async&asyncConsumer=true&nbrOfFrames="
                         + sent + "&stallTimeout=1000").routeId("held")
                            .process(e -> started.add(e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class)))
                            .process(never);
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("held").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> never.held() >= 10);
                Thread.sleep(3000); // 150 frames' time at 50 fps, three stall timeouts
                assertThat(never.held()).as("exchanges in flight").isEqualTo(10);
                assertThat(consumer.getFramesReceived()).as("in flight and queued").isBetween(10L, 40L);
                assertThat(consumer.getConnections()).isEqualTo(1); // paused for the route: no stall
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                    never.releaseAll();
                    return consumer.getFramesDelivered() == sent;
                });
                assertThat(started).containsExactlyElementsOf(LongStream.rangeClosed(1, sent).boxed().toList());
                assertThat(consumer.getDroppedFrames()).isZero();
                assertThat(consumer.getConnections()).isEqualTo(1);
            } finally {
                context.stop();
                never.shutdownTimer();
            }
        }
    }

    /** Three cameras' routes that each end 100 ms after they begin, on a component with one async worker. */
    private static Flight threeCamerasOnOneWorker(boolean asyncConsumer) throws Exception {
        EndsLater later = new EndsLater(100);
        Flight flight = new Flight();
        List<AxisCameraSimulator> cameras = new ArrayList<>();
        try {
            for (int i = 0; i < CAMERAS; i++) {
                cameras.add(smallCamera(25));
            }
            CamelContext context = new DefaultCamelContext();
            context.getComponent("axis-mjpeg", AxisMjpegComponent.class).setAsyncWorkerThreads(1);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int i = 0; i < CAMERAS; i++) {
                        String id = "camera" + i;
                        from("axis-mjpeg:" + cameras.get(i).hostAndPort() + "?transport=async&asyncConsumer="
                             + asyncConsumer + "&nbrOfFrames=" + SENT).routeId(id)
                                .process(e -> flight.began(id, e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER,
                                        Long.class)))
                                .process(later)
                                .process(e -> flight.ended());
                    }
                }
            });
            context.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                    long delivered = 0;
                    for (int i = 0; i < CAMERAS; i++) {
                        delivered += ((AxisMjpegConsumer) context.getRoute("camera" + i).getConsumer())
                                .getFramesDelivered();
                    }
                    return delivered == (long) CAMERAS * SENT;
                });
                for (int i = 0; i < CAMERAS; i++) {
                    AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("camera" + i).getConsumer();
                    assertThat(consumer.getDroppedFrames() + consumer.getFailedExchanges()).isZero();
                }
            } finally {
                context.stop();
            }
        } finally {
            later.shutdownTimer();
            for (AxisCameraSimulator camera : cameras) {
                camera.close();
            }
        }
        return flight;
    }

    /** What the routes saw: frames started per camera, and the most exchanges in flight at once. */
    private static final class Flight {
        private final Map<String, List<Long>> startedByCamera = new ConcurrentHashMap<>();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger mostInFlight = new AtomicInteger();

        void began(String camera, long frame) {
            startedByCamera.computeIfAbsent(camera, c -> new CopyOnWriteArrayList<>()).add(frame);
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        void ended() {
            inFlight.decrementAndGet();
        }

        int mostInFlight() {
            return mostInFlight.get();
        }

        void assertEveryFrameInOrder() {
            assertThat(startedByCamera).hasSize(CAMERAS);
            assertThat(startedByCamera.values()).allSatisfy(frames -> assertThat(frames)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, SENT).boxed().toList()));
        }
    }
}
