package io.camelaxis.mjpeg;

import java.time.Duration;

import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera that does something with TLS itself on an open connection ({@link TlsCamera}): each must end in an error
 * that says what happened, counted, with a reconnect, or be read through; never a hang.
 */
class TlsMidStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final byte[] PART = TlsCamera.part(TestData.jpeg(64, 48, 1));
    private static SelfSignedCertificate certificate;

    @BeforeAll
    static void certificate() throws Exception {
        certificate = SelfSignedCertificate.generate();
    }

    private static CameraRoute route(TlsCamera camera, Transport transport, String options) throws Exception {
        return CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?https=true&trustAllCertificates=true"
                + "&transport=" + transport + "&reconnectDelay=100&maxReconnectDelay=100" + options);
    }

    /** A TLS 1.2 camera that asks for a new handshake (HelloRequest) after {@code frames} frames, then streams on. */
    private static TlsCamera renegotiating(int frames) throws Exception {
        return new TlsCamera(certificate.serverContext(), "TLSv1.2", (socket, out) -> {
            for (int i = 0; ; i++) {
                if (i == frames) {
                    out.flush();
                    socket.startHandshake(); // the client's ClientHello is never read
                }
                if (i == 0) {
                    out.write(TlsCamera.STREAM_HEAD);
                }
                out.write(PART);
                out.flush();
                Thread.sleep(20);
            }
        });
    }

    private static String renegotiationText(TlsCamera camera, String where) {
        return where + " began a new TLS handshake on the open connection (a renegotiation) and sent on without"
               + " completing it, until the async transport's TLS input buffer was full (HttpCore: Input buffer is"
               + " full): turn TLS renegotiation off on the camera (or on the TLS proxy in front of it), or use"
               + " transport=blocking, which reads on through it";
    }

    /**
     * The async transport (HttpCore's TLS layer) cannot read on while the handshake waits: the connection ended with
     * a bare "stream from camera ... broke: javax.net.ssl.SSLException: Input buffer is full".
     */
    @Test
    void anUnfinishedRenegotiationMidStreamIsNamedCountedAndReconnected() throws Exception {
        try (TlsCamera camera = renegotiating(3);
             CameraRoute route = route(camera, Transport.async, "")) {
            Awaitility.await().atMost(WAIT).until(() -> camera.connections() >= 2);
            assertThat(route.consumer().getLastError()).isEqualTo("stream from camera " + camera.hostAndPort()
                    + " broke: " + renegotiationText(camera, "the camera"));
            assertThat(route.consumer().getReconnects()).isPositive();
            assertThat(route.consumer().getFailuresInRow()).isPositive();
            // the second connection streams too: its 3 frames before the handshake
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getFramesReceived() >= 6);
        }
    }

    /** The same before the answer: it was taken for a failed first handshake, with advice on certificates. */
    @Test
    void anUnfinishedRenegotiationBeforeTheAnswerIsNotCalledATrustProblem() throws Exception {
        try (TlsCamera camera = renegotiating(0);
             CameraRoute route = route(camera, Transport.async, "")) {
            Awaitility.await().atMost(WAIT).until(() -> camera.connections() >= 2);
            assertThat(route.consumer().getLastError()).isIn(
                    renegotiationText(camera, "camera " + camera.hostAndPort()),
                    "stream from camera " + camera.hostAndPort() + " broke: " + renegotiationText(camera,
                            "the camera"));
            assertThat(route.consumer().getReconnects()).isPositive();
        }
    }

    /** The blocking transport (the JDK's SSLSocket) reads the stream on while the camera's handshake waits. */
    @Test
    void theBlockingTransportReadsOnThroughAnUnfinishedRenegotiation() throws Exception {
        try (TlsCamera camera = renegotiating(3);
             CameraRoute route = route(camera, Transport.blocking, "")) {
            route.frames().await(40, WAIT);
            assertThat(camera.connections()).isEqualTo(1);
            assertThat(route.consumer().getLastError()).isNull();
        }
    }
}
