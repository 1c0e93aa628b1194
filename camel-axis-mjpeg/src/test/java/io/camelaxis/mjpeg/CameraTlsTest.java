package io.camelaxis.mjpeg;

import java.time.Duration;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTPS with a camera's self-signed certificate. */
class CameraTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static SelfSignedCertificate certificate;
    private static AxisCameraSimulator camera;

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.generate();
        camera = AxisCameraSimulator.builder().fps(25).tls(certificate.serverContext())
                .digestAuth("root", "pass", "MD5", true).build().start();
    }

    @AfterAll
    static void stop() {
        camera.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUntrustedCertificateIsRefusedWithAHint(Transport transport) throws Exception {
        try (CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?https=true&transport="
                                                   + transport + "&reconnectDelay=50&username=root&password=pass")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
            assertThat(route.consumer().getLastError()).contains("TLS handshake").contains("trustAllCertificates")
                    .contains("sslContextParameters");
            assertThat(route.frames().count()).isZero();
        }
    }

    @Test
    void trustAllCertificatesAcceptsTheSelfSignedCamera() throws Exception {
        try (CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort()
                + "?https=true&trustAllCertificates=true&resolution=64x48&username=root&password=pass")) {
            route.frames().await(3, WAIT);
        }
    }

    @Test
    void sslContextParametersWithTheCamerasCertificateAsTrust() throws Exception {
        SSLContextParameters ssl = TestTls.trusting(certificate);
        try (CameraRoute route = CameraRoute.start("direct:unused")) {
            route.context().getRegistry().bind("cameraTls", ssl);
            route.context().addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?https=true&sslContextParameters=#cameraTls"
                         + "&resolution=64x48&username=root&password=pass")
                            .routeId("tls").process(route.frames());
                }
            });
            route.frames().await(3, WAIT);
        }
    }
}
