package io.camelaxis.mjpeg;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import javax.imageio.ImageIO;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code routeOnIoThread=true}: the route runs on the async I/O thread that read the frame, with no hand-off to a
 * worker. What must hold: every frame, in order, on an I/O thread; a route that holds the thread makes the other
 * cameras of that thread wait, and that wait is neither a stall nor a stream without frames (no reconnect, the hold
 * counted and logged); a stop while a route holds the thread ends, bounded.
 */
class RouteOnIoThreadTest {

    private static final int SENT = 40;

    @Test
    void everyFrameInOrderOnTheIoThreadWithoutAQueue() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        try (AxisCameraSimulator camera = smallCamera(50)) {
            FrameCollector collector = new FrameCollector();
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=async&routeOnIoThread=true&nbrOfFrames="
                         + SENT).routeId("io")
                            .process(e -> threads.add(Thread.currentThread().getName()))
                            .process(collector);
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("io").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> consumer.getState() == AxisMjpegConsumer.State.FINISHED);
                assertThat(consumer.queueCapacity()).isEqualTo(10); // exchanges in flight, not a queue
                assertThat(collector.frames()).extracting(FrameCollector.Received::number)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, SENT).boxed().toList());
                assertThat(threads).hasSize(SENT)
                        .allSatisfy(t -> assertThat(t).startsWith(CameraHttpClientFactory.ASYNC_IO_THREAD_PREFIX));
                for (FrameCollector.Received frame : collector.frames()) {
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.body()));
                    assertThat(image.getWidth()).isEqualTo(64);
                    assertThat(image.getHeight()).isEqualTo(48);
                }
                assertThat(consumer.getDroppedFrames()).isZero();
                assertThat(consumer.getLongIoThreadHolds()).isZero();
            } finally {
                context.stop();
            }
        }
    }

    /** A simulated camera of 64x48 frames at {@code fps}, started. */
    private static AxisCameraSimulator smallCamera(int fps) throws Exception {
        return AxisCameraSimulator.builder().fps(fps).resolution(64, 48).build().start();
    }

    /** A context whose axis-mjpeg component has one I/O thread: every async camera shares it. */
    private static CamelContext contextWithOneIoThread() {
        CamelContext context = new DefaultCamelContext();
        AxisMjpegComponent component = new AxisMjpegComponent();
        component.setAsyncIoThreads(1);
        context.addComponent("axis-mjpeg", component);
        return context;
    }

    /**
     * A route that ends later (as a Kafka send ends with its acknowledgement, 100 ms here) does not hold the I/O
     * thread: it starts each exchange there and reads on. Every frame, in order, none dropped, no hold counted.
     */
    @Test
    void aRouteThatEndsLaterLeavesTheIoThreadAtOnce() throws Exception {
        EndsLater later = new EndsLater(100);
        List<Long> started = new CopyOnWriteArrayList<>();
        try (AxisCameraSimulator camera = smallCamera(50);
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class)) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=async&routeOnIoThread=true&nbrOfFrames="
                         + SENT).routeId("io")
                            .process(e -> {
                                assertThat(Thread.currentThread().getName())
                                        .startsWith(CameraHttpClientFactory.ASYNC_IO_THREAD_PREFIX);
                                started.add(e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class));
                            })
                            .process(later);
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("io").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getFramesDelivered() == SENT);
                assertThat(started).containsExactlyElementsOf(LongStream.rangeClosed(1, SENT).boxed().toList());
                assertThat(consumer.getDroppedFrames()).isZero();
                assertThat(consumer.getFailedExchanges()).isZero();
                assertThat(consumer.getLongIoThreadHolds()).isZero();
                assertThat(log.lines()).noneMatch(l -> l.contains("ran routes"));
            } finally {
                context.stop();
                later.shutdownTimer();
            }
        }
    }

    /**
     * Exchanges in flight are bounded: with none ending, reading stops near queueSize (10) of them (HttpCore grants
     * input in windows of 256 KB, so a few more may start), the camera is slowed by TCP, nothing is dropped; released,
     * every frame ends, in order.
     */
    @Test
    void exchangesInFlightAreBounded() throws Exception {
        EndsLater never = new EndsLater(0);
        List<Long> started = new CopyOnWriteArrayList<>();
        int sent = 120;
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(50).resolution(640, 480).build().start()) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=async&routeOnIoThread=true&nbrOfFrames="
                         + sent + "&stallTimeout=1000").routeId("io")
                            .process(e -> started.add(e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class)))
                            .process(never);
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("io").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> never.held() >= 10);
                Thread.sleep(3000); // 150 frames' time at 50 fps, three stall timeouts
                assertThat(never.held()).as("exchanges in flight").isBetween(10, 40);
                assertThat(consumer.getFramesReceived()).isEqualTo(never.held());
                assertThat(consumer.getConnections()).isEqualTo(1); // paused for the route: no stall
                never.releaseAll();
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

    /**
     * Two cameras on one I/O thread; camera A's route holds it for 3.5 s once, beyond stallTimeout (1 s) and
     * noFrameTimeout (2 s). Camera B reads nothing meanwhile: before the holds were accounted for, the watchdog
     * aborted B as "stalled: no data" (and A's stream too), and after the hold B as "no frame".
     */
    @Test
    void aRouteHoldingTheIoThreadIsNoStallOfTheOtherCameras() throws Exception {
        AtomicBoolean heldOnce = new AtomicBoolean();
        CountDownLatch holding = new CountDownLatch(1);
        String options = "?transport=async&routeOnIoThread=true&fps=20&stallTimeout=1000&noFrameTimeout=2000";
        try (AxisCameraSimulator cameraA = smallCamera(20);
             AxisCameraSimulator cameraB = smallCamera(20);
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class)) {
            FrameCollector framesB = new FrameCollector();
            CamelContext context = contextWithOneIoThread();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + cameraA.hostAndPort() + options).routeId("a")
                            .process(e -> {
                                if (e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class) >= 5
                                    && heldOnce.compareAndSet(false, true)) {
                                    holding.countDown();
                                    Thread.sleep(3500);
                                }
                            });
                    from("axis-mjpeg:" + cameraB.hostAndPort() + options).routeId("b").process(framesB);
                }
            });
            context.start();
            try {
                AxisMjpegConsumer a = (AxisMjpegConsumer) context.getRoute("a").getConsumer();
                AxisMjpegConsumer b = (AxisMjpegConsumer) context.getRoute("b").getConsumer();
                assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
                long bBefore = b.getFramesReceived();
                Thread.sleep(2500); // within the hold: B is not read
                assertThat(b.getFramesReceived()).isLessThanOrEqualTo(bBefore + 1);
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> a.getLongIoThreadHolds() == 1);
                long bAfterHold = b.getFramesReceived();
                Thread.sleep(3000); // after it: B streams on, on its first connection
                assertThat(b.getFramesReceived()).isGreaterThan(bAfterHold + 20);
                assertThat(b.getConnections()).isEqualTo(1);
                assertThat(b.getReconnects()).isZero();
                assertThat(a.getConnections()).isEqualTo(1);
                assertThat(a.getReconnects()).isZero();
                assertThat(b.getLastError()).isNull();
                assertThat(a.getLastError()).isNull();
                assertThat(b.getLongIoThreadHolds()).isZero(); // the hold is the holding route's
                assertThat(log.lines()).filteredOn(l -> l.contains("held its async I/O thread")).hasSize(1)
                        .first().asString().startsWith("WARN").contains("routeOnIoThread=false");
            } finally {
                context.stop();
            }
        }
    }

    /**
     * An Error thrown by camera A's route on the shared I/O thread is that frame's failed exchange, as on the workers
     * (counted, told to the exception handler): A streams on, on its connection, and camera B on the same thread is
     * not touched. Before the route ran asynchronously there, the Error ended A's connection.
     */
    @Test
    void anErrorInTheRouteIsAFailedExchangeOnly() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        String options = "?transport=async&routeOnIoThread=true&reconnectDelay=100";
        try (AxisCameraSimulator cameraA = smallCamera(20);
             AxisCameraSimulator cameraB = smallCamera(20)) {
            CamelContext context = contextWithOneIoThread();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + cameraA.hostAndPort() + options).routeId("a")
                            .process(e -> {
                                if (e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class) == 3
                                    && thrown.compareAndSet(false, true)) {
                                    throw new AssertionError("test: an Error from the route");
                                }
                            });
                    from("axis-mjpeg:" + cameraB.hostAndPort() + options).routeId("b").to("log:b?level=OFF");
                }
            });
            context.start();
            try {
                AxisMjpegConsumer a = (AxisMjpegConsumer) context.getRoute("a").getConsumer();
                AxisMjpegConsumer b = (AxisMjpegConsumer) context.getRoute("b").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> thrown.get()
                        && a.getFramesDelivered() >= 10);
                assertThat(a.getFailedExchanges()).isEqualTo(1);
                assertThat(a.getConnections()).isEqualTo(1);
                assertThat(a.getState()).isEqualTo(AxisMjpegConsumer.State.STREAMING);
                long bFrames = b.getFramesDelivered();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> b.getFramesDelivered() > bFrames + 10);
                assertThat(b.getConnections()).isEqualTo(1);
                assertThat(b.getLastError()).isNull();
            } finally {
                context.stop();
            }
        }
    }

    /**
     * The route has itself suspended, from another thread as Camel advises for any route (on its own thread, Camel's
     * suspend waits for the route's own exchange until the shutdown timeout: 45 s of the I/O thread held), while
     * frames keep arriving on the I/O thread; resumed later: no deadlock, one new connection, frames flow again.
     */
    @Test
    void aRouteThatSuspendsItselfOnTheIoThreadResumes() throws Exception {
        AtomicBoolean suspendedOnce = new AtomicBoolean();
        CountDownLatch suspended = new CountDownLatch(1);
        try (AxisCameraSimulator camera = smallCamera(20)) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=async&routeOnIoThread=true").routeId("io")
                            .process(e -> {
                                if (suspendedOnce.compareAndSet(false, true)) {
                                    new Thread(() -> {
                                        try {
                                            e.getContext().getRouteController().suspendRoute("io");
                                            suspended.countDown();
                                        } catch (Exception failed) {
                                            throw new IllegalStateException(failed);
                                        }
                                    }, "suspender").start();
                                }
                            });
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("io").getConsumer();
                assertThat(suspended.await(30, TimeUnit.SECONDS)).isTrue();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> camera.activeStreams() == 0);
                assertThat(consumer.getState()).isEqualTo(AxisMjpegConsumer.State.SUSPENDED);
                context.getRouteController().resumeRoute("io");
                long delivered = consumer.getFramesDelivered();
                Awaitility.await().atMost(Duration.ofSeconds(15))
                        .until(() -> consumer.getFramesDelivered() > delivered + 10);
                assertThat(consumer.getConnections()).isEqualTo(2);
            } finally {
                context.stop();
            }
        }
    }

    /**
     * A route that blocks a little for every frame (a synchronous call: 40 ms at 20 fps, 80 % of the I/O thread)
     * never holds it a second, yet its cameras fall behind: said in a WARN, no reconnect.
     */
    @Test
    void shortHoldsThatAddUpAreSaid() throws Exception {
        try (AxisCameraSimulator camera = smallCamera(20);
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class)) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=async&routeOnIoThread=true").routeId("io")
                            .process(e -> Thread.sleep(40));
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("io").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream()
                        .anyMatch(l -> l.contains("ran routes") && l.contains("fall behind")));
                assertThat(log.lines()).filteredOn(l -> l.contains("ran routes")).first().asString()
                        .startsWith("WARN").contains("routeOnIoThread=false").contains("block");
                assertThat(consumer.getLongIoThreadHolds()).isZero();
                assertThat(consumer.getConnections()).isEqualTo(1);
            } finally {
                context.stop();
            }
        }
    }

    /** A route blocked on the I/O thread when the context stops: the stop ends, bounded, and the route is released. */
    @Test
    void aStopWhileTheRouteHoldsTheIoThreadEnds() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (AxisCameraSimulator camera = smallCamera(20)) {
            CamelContext context = new DefaultCamelContext();
            context.getShutdownStrategy().setTimeout(5);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=async&routeOnIoThread=true").routeId("io")
                            .process(e -> {
                                holding.countDown();
                                try {
                                    never.await(60, TimeUnit.SECONDS);
                                } finally {
                                    released.countDown();
                                }
                            });
                }
            });
            context.start();
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            context.stop();
            long stopSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(stopSeconds).as("stop took %d s", stopSeconds).isLessThan(30);
            assertThat(released.await(30, TimeUnit.SECONDS)).as("the route was released").isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> camera.activeStreams() == 0);
        }
    }
}
