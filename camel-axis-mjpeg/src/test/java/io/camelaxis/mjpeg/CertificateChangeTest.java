package io.camelaxis.mjpeg;

import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate behind a camera's address changes between reconnects (a replaced camera, or someone in between).
 * With the camera's certificate pinned as the trust, the reconnect must check the new certificate afresh (no TLS
 * session of the old one carries over) and refuse it with the TLS hint; once the trusted certificate is back, frames
 * flow again.
 */
class CertificateChangeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aChangedCertificateIsCheckedAgainAndRefused(Transport transport) throws Exception {
        SelfSignedCertificate trusted = SelfSignedCertificate.generate();
        SelfSignedCertificate other = SelfSignedCertificate.generate();
        SSLContext trustedServer = trusted.serverContext();
        SSLContext otherServer = other.serverContext();
        AxisCameraSimulator first = AxisCameraSimulator.builder().fps(25).resolution(64, 48)
                .tls(trustedServer).build().start();
        int port = first.port();
        try (CameraRoute route = CameraRoute.start("direct:unused")) {
            route.context().getRegistry().bind("cameraTls", TestTls.trusting(trusted));
            route.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + first.hostAndPort() + "?https=true&sslContextParameters=#cameraTls"
                         + "&transport=" + transport + "&reconnectDelay=10&maxReconnectDelay=50")
                            .routeId("tls").process(route.frames());
                }
            });
            AxisMjpegConsumer consumer = (AxisMjpegConsumer) route.context().getRoute("tls").getConsumer();
            route.frames().await(3, WAIT);
            first.close();
            try (AxisCameraSimulator impostor = AuthRecoveryTest.startReplacing(() -> AxisCameraSimulator.builder()
                    .port(port).fps(25).resolution(64, 48).tls(otherServer))) {
                Awaitility.await().atMost(WAIT).until(() -> consumer.getLastError() != null
                                                            && consumer.getLastError().contains("TLS handshake"));
                int frames = route.frames().count();
                Awaitility.await().during(Duration.ofMillis(300)).atMost(WAIT)
                        .until(() -> route.frames().count() == frames);
                assertThat(impostor.activeStreams()).isZero();
            }
            try (AxisCameraSimulator back = AuthRecoveryTest.startReplacing(() -> AxisCameraSimulator.builder()
                    .port(port).fps(25).resolution(64, 48).tls(trustedServer))) {
                int frames = route.frames().count();
                route.frames().await(frames + 3, WAIT);
                assertThat(back.activeStreams()).isEqualTo(1);
            }
        }
    }
}
