package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaxis.mjpeg.parser.FrameHandler;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ExceptionHandler;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unexpected {@link Throwable} where the stream is read (an {@link Error} from the parser, a handler, the route's
 * exception handler) ends that connection only: it is logged with the camera, becomes the last error, and the
 * consumer reconnects with backoff. Never a dead thread behind a STREAMING state, never a dead shared I/O reactor.
 */
class UnexpectedThrowableTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Throws an Error on the first call only: one broken connection, then a healthy camera. */
    private static final class ThrowsOnce implements ExceptionHandler {
        private final AtomicBoolean thrown = new AtomicBoolean();

        @Override
        public void handleException(Throwable exception) {
            handleException(null, null, exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(message, null, exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            if (exchange != null && thrown.compareAndSet(false, true)) {
                throw new StackOverflowError("test: the exception handler overflowed");
            }
        }
    }

    /**
     * On every plan, also where the exchange ends on whatever thread ends it (asyncConsumer, routeOnIoThread): there
     * the handler's Error was swallowed by the exchange's end, said nowhere, the camera streaming on as if handled.
     */
    @ParameterizedTest
    @ValueSource(strings = { "blocking", "async", "async&asyncConsumer=true", "async&routeOnIoThread=true" })
    void anErrorWhileDeliveringEndsTheConnectionAndTheConsumerReconnects(String transport) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).resolution(64, 48).build().start();
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class)) {
            CamelContext context = new DefaultCamelContext();
            context.getRegistry().bind("throwsOnce", new ThrowsOnce());
            FrameCollector collector = new FrameCollector();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                         + "&reconnectDelay=50&exceptionHandler=#throwsOnce").routeId("camera")
                            .process(e -> {
                                if (e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class) == 3) {
                                    throw new IllegalStateException("test: the route refuses frame 3");
                                }
                            })
                            .process(collector);
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("camera").getConsumer();
                Awaitility.await().atMost(WAIT).until(() -> collector.frames().stream().anyMatch(f -> f.connection() == 2
                        && f.number() > 5));
                assertThat(consumer.getReconnects()).isEqualTo(1);
                assertThat(consumer.getConnections()).isEqualTo(2);
                assertThat(consumer.getLastError()).startsWith("unexpected java.lang.StackOverflowError on the"
                        + " connection to camera " + camera.hostAndPort() + " (test: the exception handler overflowed)");
                assertThat(consumer.getState()).isEqualTo(AxisMjpegConsumer.State.STREAMING);
                assertThat(consumer.getFailedExchanges()).isEqualTo(1);
                assertThat(log.lines()).anyMatch(l -> l.startsWith("ERROR Camera " + camera.hostAndPort())
                        && l.contains("StackOverflowError"));
                HealthCheck.Result health = new AxisMjpegConsumerHealthCheck(consumer, "camera").call();
                assertThat(health.getState()).isEqualTo(HealthCheck.State.UP); // frames flow again
                assertThat(health.getDetails().get("last.error")).isEqualTo(consumer.getLastError());
                // the failed exchange is in the health details and in the summary lines, beside the other counters
                assertThat(health.getDetails()).containsEntry("failed.exchanges", 1L)
                        .containsEntry("skipped.parts", 0L).containsEntry("bytes.skipped", 0L);
            } finally {
                context.stop();
            }
            assertThat(log.lines()).anyMatch(l -> l.startsWith("INFO Stopped consuming " + camera.hostAndPort())
                    && l.contains(" dropped, 1 failed, 1 reconnects"));
        }
    }

    /** What the consumer would do, reduced to what the test asserts. */
    private static final class RecordingEvents implements ConnectionEvents {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong connections = new AtomicLong();
        final List<CameraException> failures = new CopyOnWriteArrayList<>();
        final List<Long> frameConnections = new CopyOnWriteArrayList<>();
        private final long throwAtFrame;

        RecordingEvents(long throwAtFrame) {
            this.throwAtFrame = throwAtFrame;
        }

        @Override
        public long connecting() {
            return connections.incrementAndGet();
        }

        @Override
        public void streaming() {
        }

        @Override
        public FrameHandler frames(long connectionNumber) {
            return jpeg -> {
                long n = frames.incrementAndGet();
                if (n == throwAtFrame) {
                    throw new OutOfMemoryError("test: the frame handler ran out of memory");
                }
                frameConnections.add(connectionNumber);
            };
        }

        @Override
        public void bytes(int n) {
        }

        @Override
        public void ioThreadHeld(long millis) {
        }

        @Override
        public void ioThreadBusy(int percent) {
        }

        @Override
        public ReconnectPolicy.Decision ended(CameraException failure, long frames) {
            failures.add(failure);
            return new ReconnectPolicy.Decision(ReconnectPolicy.Decision.Action.RETRY, 50);
        }

        @Override
        public long backoffLeft() {
            return 0; // the transport's own pause after ended() is the whole wait here
        }

        @Override
        public void reconnecting() {
        }

        @Override
        public long framesReceived() {
            return frames.get();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anErrorOnTheReadingThreadLeavesTheThreadAndTheOtherCamerasAlive(Transport transport) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.start();
        AxisMjpegComponent component = new AxisMjpegComponent();
        component.setCamelContext(context);
        component.start();
        AsyncResources shared = component.asyncResources();
        try (AxisCameraSimulator broken = AxisCameraSimulator.builder().fps(25).resolution(64, 48).build().start();
             AxisCameraSimulator healthy = AxisCameraSimulator.builder().fps(25).resolution(64, 48).build().start()) {
            RecordingEvents brokenEvents = new RecordingEvents(3);
            RecordingEvents healthyEvents = new RecordingEvents(-1);
            CameraTransport brokenCamera = transport(transport, broken, brokenEvents, context, shared);
            CameraTransport healthyCamera = transport(transport, healthy, healthyEvents, context, shared);
            brokenCamera.start();
            healthyCamera.start();
            try {
                Awaitility.await().atMost(WAIT).until(() -> brokenEvents.frameConnections.contains(2L)
                        && healthyEvents.frames.get() >= 10);
                assertThat(brokenEvents.failures).hasSize(1);
                CameraException failure = brokenEvents.failures.get(0);
                assertThat(failure.getKind()).isEqualTo(CameraException.Kind.STREAM);
                assertThat(failure.getMessage()).isEqualTo("unexpected java.lang.OutOfMemoryError on the connection"
                        + " to camera cam (test: the frame handler ran out of memory): connection dropped, reconnecting");
                assertThat(brokenEvents.frameConnections.subList(0, 2)).containsExactly(1L, 1L);
                assertThat(brokenEvents.connections.get()).isEqualTo(2);
                // the shared I/O reactor still serves the other camera, on its first connection
                long before = healthyEvents.frames.get();
                Awaitility.await().atMost(WAIT).until(() -> healthyEvents.frames.get() >= before + 10);
                assertThat(healthyEvents.failures).isEmpty();
                assertThat(healthyEvents.connections.get()).isEqualTo(1);
            } finally {
                brokenCamera.stop();
                healthyCamera.stop();
            }
        } finally {
            component.stop();
            context.stop();
        }
    }

    private static CameraTransport transport(Transport transport, AxisCameraSimulator camera,
                                             RecordingEvents events, CamelContext context, AsyncResources shared)
            throws Exception {
        AxisMjpegConfiguration cfg = new AxisMjpegConfiguration();
        AxisMjpegComponent.setHostAndPort(cfg, camera.hostAndPort());
        cfg.setCameraId("cam");
        if (transport == Transport.async) {
            FrameDispatcher inline = FrameDispatcher.inline(f -> { });
            return new AsyncCameraTransport(cfg, "cam", events, shared, inline);
        }
        return new BlockingCameraTransport(cfg, context, events, "cam", events, shared.hostLookups());
    }
}
