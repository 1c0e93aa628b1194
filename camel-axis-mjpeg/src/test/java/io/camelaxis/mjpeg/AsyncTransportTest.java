package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.FrameSource;
import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import io.camelaxis.mjpeg.simulator.StreamFault;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** transport=async proves what the blocking transport proves, and that its threads do not grow with cameras. */
class AsyncTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void deliversTheRealCaptureByteExactWithHeaders() throws Exception {
        List<byte[]> capture = TestData.captureFrames();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(50).replay(capture).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                                                   + "?transport=async&cameraId=gate")) {
            List<FrameCollector.Received> frames = route.frames().await(20, WAIT);
            for (int i = 0; i < 20; i++) {
                FrameCollector.Received f = frames.get(i);
                assertThat(f.body()).isEqualTo(capture.get(i % 10));
                assertThat(f.number()).isEqualTo(i + 1L);
                assertThat(f.headers().get(AxisMjpegConstants.CAMERA_TIMESTAMP))
                        .isEqualTo(TestData.CAPTURE_FIRST_TIMESTAMP + (i % 10) * 40L);
                assertThat(f.headers().get(AxisMjpegConstants.WIDTH)).isEqualTo(320);
                assertThat(f.headers().get(AxisMjpegConstants.CAMERA_ID)).isEqualTo("gate");
            }
            assertThat(route.consumer().getTransport()).isEqualTo("async");
        }
    }

    @ParameterizedTest(name = "Digest {0}, qop={1}")
    @CsvSource({ "MD5, true", "MD5, false", "SHA-256, true" })
    void digestAuthentication(String algorithm, boolean qop) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .digestAuth("viewer", "pw", algorithm, qop).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                     + "?transport=async&resolution=64x48&username=viewer&password=pw")) {
            route.frames().await(3, WAIT);
            assertThat(camera.basicCredentialsSeen()).isZero();
        }
    }

    @Test
    void staleNonceOnReconnectAndWrongPassword() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .digestAuth("viewer", "pw", "MD5", true).nonceMaxUses(1).fault(StreamFault.CUT_MID_FRAME, 3)
                .build().start()) {
            try (CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                    + "?transport=async&resolution=64x48&reconnectDelay=20&username=viewer&password=pw")) {
                Awaitility.await().atMost(WAIT)
                        .until(() -> route.frames().frames().stream().anyMatch(f -> f.connection() == 2));
                assertThat(camera.authFailures()).isZero();
            }
            try (LogCapture log = LogCapture.of(AxisMjpegConsumer.class);
                 CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                         + "?transport=async&reconnectDelay=10&username=viewer&password=nope")) {
                Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
                assertThat(route.consumer().getLastError()).contains("authentication failed at camera")
                        .contains("check username and password").doesNotContain("nope").doesNotContain("viewer");
                // the next attempt waits authFailureDelay (60 s), not reconnectDelay (10 ms)
                Awaitility.await().atMost(WAIT).until(() -> log.lines().contains("INFO Reconnecting to camera "
                        + camera.hostAndPort() + " in 60000 ms (failure 1 in a row)"));
                assertThat(camera.authFailures()).isEqualTo(1);
            }
        }
    }

    @Test
    void httpsWithASelfSignedCertificate() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).tls(certificate.serverContext())
                .build().start()) {
            try (CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                    + "?transport=async&https=true&reconnectDelay=50")) {
                Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
                assertThat(route.consumer().getLastError()).contains("TLS handshake").contains("trustAllCertificates");
            }
            try (CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                    + "?transport=async&https=true&trustAllCertificates=true&resolution=64x48")) {
                route.frames().await(3, WAIT);
            }
        }
    }

    @Test
    void errorsNameWhatToCheck() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().build().start();
             CameraRoute notFound = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                                                      + "?transport=async&path=/nope&reconnectDelay=50");
             CameraRoute badResolution = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                     + "?transport=async&vapix.resolution=9999x9999&reconnectDelay=50");
             CameraRoute refused = CameraRoute.start("axis-mjpeg:127.0.0.1:1?transport=async&reconnectDelay=50")) {
            Awaitility.await().atMost(WAIT).until(() -> notFound.consumer().getLastError() != null
                    && badResolution.consumer().getLastError() != null && refused.consumer().getLastError() != null);
            assertThat(notFound.consumer().getLastError()).contains("404").contains("check the path");
            assertThat(badResolution.consumer().getLastError())
                    .contains("Error: resolution '9999x9999' is not supported by this camera");
            assertThat(refused.consumer().getLastError()).contains("connection refused").contains("https=true");
        }
    }

    @Test
    void bridgeErrorHandlerSendsFailuresIntoTheRoute() throws Exception {
        List<Exception> caught = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().build().start()) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(CameraException.class).handled(true).process(e -> {
                        caught.add(e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class));
                        threads.add(Thread.currentThread().getName());
                    });
                    from("axis-mjpeg:" + camera.hostAndPort() + "?transport=async&path=/nope"
                         + "&bridgeErrorHandler=true&reconnectDelay=50").to("mock:never");
                }
            });
            context.start();
            try {
                Awaitility.await().atMost(WAIT).until(() -> caught.size() >= 2); // and it keeps retrying
                assertThat(caught.get(0)).hasMessageContaining("check the path");
                assertThat(threads).allMatch(name -> name.contains("AxisMjpegWorker"), "a worker, not an I/O thread");
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void suspendReleasesTheCameraAndResumeContinues() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                                                   + "?transport=async&resolution=64x48")) {
            route.frames().await(3, WAIT);
            route.context().getRouteController().suspendRoute(CameraRoute.ROUTE_ID);
            Awaitility.await().atMost(WAIT).until(() -> camera.activeStreams() == 0);
            int atSuspend = route.frames().count();
            route.context().getRouteController().resumeRoute(CameraRoute.ROUTE_ID);
            route.frames().await(atSuspend + 3, WAIT);
            List<FrameCollector.Received> all = route.frames().frames();
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).number()).isEqualTo(i + 1L);
            }
        }
    }

    @Test
    void fiftyCamerasShareAFixedSetOfThreadsAndStopCleanly() throws Exception {
        FrameSource shared = FrameSource.precomputed(5, 0.7f);
        List<AxisCameraSimulator> cameras = new ArrayList<>();
        FrameCollector collector = new FrameCollector();
        CamelContext context = new DefaultCamelContext();
        try {
            for (int i = 0; i < 50; i++) {
                cameras.add(AxisCameraSimulator.builder().fps(10).resolution(64, 48).source(shared).build().start());
            }
            int threadsBefore = consumerThreads();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (AxisCameraSimulator camera : cameras) {
                        from("axis-mjpeg:" + camera.hostAndPort() + "?transport=async").process(collector);
                    }
                }
            });
            context.start();
            Awaitility.await().atMost(WAIT).until(() -> collector.count() >= 50 * 5);
            int consumerThreads = consumerThreads() - threadsBefore;
            assertThat(consumerThreads).as("threads for 50 cameras").isLessThanOrEqualTo(2 + 8 + 1 + 2);
            context.stop();
            Awaitility.await().atMost(WAIT).until(() -> cameras.stream().allMatch(c -> c.activeStreams() == 0));
            assertThat(consumerThreads()).isEqualTo(threadsBefore);
        } finally {
            context.stop();
            cameras.forEach(AxisCameraSimulator::close);
        }
    }

    /** Threads that are not the simulator's nor the JVM's: the consumers' share. */
    private static int consumerThreads() {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        return (int) threads.stream().filter(Thread::isAlive)
                .filter(t -> t.getName().contains("AxisMjpeg") || t.getName().startsWith("httpclient-dispatch"))
                .count();
    }
}
