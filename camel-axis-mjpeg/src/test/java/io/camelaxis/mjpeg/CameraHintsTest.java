package io.camelaxis.mjpeg;

import java.time.Duration;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hints in error messages say what actually happened, and what a camera sends cannot forge log lines. */
class CameraHintsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static String lastError(CameraRoute route) {
        Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
        return route.consumer().getLastError();
    }

    @Test
    void anUnsupportedChallengeSaysNoCredentialsWereSent() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().negotiateOnlyAuth().build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                                                   + "?username=viewer&password=pw&authFailureDelay=60000")) {
            assertThat(lastError(route)).isEqualTo("authentication failed: camera " + camera.hostAndPort()
                    + " offers no authentication scheme this consumer supports (server offers: Negotiate); no"
                    + " credentials were sent (supported: Digest, Basic)");
            assertThat(camera.requests()).isEqualTo(1);
        }
    }

    @Test
    void aCertificateForAnotherNameIsReportedAsAHostnameMismatch() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(); // for localhost and 127.0.0.1
        SSLContextParameters ssl = TestTls.trusting(certificate);
        // 127.0.0.2 is loopback too, but not a name the certificate holds
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().bindAddress("127.0.0.2")
                .tls(certificate.serverContext()).build().start();
             CameraRoute route = CameraRoute.start("direct:unused")) {
            route.context().getRegistry().bind("cameraTls", ssl);
            route.context().addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:127.0.0.2:" + camera.port() + "?https=true&sslContextParameters=#cameraTls"
                         + "&reconnectDelay=50").routeId("wrong-name").to("mock:never");
                }
            });
            AxisMjpegConsumer consumer = (AxisMjpegConsumer) route.context().getRoute("wrong-name").getConsumer();
            Awaitility.await().atMost(WAIT).until(() -> consumer.getLastError() != null);
            assertThat(consumer.getLastError()).startsWith("TLS: the certificate of camera 127.0.0.2:" + camera.port()
                    + " is not issued for the name 127.0.0.2").doesNotContain("self-signed");
        }
    }

    @Test
    void controlBytesFromTheCameraAreEscaped() throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                     + "?reconnectDelay=50&vapix.resolution=%1B[2J%1B[31mFAKE%07")) {
            // the simulator echoes the bad resolution in its 400 body, as cameras echo what they were sent
            String error = lastError(route);
            assertThat(error).contains("Error: resolution '\\u001b[2J\\u001b[31mFAKE\\u0007' is not supported")
                    .doesNotContain("\u001b").doesNotContain("\u0007");
        }
    }
}
