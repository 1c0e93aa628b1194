package io.camelaxis.mjpeg;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The happy path, as a user's route sees it: a real Axis capture replayed over loopback HTTP. */
class AxisMjpegConsumerTest extends CamelTestSupport {

    private static AxisCameraSimulator camera;

    @BeforeAll
    static void startCamera() throws Exception {
        camera = AxisCameraSimulator.builder().fps(50).replay(TestData.capture()).build().start();
    }

    @AfterAll
    static void stopCamera() {
        camera.close();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("axis-mjpeg:" + camera.hostAndPort() + "?cameraId=entrance&resolution=320x240&fps=50")
                        .routeId("camera")
                        .to("mock:frames");
            }
        };
    }

    @Test
    void deliversEveryFrameOfTheRealCaptureByteExactInOrderWithHeaders() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:frames");
        mock.setMinimumExpectedMessageCount(20);
        mock.assertIsSatisfied(10_000);

        List<byte[]> capture = TestData.captureFrames();
        for (int i = 0; i < 20; i++) {
            var message = mock.getReceivedExchanges().get(i).getIn();
            assertThat(message.getBody(byte[].class)).as("frame %d", i + 1).isEqualTo(capture.get(i % 10));
            assertThat(message.getHeader(AxisMjpegConstants.FRAME_NUMBER, Long.class)).isEqualTo(i + 1L);
            assertThat(message.getHeader(AxisMjpegConstants.CAMERA_TIMESTAMP, Long.class))
                    .isEqualTo(TestData.CAPTURE_FIRST_TIMESTAMP + (i % 10) * 40L);
            assertThat(message.getHeader(AxisMjpegConstants.WIDTH, Integer.class)).isEqualTo(320);
            assertThat(message.getHeader(AxisMjpegConstants.HEIGHT, Integer.class)).isEqualTo(240);
            assertThat(message.getHeader(AxisMjpegConstants.SIZE, Integer.class)).isEqualTo(capture.get(i % 10).length);
            assertThat(message.getHeader(AxisMjpegConstants.HOST)).isEqualTo("127.0.0.1");
            assertThat(message.getHeader(AxisMjpegConstants.CAMERA_ID)).isEqualTo("entrance");
            assertThat(message.getHeader(AxisMjpegConstants.CONNECTION_NUMBER, Long.class)).isEqualTo(1L);
            assertThat(message.getHeader("Content-Type")).isEqualTo("image/jpeg");
            long received = message.getHeader(AxisMjpegConstants.RECEIVED_TIMESTAMP, Long.class);
            assertThat(received).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
        }
        assertThat(camera.lastRequestTarget())
                .isEqualTo("/axis-cgi/mjpg/video.cgi?resolution=320x240&fps=50");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(
                mock.getReceivedExchanges().get(0).getIn().getBody(byte[].class)));
        assertThat(decoded.getWidth()).isEqualTo(320);

        AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("camera").getConsumer();
        assertThat(consumer.getCorruptFrames()).isZero();
        assertThat(consumer.getReconnects()).isZero();
        assertThat(consumer.getState()).isEqualTo(AxisMjpegConsumer.State.STREAMING);
    }

    @Test
    void renderedFramesFollowTheRequestedResolutionAndCarryTheCaptureTime() throws Exception {
        try (AxisCameraSimulator live = AxisCameraSimulator.builder().fps(20).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + live.hostAndPort() + "?resolution=160x120")) {
            long before = System.currentTimeMillis();
            List<FrameCollector.Received> frames = route.frames().await(5, Duration.ofSeconds(10));
            for (FrameCollector.Received f : frames) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.body()));
                assertThat(image.getWidth()).isEqualTo(160);
                assertThat(image.getHeight()).isEqualTo(120);
                assertThat(f.headers().get(AxisMjpegConstants.WIDTH)).isEqualTo(160);
                long captured = (Long) f.headers().get(AxisMjpegConstants.CAMERA_TIMESTAMP);
                long received = (Long) f.headers().get(AxisMjpegConstants.RECEIVED_TIMESTAMP);
                assertThat(captured).isBetween(before - 1000, received + 10);
                assertThat(f.headers().get(AxisMjpegConstants.CAMERA_ID)).isEqualTo(live.hostAndPort());
            }
        }
    }
}
