package io.camelaxis.mjpeg;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.camelaxis.mjpeg.RawCamera.ascii;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP answers the simulator is too well-behaved to give, written byte for byte by a {@link RawCamera}: each must end
 * in the error that names what the camera did, on both transports.
 */
class HostileAnswersTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /**
     * A 200 that is not an MJPEG stream and never ends (the H.264 or MP4 endpoint given as the path). The async
     * transport used to wait for the end of its body: the connection stayed open until the watchdog gave up after
     * connectTimeout + stallTimeout, saying the camera "gave no final answer".
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void anEndlessAnswerThatIsNotAStreamIsRefusedWithoutWaitingForItsEnd(Transport transport) throws Exception {
        try (RawCamera camera = new RawCamera((out, connection) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n\r\n"));
            while (true) {
                out.write(ascii("x".repeat(1024)));
                out.flush();
                Thread.sleep(5);
            }
        }); CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                + "&connectTimeout=60000&stallTimeout=60000&reconnectDelay=60000")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
            assertThat(route.consumer().getLastError()).isEqualTo("camera " + camera.hostAndPort() + " did not send"
                    + " an MJPEG stream: expected multipart/x-mixed-replace, got video/mp4 for"
                    + " /axis-cgi/mjpg/video.cgi: \"" + "x".repeat(CameraResponses.MAX_ERROR_BODY) + "\"");
            // and the endless body is not read on: the consumer closed the connection
            Awaitility.await().atMost(WAIT).until(() -> camera.closedByClient() == 1);
            assertThat(camera.connections()).isEqualTo(1);
        }
    }

    /**
     * An error answer without {@code Connection: close} from a camera that closes the connection right after it, as
     * HTTP/1.1 allows. The blocking transport kept the connection in its pool and sent the next attempt on it: every
     * other attempt failed with "cannot reach camera: NoHttpResponseException" instead of the camera's answer.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyAttemptReportsTheCamerasAnswerWhenItClosesAfterAnErrorAnswer(Transport transport) throws Exception {
        String busy = "Too many viewers";
        try (RawCamera camera = new RawCamera((out, connection) -> out.write(ascii("HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: text/plain\r\nContent-Length: " + busy.length() + "\r\n\r\n" + busy)));
             LogCapture log = LogCapture.of(AxisMjpegConsumer.class);
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                     + "&reconnectDelay=20&maxReconnectDelay=20")) {
            Awaitility.await().atMost(WAIT).until(() -> failures(log).size() >= 6);
            route.close();
            List<String> failures = failures(log);
            assertThat(failures).allMatch(line -> line.equals("WARN camera " + camera.hostAndPort() + " refused the"
                    + " stream (503 Service Unavailable): too many viewers? (Axis MaxViewers) \"" + busy + "\""),
                    "each failure is the camera's 503");
        }
    }

    /**
     * A Digest challenge HttpClient cannot answer (an algorithm it does not know): no credentials are sent at all, so
     * "check username and password" sent the user the wrong way.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aChallengeThatCannotBeAnsweredSaysNoCredentialsWereSent(Transport transport) throws Exception {
        FirstError error = firstError("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"cam\","
                + " nonce=\"abc\", algorithm=SHA-1024, qop=\"auth\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                true, transport, "&username=viewer&password=pw&authFailureDelay=60000");
        assertThat(error.lastError()).isEqualTo("authentication failed: camera " + error.camera() + " sent a challenge"
                + " this consumer cannot answer (server offers: Digest realm=\"cam\" algorithm=SHA-1024 qop=\"auth\"),"
                + " so no credentials were sent (an unsupported Digest algorithm or qop? supported: Digest with MD5,"
                + " SHA-256 or SHA-512-256, Basic)");
        assertThat(error.requestHeads()).noneMatch(head -> head.toLowerCase().contains("authorization"));
    }

    /**
     * A 407 comes from a proxy on the way, not from the camera. It was read as the camera's 401: "offers no
     * authentication scheme this consumer supports (server offers: nothing)", sending the user to the camera. And
     * HttpClient answered it, though no proxy is configured, with the camera's credentials in Proxy-Authorization.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aProxyAskingForALoginIsNamedAsAProxyAndNotAnswered(Transport transport) throws Exception {
        FirstError error = firstError("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Digest"
                + " realm=\"proxy\", nonce=\"abc\", qop=\"auth\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                true, transport, "&username=viewer&password=pw&authFailureDelay=60000");
        assertThat(error.lastError()).isEqualTo("authentication failed: camera " + error.camera() + " answered 407"
                + " Proxy Authentication Required (server offers: Digest realm=\"proxy\" qop=\"auth\"): a proxy"
                + " between this consumer and the camera asks for its own login; this consumer does not use or log in"
                + " to proxies, so no credentials were sent: reach the camera without that proxy");
        assertThat(error.requestHeads()).hasSize(1).noneMatch(head -> head.toLowerCase().contains("authorization"));
    }

    /**
     * 90 challenges with a realm of 8,000 characters each (within HttpCore's limits of 100 headers of 8 KB): every
     * one was quoted whole, an error of over 700 KB logged and kept as the last error at each attempt.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void hugeChallengesAreQuotedBounded(Transport transport) throws Exception {
        String realm = "realm=\"" + "r".repeat(8000) + "\"";
        FirstError error = firstError("HTTP/1.1 401 Unauthorized\r\n" + ("WWW-Authenticate: Digest " + realm
                + ", nonce=\"abc\", algorithm=SHA-1024\r\n").repeat(90) + "Content-Length: 0\r\nConnection:"
                + " close\r\n\r\n", true, transport, "&username=viewer&password=pw&authFailureDelay=60000");
        String quoted = "Digest " + realm.substring(0, CameraResponses.MAX_QUOTED_PARAMETER) + "...(" + realm.length()
                + " characters) algorithm=SHA-1024";
        assertThat(error.lastError()).startsWith("authentication failed: camera " + error.camera() + " sent a"
                + " challenge this consumer cannot answer (server offers: " + quoted + ", " + quoted + ", " + quoted
                + ", " + quoted + ", and 86 more), so no credentials were sent");
        assertThat(error.lastError().length()).isLessThan(1000);
    }

    /** A redirect (http to https, a login page) is not followed: the error says where it points. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRedirectSaysWhereItPoints(Transport transport) throws Exception {
        FirstError error = firstError("HTTP/1.1 301 Moved Permanently\r\nLocation:"
                + " https://cam.example/axis-cgi/mjpg/video.cgi\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                true, transport, "&reconnectDelay=60000");
        assertThat(error.lastError()).isEqualTo("camera " + error.camera() + " answered 301 Moved Permanently for"
                + " /axis-cgi/mjpg/video.cgi, redirecting to https://cam.example/axis-cgi/mjpg/video.cgi: redirects are"
                + " not followed; set host, port, path and https=true to where it points");
    }

    /**
     * A plain HTTP request to an HTTPS port (port=443 without https=true): the camera answers with a TLS alert, or
     * closes. The error was HttpCore's "Invalid protocol version ... [0x15][0x03]" or "NoHttpResponseException".
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void plainHttpToAnHttpsPortSuggestsHttps(Transport transport) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().tls(certificate.serverContext()).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                     + "&reconnectDelay=60000")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
            // the JDK's TLS server sends an alert and closes: the async client has read the alert, the classic one
            // has so far seen the close first; which one comes first is the network's business, both say https=true
            assertThat(route.consumer().getLastError()).isIn(
                    "camera " + camera.hostAndPort() + " answered the plain HTTP request with TLS: it is an HTTPS port,"
                    + " set https=true",
                    "camera " + camera.hostAndPort() + " closed the connection without an answer: an HTTPS-only port?"
                    + " try https=true (The target server failed to respond)");
        }
    }

    /** https=true to a plain HTTP port: the camera's plain answer to the TLS handshake was taken for a trust problem. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void httpsToAPlainHttpPortSuggestsPlainHttp(Transport transport) throws Exception {
        FirstError error = firstError("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                false, transport, "&https=true&reconnectDelay=60000");
        assertThat(error.lastError()).startsWith("TLS handshake with camera " + error.camera() + " failed: the camera"
                + " answered in plain HTTP; set https=false, or the port of its HTTPS server (");
    }

    /** A stream answer with {@code whole} frames, then {@code partBytes} of one more (none for 0), then the close. */
    private static void framesThenClose(OutputStream out, byte[] jpeg, int whole, int partBytes) throws IOException {
        out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n"
                + "Connection: close\r\n\r\n"));
        for (int i = 0; i < whole + (partBytes > 0 ? 1 : 0); i++) {
            out.write(ascii("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n"));
            out.write(jpeg, 0, i < whole ? jpeg.length : partBytes);
            out.write(ascii(i < whole ? "\r\n" : ""));
        }
    }

    /**
     * A finite stream (nbrOfFrames=5) that the camera ends cleanly after 2 frames: finished as documented (no
     * reconnect), but it was taken for the whole stream with nothing said; the shortfall is now the last error.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFiniteStreamEndedEarlySaysHowManyFramesCame(Transport transport) throws Exception {
        byte[] jpeg = TestData.jpeg(64, 48, 1);
        try (RawCamera camera = new RawCamera((out, connection) -> framesThenClose(out, jpeg, 2, 0));
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                + "&nbrOfFrames=5")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getState() == AxisMjpegConsumer.State.FINISHED);
            assertThat(route.consumer().getFramesReceived()).isEqualTo(2);
            assertThat(route.consumer().getLastError()).isEqualTo("camera " + camera.hostAndPort()
                    + " ended the finite stream after 2 of the 5 frames asked (nbrOfFrames)");
            assertThat(camera.connections()).isEqualTo(1);
        }
    }

    /**
     * A stream asked for a duration (60 s) that the camera ends cleanly after 2 frames, in the middle of a third:
     * finished, but it was taken for the whole with nothing said (health UP, no error); the shortfall is now said. A
     * stream that lasted its duration is not warned about, nor one that reached its nbrOfFrames first.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDurationStreamEndedEarlySaysHowLongItLasted(Transport transport) throws Exception {
        byte[] jpeg = TestData.jpeg(64, 48, 1);
        try (RawCamera camera = new RawCamera((out, connection) -> framesThenClose(out, jpeg, 2, jpeg.length / 2));
             CameraRoute shortOne = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                + "&duration=60");
             CameraRoute longEnough = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport="
                + transport + "&duration=60&nbrOfFrames=2")) {
            Awaitility.await().atMost(WAIT).until(() -> shortOne.consumer().getState() == AxisMjpegConsumer.State.FINISHED
                    && longEnough.consumer().getState() == AxisMjpegConsumer.State.FINISHED);
            assertThat(shortOne.consumer().getFramesReceived()).isEqualTo(2);
            assertThat(shortOne.consumer().getLastError()).matches("camera " + camera.hostAndPort()
                    + " ended the finite stream after \\d+\\.\\d of the 60 s asked \\(duration\\)");
            assertThat(longEnough.consumer().getLastError()).as("its 2 frames came: not short").isNull();
        }
    }

    /**
     * A server that declares one boundary and delimits its parts with another: no frame came, and the consumer only
     * said that none did. Now the stream's boundary is followed from its third delimiter in a row, with a warning.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamThatUsesAnotherBoundaryThanItDeclaresIsFollowed(Transport transport) throws Exception {
        byte[] jpeg = TestData.jpeg(64, 48, 1);
        try (LogCapture log = LogCapture.of(AxisMjpegConsumer.class);
             RawCamera camera = new RawCamera((out, connection) -> {
                 out.write(ascii("HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=declared\r\n"
                         + "\r\n"));
                 for (int i = 0; i < 6; i++) {
                     out.write(ascii("--used\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                             + "\r\n\r\n"));
                     out.write(jpeg);
                     out.write(ascii("\r\n"));
                 }
             }); CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport="
                     + transport + "&nbrOfFrames=4")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getState() == AxisMjpegConsumer.State.FINISHED);
            assertThat(route.consumer().getFramesReceived()).isEqualTo(4); // the parts from the third one on
            assertThat(failures(log)).contains("WARN Camera " + camera.hostAndPort() + " delimits its parts with"
                    + " 'used', not with the multipart boundary 'declared' it declared (or that its first dashed line"
                    + " showed): following the stream (2 parts in a row with it were skipped)");
        }
    }

    /** A busy camera's Retry-After is named in the error (and honoured by the reconnect, see RetryAfterTest). */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBusyCameraSaysWhenToComeBack(Transport transport) throws Exception {
        FirstError error = firstError("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 4\r\nConnection: close\r\n\r\nbusy", true, transport, "");
        assertThat(error.lastError()).isEqualTo("camera " + error.camera() + " refused the stream (503 Service"
                + " Unavailable (it asks to retry in 2 s)): too many viewers? (Axis MaxViewers) \"busy\"");
    }

    /** What a route reports first against a camera that answers every connection with the same bytes. */
    private record FirstError(String camera, String lastError, List<String> requestHeads) {
    }

    /** {@code readsRequest} false: the answer goes out at accept, before any request (or TLS handshake) is read. */
    private static FirstError firstError(String answer, boolean readsRequest, Transport transport, String options)
            throws Exception {
        try (RawCamera camera = new RawCamera((out, connection) -> out.write(ascii(answer)), readsRequest);
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                     + options)) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
            return new FirstError(camera.hostAndPort(), route.consumer().getLastError(),
                    List.copyOf(camera.requestHeads()));
        }
    }

    private static List<String> failures(LogCapture log) {
        return log.lines().stream().filter(line -> line.startsWith("WARN ")).toList();
    }
}
