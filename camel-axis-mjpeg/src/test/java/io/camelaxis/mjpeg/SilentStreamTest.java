package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.StreamFault;
import io.camelaxis.mjpeg.simulator.StreamFormat;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cameras that are connected but never yield a frame: garbage, a one-byte trickle, an endless part header line, a
 * boundary longer than any delimiter line the parser reads, a gzip-encoded stream, endless {@code 100 Continue}. Each
 * must be visible (health DOWN with the reason, 0 fps progress lines) and end in counted reconnects, never in a
 * consumer that looks fine.
 */
class SilentStreamTest {

    private static final long NO_FRAME_TIMEOUT = 600;

    enum Case {
        GARBAGE, TRICKLE, ENDLESS_HEADER_LINE, OVERLONG_BOUNDARY, GZIP, CONTINUE_FOREVER
    }

    static Stream<Arguments> cases() {
        return Stream.of(Transport.values()).flatMap(t -> Stream.of(Case.values()).map(c -> Arguments.of(c, t)));
    }

    private static AxisCameraSimulator camera(Case c) throws Exception {
        AxisCameraSimulator.Builder b = AxisCameraSimulator.builder().fps(25).resolution(64, 48)
                .faultConnections(Integer.MAX_VALUE).trickleMillis(100);
        AxisCameraSimulator.Builder configured = switch (c) {
            case GARBAGE -> b.fault(StreamFault.GARBAGE_FOREVER, 1);
            case TRICKLE -> b.fault(StreamFault.TRICKLE, 1);
            case ENDLESS_HEADER_LINE -> b.fault(StreamFault.ENDLESS_HEADER_LINE, 1);
            case OVERLONG_BOUNDARY -> b.format(StreamFormat.axis().withBoundary("b".repeat(2000), false, false));
            case GZIP -> b.fault(StreamFault.GZIP_ENCODING, 1);
            case CONTINUE_FOREVER -> b.fault(StreamFault.CONTINUE_FOREVER, 1);
        };
        return configured.build().start();
    }

    private static String expectedError(Case c, AxisCameraSimulator camera) {
        return switch (c) {
            case GZIP -> "camera " + camera.hostAndPort() + " sent the stream with Content-Encoding gzip, which this"
                         + " consumer does not decode";
            case CONTINUE_FOREVER -> "camera " + camera.hostAndPort() + " gave no final answer within ";
            // refused at the response head, before any byte of the body: no delimiter could ever match it
            case OVERLONG_BOUNDARY -> "camera " + camera.hostAndPort() + " declared a multipart boundary of 2000"
                                      + " characters, more than the 256 accepted";
            default -> "camera " + camera.hostAndPort() + " sent no frame for " + NO_FRAME_TIMEOUT
                       + " ms (noFrameTimeout) though ";
        };
    }

    /**
     * The states of one failed attempt that last long enough to be seen: streaming without frames for noFrameTimeout
     * (or connecting without a final answer for connectTimeout + stallTimeout), then waiting to reconnect.
     */
    private static List<AxisMjpegConsumer.State> statesOfACycle(Case c) {
        return switch (c) {
            case GARBAGE, TRICKLE, ENDLESS_HEADER_LINE -> List.of(AxisMjpegConsumer.State.STREAMING,
                    AxisMjpegConsumer.State.WAITING_TO_RECONNECT);
            case CONTINUE_FOREVER -> List.of(AxisMjpegConsumer.State.CONNECTING,
                    AxisMjpegConsumer.State.WAITING_TO_RECONNECT);
            case OVERLONG_BOUNDARY, GZIP -> List.of(AxisMjpegConsumer.State.WAITING_TO_RECONNECT); // refused at the head
        };
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void aStreamWithoutFramesIsDownCountedAndReconnected(Case c, Transport transport) throws Exception {
        try (AxisCameraSimulator camera = camera(c);
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class);
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                     + "&noFrameTimeout=" + NO_FRAME_TIMEOUT + "&connectTimeout=300&stallTimeout=500"
                     + "&reconnectDelay=50&maxReconnectDelay=100&statisticsLogInterval=200")) {
            AxisMjpegConsumer consumer = route.consumer();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> consumer.getReconnects() >= 2);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // the assertion below says what state the consumer is stuck in
            }
            assertThat(consumer.getReconnects()).as("state %s, last error %s, frames %d, bytes %d", consumer.getState(),
                    consumer.getLastError(), consumer.getFramesReceived(), consumer.getBytesReceived())
                    .isGreaterThanOrEqualTo(2);
            assertThat(consumer.getLastError()).startsWith(expectedError(c, camera));
            assertThat(route.frames().count()).isZero();
            assertThat(consumer.getFramesReceived()).isZero();
            assertThat(consumer.getConnections()).isGreaterThanOrEqualTo(3);
            // never healthy, in each state the cycle of this fault passes through
            for (AxisMjpegConsumer.State state : statesOfACycle(c)) {
                Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .atMost(Duration.ofSeconds(20)).until(() -> consumer.getState() == state);
                HealthCheck.Result health = new AxisMjpegConsumerHealthCheck(consumer, "camera").call();
                assertThat(health.getState()).as("health while %s", state).isEqualTo(HealthCheck.State.DOWN);
            }
            // the progress line (statisticsLogInterval=200) comes even when no frame ever does
            String zeroFps = "INFO Camera " + camera.hostAndPort() + ": 0.0 fps, 0 frames";
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> log.lines().stream().anyMatch(l -> l.startsWith(zeroFps)));
        }
    }

    /**
     * A camera that stops sending mid-stream is a stall on both transports, in the same words: on the blocking one its
     * read timeout finds it, on the async one (whose connections have no socket timeout) the watchdog does.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCameraThatFallsSilentMidStreamIsAStallOnBothTransports(Transport transport) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).resolution(64, 48)
                .fault(io.camelaxis.mjpeg.simulator.StreamFault.STALL, 3).stallMillis(60_000).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                     + "&stallTimeout=500&noFrameTimeout=5000&reconnectDelay=50&maxReconnectDelay=100")) {
            AxisMjpegConsumer consumer = route.consumer();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> consumer.getReconnects() >= 1);
            assertThat(consumer.getLastError())
                    .isEqualTo("camera " + camera.hostAndPort() + " stalled: no data for 500 ms (stallTimeout)");
            assertThat(route.frames().count()).isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * Camera A falls silent (after 3 frames of each connection) while camera B's route, on the same async I/O thread
     * (routeOnIoThread), holds that thread about 70 % of the time in short holds of random length (random: holds in step
     * with the watchdog's ticks would hide every free moment from it). A's stall timer counts only the thread's free
     * time, so noFrameTimeout often ends A first (a stall at other times): that is said with the time the routes held
     * the thread. It was worded as a connection "kept busy without stream data", which nothing on this plain
     * connection did.
     */
    @Test
    void aSilentCameraBesideARouteHoldingItsIoThreadIsSaidAsSuch() throws Exception {
        try (AxisCameraSimulator cameraA = AxisCameraSimulator.builder().fps(20).resolution(64, 48)
                .fault(StreamFault.STALL, 3).stallMillis(60_000).build().start();
             AxisCameraSimulator cameraB = AxisCameraSimulator.builder().fps(20).resolution(64, 48).build().start();
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class)) {
            CamelContext context = new DefaultCamelContext();
            AxisMjpegComponent component = new AxisMjpegComponent();
            component.setAsyncIoThreads(1);
            context.addComponent("axis-mjpeg", component);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + cameraA.hostAndPort() + "?transport=async&stallTimeout=1000"
                         + "&noFrameTimeout=1500&reconnectDelay=100&maxReconnectDelay=100").routeId("a").to("mock:a");
                    from("axis-mjpeg:" + cameraB.hostAndPort() + "?transport=async&routeOnIoThread=true")
                            .routeId("b").process(e -> Thread.sleep(ThreadLocalRandom.current().nextInt(10, 61)));
                }
            });
            context.start();
            try {
                Pattern held = Pattern.compile(Pattern.quote("camera "
                        + cameraA.hostAndPort() + " sent no frame for 1500 ms (noFrameTimeout), nor a byte of the stream"
                        + " for ") + "\\d+" + Pattern.quote(" ms, of which routes running on the"
                        + " connection's async I/O thread (routeOnIoThread) held it ") + "\\d+" + Pattern
                        .quote(" ms: stallTimeout (1000 ms) counts only the time the thread was free to read"));
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> log.lines().stream().anyMatch(l -> held.matcher(l).find()));
                assertThat(log.lines()).noneMatch(l -> l.contains("kept busy without stream data"));
                AxisMjpegConsumer a = (AxisMjpegConsumer) context.getRoute("a").getConsumer();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.getReconnects() > 0);
            } finally {
                context.stop();
            }
        }
    }

    /**
     * A route held longer than stallTimeout (a Kafka send blocked by a broker outage) while the camera keeps sending:
     * with backpressure=block the frames fill the queue and reading pauses, so no byte is read for longer than
     * stallTimeout. That is the route's doing, not the camera's. Before, the async transport's socket timeout fired
     * anyway: "stalled: no data", a reconnect, and the camera blamed (the blocking transport reads nothing while it
     * delivers, so its read timeout never runs then).
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRouteHeldLongerThanStallTimeoutIsNoStalledCamera(Transport transport) throws Exception {
        // queueSize=2: the async queue fills at once and reading pauses for four stallTimeouts
        aRouteHoldingFrame2IsNoCameraFailure(transport, "&stallTimeout=500&noFrameTimeout=1000&queueSize=2", 4 * 500,
                20);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRouteSlowerThanNoFrameTimeoutIsNotACameraWithoutFrames(Transport transport) throws Exception {
        // block: the reading waits for the route, which holds frame 2 for three noFrameTimeouts
        aRouteHoldingFrame2IsNoCameraFailure(transport, "&noFrameTimeout=" + NO_FRAME_TIMEOUT + "&stallTimeout=5000",
                3 * NO_FRAME_TIMEOUT, 10);
    }

    /**
     * A route that holds frame 2 for {@code holdMillis} while the camera keeps streaming: once it lets go, {@code frames}
     * frames arrive over the first connection, with no reconnect and no error.
     */
    private static void aRouteHoldingFrame2IsNoCameraFailure(Transport transport, String options, long holdMillis,
                                                             int frames) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).resolution(64, 48).build().start()) {
            CamelContext context = new DefaultCamelContext();
            FrameCollector collector = new FrameCollector();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport + options).routeId("held")
                            .process(collector).process(e -> {
                                if (e.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class) == 2) {
                                    Thread.sleep(holdMillis);
                                }
                            });
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("held").getConsumer();
                collector.await(frames, Duration.ofSeconds(20));
                assertThat(consumer.getLastError()).isNull();
                assertThat(consumer.getReconnects()).isZero();
                assertThat(consumer.getConnections()).isEqualTo(1);
                assertThat(camera.connections()).isEqualTo(1);
            } finally {
                context.stop();
            }
        }
    }
}
