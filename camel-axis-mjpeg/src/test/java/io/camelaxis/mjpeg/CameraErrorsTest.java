package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a camera says no becomes an error message that tells the user what to check. */
class CameraErrorsTest {

    private AxisCameraSimulator camera;

    @BeforeEach
    void start() throws Exception {
        camera = AxisCameraSimulator.builder().fps(25).maxViewers(1).build().start();
    }

    @AfterEach
    void stop() {
        camera.close();
    }

    private String lastErrorOf(String options) throws Exception {
        try (CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?reconnectDelay=50&"
                                                   + options)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> route.consumer().getLastError() != null);
            assertThat(route.frames().count()).isZero();
            return route.consumer().getLastError();
        }
    }

    @Test
    void wrongPathNamesThePathToCheck() throws Exception {
        assertThat(lastErrorOf("path=/mjpg/video.mjpg")).contains("404").contains("check the path")
                .contains("/axis-cgi/mjpg/video.cgi");
    }

    @Test
    void aSnapshotUrlIsNotAStream() throws Exception {
        assertThat(lastErrorOf("path=/axis-cgi/jpg/image.cgi"))
                .contains("expected multipart/x-mixed-replace, got image/jpeg");
    }

    @Test
    void theCamerasOwnErrorTextIsShown() throws Exception {
        assertThat(lastErrorOf("vapix.resolution=9999x9999")).contains("400")
                .contains("Error: resolution '9999x9999' is not supported by this camera");
    }

    @Test
    void tooManyViewers() throws Exception {
        try (CameraRoute first = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?resolution=32x32")) {
            first.frames().await(1, Duration.ofSeconds(10));
            assertThat(lastErrorOf("resolution=32x32")).contains("503").contains("too many viewers")
                    .contains("maximum number of viewers (1)");
        }
    }

    @Test
    void refusedConnectionSuggestsHttps() throws Exception {
        try (CameraRoute route = CameraRoute.start("axis-mjpeg:127.0.0.1:1?reconnectDelay=50")) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> route.consumer().getLastError() != null);
            assertThat(route.consumer().getLastError()).contains("connection refused by camera 127.0.0.1:1")
                    .contains("https=true");
        }
    }

    @Test
    void bridgeErrorHandlerSendsConnectionFailuresIntoTheRoute() throws Exception {
        List<Exception> caught = new CopyOnWriteArrayList<>();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(CameraException.class).handled(true)
                        .process(e -> caught.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));
                from("axis-mjpeg:" + camera.hostAndPort() + "?path=/nope&bridgeErrorHandler=true&reconnectDelay=50")
                        .to("mock:never");
            }
        });
        context.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !caught.isEmpty());
            assertThat(caught.get(0)).isInstanceOf(CameraException.class).hasMessageContaining("check the path");
            assertThat(((CameraException) caught.get(0)).getStatus()).isEqualTo(404);
        } finally {
            context.stop();
        }
    }
}
