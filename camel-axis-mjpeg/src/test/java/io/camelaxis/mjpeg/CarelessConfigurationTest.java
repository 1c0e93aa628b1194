package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.stream.Stream;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values a careless configuration gives: each is refused when the route starts, with a message naming the option,
 * instead of a consumer that misbehaves later (a reading thread that died silently, an OutOfMemoryError, retries as
 * fast as the network allows).
 */
class CarelessConfigurationTest {

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static void start(String uri) throws Exception {
        CamelContext context = new DefaultCamelContext();
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).to("log:unused?level=OFF");
                }
            });
            context.start();
        } finally {
            context.stop();
        }
    }

    private static String duration(String option, String value) {
        return "axis-mjpeg: " + option + " must be 0 to 2147483647 milliseconds (24 days), was " + value;
    }

    static Stream<Arguments> valuesThatCannotWork() {
        String badHost = "axis-mjpeg: the camera host must be a name or an address, without scheme, path, blanks or"
                         + " user, as in axis-mjpeg:192.168.0.90:8080?path=/mjpg/video.mjpg; was ";
        String badPath = "axis-mjpeg: path is not a valid URI path (percent-encode blanks and other special"
                         + " characters, as in /my%20stream): ";
        String badUser = "axis-mjpeg: username must not contain ':' or control characters (CR, LF, tab): the camera"
                         + " would refuse every attempt as a wrong password";
        return Stream.of(
                // sent as they were, each attempt failed as a wrong password after authFailureDelay, for ever
                Arguments.of("cam?username=ro%0D%0Aot&password=pass", badUser),
                Arguments.of("cam?username=root:admin&password=pass", badUser),
                Arguments.of("cam?username=ro%09ot", badUser),
                // the blocking transport's reading thread died on the request it could not build: no connection, no
                // error, state STARTING for ever
                Arguments.of("cam?path=/mjpg/my%20stream", badPath + "Illegal character in path at index 8: /mjpg/my stream"),
                Arguments.of("cam?path=/x%0D%0AX-Injected:%201",
                        badPath + "Illegal character in path at index 2: /x\\u000d\\u000aX-Injected: 1"),
                // reported as an unknown host, or an unexpected exception, on every reconnect
                Arguments.of("cam.local/axis-cgi/mjpg/video.cgi", badHost + "'cam.local/axis-cgi/mjpg/video.cgi'"),
                Arguments.of("cam%20local", badHost + "'cam local'"),
                // HttpCore's own words did not name the option
                Arguments.of("cam?connectTimeout=-1", duration("connectTimeout", "-1")),
                // accepted and taken as something else, or retried without a pause
                Arguments.of("cam?stallTimeout=-5", duration("stallTimeout", "-5")),
                Arguments.of("cam?reconnectDelay=-1", duration("reconnectDelay", "-1")),
                Arguments.of("cam?maxReconnectDelay=-1", duration("maxReconnectDelay", "-1")),
                Arguments.of("cam?authFailureDelay=-1", duration("authFailureDelay", "-1")),
                Arguments.of("cam?statisticsLogInterval=-1", duration("statisticsLogInterval", "-1")),
                // the derived noFrameTimeout (twice the stall timeout) overflowed to -2 ms: every stream was aborted as
                // frameless at once, about 15 reconnects a second while frames kept coming
                Arguments.of("cam?stallTimeout=" + Long.MAX_VALUE, duration("stallTimeout", String.valueOf(Long.MAX_VALUE))),
                // a camera's Content-Length is allocated up to maxFrameSize: one lying header was a 2 GB array
                Arguments.of("cam?maxFrameSize=2147483647",
                        "axis-mjpeg: maxFrameSize must be at most 268435456 bytes (256 MB), was 2147483647"),
                // sent to the camera as nbrofframes=-1
                Arguments.of("cam?nbrOfFrames=-1",
                        "axis-mjpeg: duration and nbrOfFrames must be 0 (endless) or more, were null and -1"),
                // Camel reads text that is no number as a time pattern: fps=ten was fps=0, the camera's highest
                // rate, compression=abc the largest frames; a number beyond int wrapped around
                Arguments.of("cam?fps=ten", "axis-mjpeg: fps must be a whole number, was 'ten'"),
                Arguments.of("cam?compression=abc", "axis-mjpeg: compression must be a whole number, was 'abc'"),
                // the catalog lists 0, 90, 180, 270; 360 or -90 went to the camera as they were
                Arguments.of("cam?rotation=360", "axis-mjpeg: rotation must be 0, 90, 180 or 270, was 360"),
                Arguments.of("cam?rotation=-90", "axis-mjpeg: rotation must be 0, 90, 180 or 270, was -90"),
                Arguments.of("cam?queueSize=5s", "axis-mjpeg: queueSize must be a whole number, was '5s'"),
                // a bound in bytes below any frame would pause every camera after its first frame
                Arguments.of("cam?maxQueuedBytes=0", "axis-mjpeg: maxQueuedBytes must be at least 1024 bytes, was 0"),
                Arguments.of("cam?maxQueuedBytes=32MB", "axis-mjpeg: maxQueuedBytes must be a whole number, was '32MB'"),
                Arguments.of("cam?maxReconnectAttempts=99999999999",
                        "axis-mjpeg: maxReconnectAttempts must be a whole number, was '99999999999'"),
                // and a duration it cannot read as 0: connectTimeout=abc was no connect timeout at all
                Arguments.of("cam?connectTimeout=abc",
                        "axis-mjpeg: connectTimeout must be milliseconds or a duration such as 5s or 1m30s, was 'abc'"),
                Arguments.of("cam?reconnectDelay=5S",
                        "axis-mjpeg: reconnectDelay must be milliseconds or a duration such as 5s or 1m30s, was '5S'"),
                // the route on the I/O thread needs the async transport, and a frame waiting there cannot be dropped
                Arguments.of("cam?routeOnIoThread=true", "axis-mjpeg: routeOnIoThread applies to transport=async only"
                        + " (the blocking transport runs the route on the camera's reading thread already)"),
                Arguments.of("cam?asyncConsumer=true", "axis-mjpeg: asyncConsumer applies to transport=async only (the"
                        + " blocking transport gives every camera a thread of its own, so a route's wait holds no other"
                        + " camera)"),
                Arguments.of("cam?transport=async&routeOnIoThread=true&backpressure=latestOnly",
                        "axis-mjpeg: routeOnIoThread needs backpressure=block (a frame waits for the route on the I/O"
                        + " thread: there is no queue to drop from), was backpressure=latestOnly"));
    }

    @Test
    void durationsKeepCamelsTimePatterns() throws Exception {
        AxisMjpegComponent component = new AxisMjpegComponent();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addComponent("axis-mjpeg", component);
            context.start();
            AxisMjpegEndpoint endpoint = context.getEndpoint("axis-mjpeg:cam?connectTimeout=1m30s&reconnectDelay=200ms"
                    + "&stallTimeout=0s&maxReconnectDelay=45000", AxisMjpegEndpoint.class);
            assertThat(endpoint.getConfiguration().getConnectTimeout()).isEqualTo(90_000);
            assertThat(endpoint.getConfiguration().getReconnectDelay()).isEqualTo(200);
            assertThat(endpoint.getConfiguration().getStallTimeout()).isZero();
            assertThat(endpoint.getConfiguration().getMaxReconnectDelay()).isEqualTo(45_000);
        }
    }

    @ParameterizedTest
    @MethodSource("valuesThatCannotWork")
    void aValueThatCannotWorkIsRefusedAtStartNamingTheOption(String uri, String message) {
        assertThatThrownBy(() -> start("axis-mjpeg:" + uri))
                .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(message));
    }

    /**
     * asyncIoThreads=0 started, then failed every connection with "cannot reach camera: ArrayIndexOutOfBoundsException";
     * asyncWorkerThreads=0 failed with an IllegalArgumentException without a message.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({ "0, 8", "-1, 8", "2, 0", "2, -1" })
    void threadCountsBelowOneAreRefusedAtStart(int ioThreads, int workerThreads) {
        CamelContext context = new DefaultCamelContext();
        AxisMjpegComponent component = new AxisMjpegComponent();
        component.setAsyncIoThreads(ioThreads);
        component.setAsyncWorkerThreads(workerThreads);
        context.addComponent("axis-mjpeg", component);
        try {
            assertThatThrownBy(() -> {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("axis-mjpeg:cam?transport=async").to("log:unused?level=OFF");
                    }
                });
                context.start();
            }).satisfies(e -> assertThat(rootCause(e)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("axis-mjpeg: asyncIoThreads and asyncWorkerThreads must be at least 1, were "
                                + ioThreads + " and " + workerThreads));
        } finally {
            context.stop();
        }
    }

    /** The queue's array was allocated at its full size up front: an OutOfMemoryError when the route started. */
    @Test
    void aHugeQueueSizeIsACeilingNotAnAllocation() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).resolution(64, 48).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                     + "?backpressure=dropOldest&queueSize=2147483647")) {
            assertThat(route.frames().await(3, Duration.ofSeconds(15))).hasSize(3);
            assertThat(route.consumer().queueCapacity()).isEqualTo(Integer.MAX_VALUE);
        }
    }

    /** authFailureDelay=0 retried a wrong password at once, every time, as fast as the camera answered. */
    @Test
    void anAuthenticationFailureIsNeverRetriedFasterThanTheBackoff() {
        AxisMjpegConfiguration cfg = new AxisMjpegConfiguration();
        cfg.setReconnectDelay(200);
        cfg.setMaxReconnectDelay(200);
        cfg.setAuthFailureDelay(0);
        ReconnectPolicy policy = new ReconnectPolicy(cfg);
        CameraException wrongPassword = new CameraException(CameraException.Kind.AUTHENTICATION, 401, "no", null);
        for (int attempt = 0; attempt < 50; attempt++) {
            // equal jitter: between half and all of the 200 ms ceiling
            assertThat(policy.next(wrongPassword, false).delayMillis()).isBetween(100L, 200L);
        }
    }
}
