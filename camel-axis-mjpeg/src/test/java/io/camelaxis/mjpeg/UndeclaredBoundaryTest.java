package io.camelaxis.mjpeg;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.StreamFault;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static io.camelaxis.mjpeg.RawCamera.ascii;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servers that do not declare the boundary (encoders and streaming tools answer {@code application/octet-stream}, or
 * {@code multipart/x-mixed-replace} without the parameter), here with chunked transfer coding: the boundary is taken
 * from the first delimiter line. A body with no delimiter in its first 64 KB is refused with a clear error.
 */
class UndeclaredBoundaryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static Stream<Arguments> contentTypesAndTransports() {
        return Stream.of(Transport.values()).flatMap(t -> Stream.of("application/octet-stream",
                "multipart/x-mixed-replace").map(type -> Arguments.of(type, t)));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("contentTypesAndTransports")
    void theBoundaryIsTakenFromTheFirstDelimiter(String contentType, Transport transport) throws Exception {
        List<byte[]> capture = TestData.captureFrames();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(50).replay(capture)
                .contentType(contentType).chunked().build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport)) {
            List<FrameCollector.Received> frames = route.frames().await(20, WAIT);
            for (int i = 0; i < 20; i++) {
                assertThat(frames.get(i).body()).isEqualTo(capture.get(i % capture.size()));
                assertThat(frames.get(i).number()).isEqualTo(i + 1L);
            }
            assertThat(route.consumer().getCorruptFrames()).isZero();
            assertThat(route.consumer().getLastError()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void noDelimiterWithinTheLookAheadIsAClearErrorAndAReconnect(Transport transport) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(50).resolution(64, 48)
                .contentType("application/octet-stream").chunked()
                .fault(StreamFault.GARBAGE_FOREVER, 1).faultConnections(Integer.MAX_VALUE).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                                                   + "&reconnectDelay=50&maxReconnectDelay=100")) {
            AxisMjpegConsumer consumer = route.consumer();
            Awaitility.await().atMost(WAIT).until(() -> consumer.getReconnects() >= 2);
            assertThat(consumer.getLastError()).isEqualTo("camera " + camera.hostAndPort() + " declared no boundary"
                    + " (Content-Type application/octet-stream) and sent no multipart delimiter line (--boundary) in"
                    + " the first 65536 bytes: not an MJPEG stream?");
            assertThat(route.frames().count()).isZero();
        }
    }

    /**
     * The first delimiter line begins 4 bytes before the end of the look-ahead and the camera pauses in the middle of
     * it: the line is waited for and the boundary taken, as when it arrives in one read. Before, the first read past
     * the look-ahead refused the stream although the line had begun within it (found by splitting answers into reads).
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDelimiterLineBegunInTheLookAheadIsWaitedForHoweverTheReadsFall(Transport transport) throws Exception {
        byte[] jpeg = TestData.jpeg(64, 48, 1);
        int lookAhead = MultipartFrameParser.BOUNDARY_LOOK_AHEAD;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < lookAhead - 100) {
            body.writeBytes(ascii("x".repeat(98) + "\r\n"));
        }
        body.writeBytes(ascii("y".repeat(lookAhead - 4 - body.size() - 2) + "\r\n"));
        for (int i = 0; i < 3; i++) {
            body.writeBytes(ascii("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                                            + "\r\n\r\n"));
            body.writeBytes(jpeg);
            body.writeBytes(ascii("\r\n"));
        }
        byte[] b = body.toByteArray();
        try (RawCamera camera = new RawCamera((out, n) -> {
            out.write(ascii("HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace\r\n\r\n"));
            out.write(b, 0, lookAhead + 1); // "--fr" | "ame\r\n..."
            out.flush();
            Thread.sleep(300);
            out.write(b, lookAhead + 1, b.length - lookAhead - 1);
        });
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                                                   + "&nbrOfFrames=3&reconnectDelay=60000")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getState() == AxisMjpegConsumer.State.FINISHED
                                                        || route.consumer().getLastError() != null);
            assertThat(route.consumer().getLastError()).isNull();
            assertThat(route.frames().await(3, WAIT)).allSatisfy(f -> assertThat(f.body()).isEqualTo(jpeg));
        }
    }
}
