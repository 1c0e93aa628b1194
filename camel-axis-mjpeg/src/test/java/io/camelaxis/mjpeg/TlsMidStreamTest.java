package io.camelaxis.mjpeg;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

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
        return new TlsCamera(certificate.serverContext(), "TLSv1.2", (socket, out, beneath) -> {
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

    /**
     * A broken or hostile server that answers the ClientHello with a handshake record longer than HttpCore's TLS input
     * buffer: the FIRST handshake ends with the same "Input buffer is full" on the async transport. No handshake had
     * completed, so nothing was renegotiated: it was named a renegotiation, with advice to turn renegotiation off. The
     * blocking transport's engine (the JDK's) refuses the record's content with its own words; it was given advice on
     * the camera's certificate, with trustAllCertificates set and no certificate sent.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void anOversizedRecordInTheFirstHandshakeIsNeitherARenegotiationNorACertificateProblem(Transport transport)
            throws Exception {
        byte[] record = new byte[5 + 0x7000];
        record[0] = 0x16; // handshake
        record[1] = 0x03;
        record[2] = 0x03; // TLS 1.2
        record[3] = 0x70; // length 0x7000: more than 16 KB, within what the JDK's engine expands to
        try (RawCamera camera = new RawCamera((out, connection) -> {
                out.write(record);
                out.flush();
                Thread.sleep(2000);
            }, false);
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?https=true"
                     + "&trustAllCertificates=true&transport=" + transport
                     + "&reconnectDelay=100&maxReconnectDelay=100")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
            String error = route.consumer().getLastError();
            assertThat(error).startsWith("TLS handshake with camera " + camera.hostAndPort() + " failed")
                    .doesNotContain("renegotiation", "sslContextParameters", "trustAllCertificates");
            if (transport == Transport.async) {
                assertThat(error).contains("Input buffer is full").doesNotContain("certificate");
            } else {
                assertThat(error).contains("not a certificate of the camera's refused").contains("check host and port");
            }
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

    /**
     * A TLS 1.2 camera that renegotiates after 3 frames and completes it: it reads the client's handshake messages
     * (a thread of its own) while it streams on; {@code renegotiated} counts the handshakes completed after the first.
     */
    private static TlsCamera renegotiatingAndCompleting(AtomicInteger renegotiated)
            throws Exception {
        return new TlsCamera(certificate.serverContext(), "TLSv1.2", (socket, out, beneath) -> {
            out.write(TlsCamera.STREAM_HEAD);
            for (int i = 0; ; i++) {
                if (i == 3) {
                    out.flush();
                    Thread reader = new Thread(() -> {
                        try {
                            socket.getInputStream().read(); // handles the handshake; the client sends no data
                        } catch (IOException e) {
                            // the connection closed
                        }
                    }, "tls-camera-reader");
                    reader.setDaemon(true);
                    reader.start();
                    socket.addHandshakeCompletedListener(e -> renegotiated.incrementAndGet());
                    socket.startHandshake();
                }
                out.write(PART);
                out.flush();
                Thread.sleep(20);
            }
        });
    }

    /** A renegotiation the camera completes is read through on both transports: one connection, every frame. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRenegotiationTheCameraCompletesIsReadThrough(Transport transport) throws Exception {
        AtomicInteger renegotiated = new AtomicInteger();
        try (TlsCamera camera = renegotiatingAndCompleting(renegotiated);
             CameraRoute route = route(camera, transport, "")) {
            route.frames().await(40, WAIT);
            assertThat(renegotiated).hasValue(1);
            assertThat(camera.connections()).isEqualTo(1);
            assertThat(route.consumer().getLastError()).isNull();
            assertThat(route.consumer().getCorruptFrames()).isZero();
        }
    }

    /** Three frames, then TLS 1.3 KeyUpdates asking for one back, as fast as the camera can, never reading. */
    private static TlsCamera floodingKeyUpdates() throws Exception {
        return new TlsCamera(certificate.serverContext(), "TLSv1.3", (socket, out, beneath) -> {
            out.write(TlsCamera.STREAM_HEAD);
            for (int i = 0; i < 3; i++) {
                out.write(PART);
            }
            out.flush();
            while (true) {
                socket.startHandshake(); // TLS 1.3 after the handshake: a KeyUpdate with update_requested
            }
        });
    }

    /**
     * The blocking transport answers each KeyUpdate with its own on the reading thread, and a socket write has no
     * timeout: once the camera's receive buffer is full the thread waits in that write, where no read timeout reaches
     * it. The noFrameTimeout watchdog ends the connection in bounded time, with an error that says no byte of the
     * stream came either (it said "garbage, a trickle" of the 3 frames' bytes), counted; the cancel frees the thread,
     * which reads the next connection's frames.
     */
    @Test
    void aKeyUpdateFloodThatBlocksTheBlockingTransportsReplyEndsInBoundedTime() throws Exception {
        try (TlsCamera camera = floodingKeyUpdates();
             CameraRoute route = route(camera, Transport.blocking, "&stallTimeout=5000&noFrameTimeout=12000")) {
            String readingThread = "AxisMjpegConsumer[" + camera.hostAndPort() + "]";
            route.frames().await(3, WAIT);
            long flooding = System.currentTimeMillis();
            Awaitility.await().atMost(Duration.ofSeconds(11)).pollInterval(Duration.ofMillis(50))
                    .until(() -> writesAKeyUpdate(readingThread));
            Awaitility.await().atMost(WAIT).until(() -> camera.connections() >= 2);
            assertThat(System.currentTimeMillis() - flooding).isLessThan(12000 + 4000);
            assertThat(route.consumer().getLastError()).matches("camera " + camera.hostAndPort().replace(".", "\\.")
                    + " sent no frame for 12000 ms \\(noFrameTimeout\\), nor a byte of the stream for \\d+ ms, though no"
                    + " read timed out \\(stallTimeout 5000 ms\\): the connection was kept busy without stream data"
                    + " \\(TLS messages only, a flood of key updates\\? or TLS replies the camera does not read\\)");
            assertThat(route.consumer().getReconnects()).isPositive();
            assertThat(route.consumer().getFailuresInRow()).isPositive();
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getFramesReceived() >= 6);
        }
    }

    /** True while the thread named {@code name} waits in a socket write within the JDK's KeyUpdate code. */
    private static boolean writesAKeyUpdate(String name) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().endsWith(name)) // Camel prefixes its own words
                .map(e -> Arrays.asList(e.getValue()))
                .anyMatch(stack -> stack.stream().limit(5).anyMatch(f -> f.getMethodName().equals("park"))
                                   && stack.stream().anyMatch(f -> f.getMethodName().equals("implWrite"))
                                   && stack.stream().anyMatch(f -> f.getClassName().contains("KeyUpdate")));
    }

    /**
     * The async transport does not read on once its reply waits (HttpCore's TLS layer): the connection ends as stalled,
     * or, while the flood still comes, by the guard against read events that bring no byte, which names TLS (it said
     * only the read events); counted, reconnected.
     */
    @Test
    void aKeyUpdateFloodOnTheAsyncTransportEndsInBoundedTime() throws Exception {
        try (TlsCamera camera = floodingKeyUpdates();
             CameraRoute route = route(camera, Transport.async, "&stallTimeout=3000&noFrameTimeout=6000")) {
            route.frames().await(3, WAIT);
            long flooding = System.currentTimeMillis();
            Awaitility.await().atMost(WAIT).until(() -> camera.connections() >= 2);
            assertThat(System.currentTimeMillis() - flooding).isLessThan(3000 + 3000);
            assertThat(route.consumer().getLastError()).isIn("camera " + camera.hostAndPort() + " stalled: no data for"
                    + " 3000 ms (stallTimeout)", "stream from camera " + camera.hostAndPort() + " broke: 10000 read"
                    + " events of the connection in a row took in nothing and brought no byte of the body (over TLS:"
                    + " the camera's TLS messages wait for replies it does not read, a flood of key updates?)");
            assertThat(route.consumer().getReconnects()).isPositive();
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getFramesReceived() >= 6);
        }
    }

    /**
     * A camera that ends TLS (close_notify) in the middle of a frame and keeps the TCP connection open without another
     * byte: the stream's clean end, said and reconnected at once, not a stall; the half frame is counted, never sent.
     */
    @ParameterizedTest
    @CsvSource({"blocking, TLSv1.2", "async, TLSv1.2", "blocking, TLSv1.3", "async, TLSv1.3"})
    void aCloseNotifyInTheMiddleOfAFrameEndsTheStreamAtOnce(Transport transport, String protocol) throws Exception {
        try (TlsCamera camera = new TlsCamera(certificate.serverContext(), protocol, (socket, out, beneath) -> {
            out.write(TlsCamera.STREAM_HEAD);
            out.write(PART);
            out.write(PART);
            out.write(PART, 0, PART.length / 2);
            out.flush();
            socket.shutdownOutput(); // close_notify; the TCP connection stays open
            Thread.sleep(60_000);
        }); CameraRoute route = route(camera, transport, "&stallTimeout=20000&noFrameTimeout=40000")) {
            long start = System.currentTimeMillis();
            Awaitility.await().atMost(WAIT).until(() -> camera.connections() >= 2);
            assertThat(System.currentTimeMillis() - start).isLessThan(5000);
            assertThat(route.consumer().getLastError()).isEqualTo("camera " + camera.hostAndPort()
                    + " closed the stream");
            assertThat(route.consumer().getFramesReceived()).isGreaterThanOrEqualTo(2);
            assertThat(route.consumer().getCorruptFrames()).isPositive();
        }
    }

    /**
     * A camera that sends the start of a TLS record (its header and a few of its 256 bytes) under TLS and then no more,
     * keeping the connection open: a stall, ended by stallTimeout on both transports, counted and reconnected.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPartialTlsRecordThenSilenceIsAStall(Transport transport) throws Exception {
        try (TlsCamera camera = new TlsCamera(certificate.serverContext(), "TLSv1.2", (socket, out, beneath) -> {
            out.write(TlsCamera.STREAM_HEAD);
            out.write(PART);
            out.flush();
            beneath.write(new byte[] {0x17, 0x03, 0x03, 0x01, 0x00, 1, 2, 3, 4, 5}); // application data, 256 bytes
            beneath.flush();
            Thread.sleep(60_000);
        }); CameraRoute route = route(camera, transport, "&stallTimeout=2000&noFrameTimeout=30000")) {
            route.frames().await(1, WAIT);
            long start = System.currentTimeMillis();
            Awaitility.await().atMost(WAIT).until(() -> camera.connections() >= 2);
            assertThat(System.currentTimeMillis() - start).isLessThan(2000 + 3000);
            assertThat(route.consumer().getLastError()).isEqualTo("camera " + camera.hostAndPort() + " stalled: no"
                    + " data for 2000 ms (stallTimeout)");
            assertThat(route.consumer().getReconnects()).isPositive();
        }
    }
}
