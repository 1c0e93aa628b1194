package io.camelaxis.mjpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLContext;

import io.camelaxis.mjpeg.simulator.SelfSignedCertificate;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.camelaxis.mjpeg.RawCamera.ascii;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP framing of the answer, below the multipart stream: what HttpCore reads before the parser sees a byte. A
 * server (or a broken proxy) can send a response head or a chunk-size line that never ends, or endless header
 * lines; HttpCore keeps all of it in memory unless told a limit. Each must end the attempt early, counted, with the
 * camera seeing its connection closed, long before the watchdog (60 s here) would (HttpCore's own line and header
 * limits do it). Chunked streams with extensions and trailers, as proxies send them, and interim answers before the
 * stream must deliver their frames byte-exact.
 */
class HttpFramingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LONG_TIMEOUTS = "&connectTimeout=1000&stallTimeout=60000&noFrameTimeout=60000";
    /** Far more than any sane head or chunk line, far less than a test JVM's heap. */
    private static final int FLOOD_BYTES = 16 * 1024 * 1024;

    enum Flood {
        /** A response header line that never ends. */
        HEADER_LINE("HTTP/1.1 200 OK\r\nX-Junk: ", "a", " answered with HTTP this consumer refuses (Maximum line length"
                + " limit exceeded): another kind of server on this port, or a proxy breaking the answer?"),
        /** Header lines without end, each short. */
        HEADER_LINES("HTTP/1.1 200 OK\r\n", "X-Junk: a\r\n", " answered with HTTP this consumer refuses (Maximum"
                + " header count exceeded): another kind of server on this port, or a proxy breaking the answer?"),
        /** A chunk-size line that never ends, in the body of a stream answer. */
        CHUNK_SIZE_LINE("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n", "1", " broke: "
                        + "org.apache.hc.core5.http.MessageConstraintException: Maximum line length limit exceeded");

        final String head;
        final String unit;
        /** The last error after the camera's address. */
        final String error;

        Flood(String head, String unit, String error) {
            this.head = head;
            this.unit = unit;
            this.error = error;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @EnumSource(Flood.class)
    void anEndlessLineOrHeadIsCutShort(Flood flood) throws Exception {
        for (Transport transport : Transport.values()) {
            try (RawCamera camera = new RawCamera((out, n) -> flood(out, flood));
                 CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport="
                                                       + transport + "&reconnectDelay=60000" + LONG_TIMEOUTS)) {
                Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
                // the consumer closed the connection before the camera could write the flood
                Awaitility.await().atMost(WAIT).until(() -> camera.closedByClient() == 1);
                assertThat(route.consumer().getLastError()).as("%s %s", flood, transport)
                        .endsWith(camera.hostAndPort() + flood.error);
                assertThat(route.consumer().getFramesReceived()).isZero();
                assertThat(route.consumer().getState()).isEqualTo(AxisMjpegConsumer.State.WAITING_TO_RECONNECT);
            }
        }
    }

    private static void flood(OutputStream out, Flood flood) throws IOException {
        out.write(ascii(flood.head));
        byte[] block = new byte[64 * 1024];
        byte[] unit = ascii(flood.unit);
        for (int i = 0; i < block.length; i++) {
            block[i] = unit[i % unit.length];
        }
        for (int written = 0; written < FLOOD_BYTES; written += block.length) {
            out.write(block);
        }
    }

    /**
     * {@code 100 Continue}, {@code 102 Processing} or {@code 103 Early Hints} (with a header) before a 200 whose body
     * ends with the connection (HTTP/1.1 without length, RFC 9112 6.3): the interim answer is skipped and the camera's
     * close is the stream's clean end. The async transport took that close for a broken stream about every other
     * time after an interim answer (HttpCore reports "Connection closed by peer"), so a finite stream was requested
     * again and its frames delivered twice. Five rounds per answer make a pass by luck unlikely.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void interimAnswersBeforeAStreamEndedByTheConnectionsClose(Transport transport) throws Exception {
        byte[] jpeg = TestData.jpeg(64, 48, 1);
        for (String interim : List.of("100 Continue\r\n", "102 Processing\r\n",
                "103 Early Hints\r\nLink: </a.css>; rel=preload\r\n")) {
            for (int round = 1; round <= 5; round++) {
                try (RawCamera camera = new RawCamera((out, n) -> {
                    out.write(ascii("HTTP/1.1 " + interim + "\r\n"
                                    + "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n\r\n"));
                    for (int i = 0; i < 2; i++) {
                        out.write(ascii("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                                        + "\r\n\r\n"));
                        out.write(jpeg);
                        out.write(ascii("\r\n"));
                    }
                }); // the camera closes the connection: the end of the body
                     CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport="
                                                           + transport + "&nbrOfFrames=2&reconnectDelay=10")) {
                    Awaitility.await().atMost(WAIT).until(() -> route.consumer().getState()
                                                                == AxisMjpegConsumer.State.FINISHED);
                    String what = interim.substring(0, 3) + " round " + round;
                    assertThat(camera.connections()).as(what).isEqualTo(1);
                    assertThat(route.consumer().getLastError()).as(what).isNull();
                    assertThat(route.frames().frames()).as(what).hasSize(2)
                            .allSatisfy(f -> assertThat(f.body()).isEqualTo(jpeg));
                }
            }
        }
    }

    /**
     * A chunked stream as a proxy re-chunks it: chunk extensions, chunk boundaries that cut parts anywhere (here
     * every 1000 bytes, with leading zeros and upper-case hex), and a trailer after the last chunk.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aChunkedStreamWithExtensionsAndTrailersDeliversEveryFrameExactly(Transport transport) throws Exception {
        List<byte[]> jpegs = List.of(TestData.jpeg(64, 48, 1), TestData.jpeg(64, 48, 2), TestData.jpeg(64, 48, 3));
        ByteArrayOutputStream multipart = new ByteArrayOutputStream();
        for (byte[] jpeg : jpegs) {
            multipart.writeBytes(ascii("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                                       + "\r\n\r\n"));
            multipart.writeBytes(jpeg);
            multipart.writeBytes(ascii("\r\n"));
        }
        byte[] body = multipart.toByteArray();
        try (RawCamera camera = new RawCamera((out, n) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n"
                            + "Transfer-Encoding: chunked\r\nTrailer: X-Frames\r\n\r\n"));
            for (int from = 0; from < body.length; from += 1000) {
                int length = Math.min(1000, body.length - from);
                out.write(ascii(String.format("%08X;name=\"value\";flag\r\n", length)));
                out.write(body, from, length);
                out.write(ascii("\r\n"));
                out.flush();
            }
            out.write(ascii("0;last\r\nX-Frames: 3\r\n\r\n"));
            out.flush();
            Thread.sleep(60_000); // the stream ended; the consumer is the one to close
        });
             CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport=" + transport
                                                   + "&nbrOfFrames=3")) {
            Awaitility.await().atMost(WAIT).until(() -> route.consumer().getState()
                                                        == AxisMjpegConsumer.State.FINISHED);
            List<FrameCollector.Received> frames = route.frames().frames();
            assertThat(frames).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(Arrays.equals(frames.get(i).body(), jpegs.get(i))).as("frame %d", i + 1).isTrue();
            }
            assertThat(route.consumer().getCorruptFrames()).isZero();
            assertThat(route.consumer().getLastError()).isNull();
        }
    }

    /**
     * The bad chunk-size line arrives in a later read than the chunk before it (the camera pauses between them), then
     * the camera falls silent: the chunk's frame arrives, and the stream ends within a bounded time on both
     * transports. A size that is no number is reported as malformed coding. A negative size is too, except on the
     * async transport when the chunk's own CRLF came after the pause: HttpCore's async decoder takes the negative
     * size and then consumes nothing (no error of its own), so the silence is what ends it, at {@code stallTimeout}.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBadChunkSizeAfterAPauseEndsTheStreamInBoundedTime(Transport transport) throws Exception {
        byte[] jpeg = TestData.jpeg(64, 48, 1);
        byte[] body = partOf(jpeg);
        for (String size : List.of("zz", "-5")) {
            for (boolean crlfBeforePause : List.of(true, false)) {
                try (RawCamera camera = new RawCamera((out, n) -> {
                    out.write(chunkedAnswerHeadAndChunk(body));
                    out.write(ascii(crlfBeforePause ? "\r\n" : ""));
                    out.flush();
                    Thread.sleep(300);
                    out.write(ascii((crlfBeforePause ? "" : "\r\n") + size + "\r\n"));
                    out.flush();
                    Thread.sleep(60_000); // the consumer is the one to close
                });
                     CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport="
                                                           + transport + "&reconnectDelay=60000&connectTimeout=1000"
                                                           + "&stallTimeout=2000&noFrameTimeout=60000")) {
                    Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
                    String what = String.format("size '%s', CRLF %s the pause, %s", size,
                            crlfBeforePause ? "before" : "after", transport);
                    boolean silenceEndsIt = transport == Transport.async && size.equals("-5") && !crlfBeforePause;
                    assertThat(route.consumer().getLastError()).as(what).startsWith(silenceEndsIt
                            ? "camera " + camera.hostAndPort() + " stalled: no data for 2000 ms"
                            : "stream from camera " + camera.hostAndPort() + " broke: the chunked transfer coding is"
                              + " malformed (");
                    assertThat(route.frames().frames()).as(what).singleElement()
                            .satisfies(f -> assertThat(f.body()).isEqualTo(jpeg));
                }
            }
        }
    }

    /**
     * A chunk-size line that is no size, after a chunk that completes a frame: both transports end the connection
     * and say in the same words that the chunked coding is broken (the async one said "IllegalArgumentException:
     * newLimit < 0" for a negative size, HttpCore's words for its own state), count it and reconnect.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMalformedChunkSizeIsReportedAsBrokenChunkedCodingOnBothTransports(Transport transport) throws Exception {
        byte[] jpeg = TestData.jpeg(64, 48, 1);
        byte[] body = partOf(jpeg);
        // the last: an escape sequence and a long line, quoted bounded and printable
        for (String size : List.of("-5", "FFFFFFFFFFFFFFFFF", "0x10", "zz", "", "\u001b[31m" + "x".repeat(3000))) {
            try (RawCamera camera = new RawCamera((out, n) -> {
                // one write: the bad line comes in the read of the chunk before it (a later read: the test above)
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                answer.writeBytes(chunkedAnswerHeadAndChunk(body));
                answer.writeBytes(ascii("\r\n" + size + "\r\n"));
                out.write(answer.toByteArray());
                out.flush();
                Thread.sleep(60_000); // the consumer is the one to close
            });
                 CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport="
                                                       + transport + "&reconnectDelay=60000" + LONG_TIMEOUTS)) {
                Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
                assertThat(route.consumer().getLastError()).as("chunk size '%s', %s", size, transport)
                        .startsWith("stream from camera " + camera.hostAndPort() + " broke: the chunked transfer"
                                    + " coding is malformed (").doesNotContain("\u001b").hasSizeLessThan(400);
                assertThat(route.consumer().getReconnects() + route.consumer().getConnections()).isPositive();
                if (transport == Transport.blocking) {
                    assertThat(route.frames().frames()).singleElement()
                            .satisfies(f -> assertThat(f.body()).isEqualTo(jpeg));
                } else {
                    // HttpCore's async decoder drops what it decoded in the read that met the bad line (reliability.md)
                    assertThat(route.consumer().getFramesReceived()).isLessThanOrEqualTo(1);
                }
            }
        }
    }

    /**
     * A negative chunk size, then more bytes, as a camera streaming on would send them. HttpCore's async decoder takes
     * the size and consumes nothing after it: the bytes left in the socket made the shared I/O thread spin on the
     * connection at a full core, and over TLS the decrypted bytes piled up in HttpCore's buffer without a limit, until
     * the watchdog ended it at stallTimeout (60 s here), then again after each reconnect. Both transports, plain and
     * TLS, now end it at once as broken chunked coding (the async one after {@link ReadEventsWithoutData#EVENT_LIMIT}
     * read events or {@link ReadEventsWithoutData#BYTE_LIMIT} bytes without a body byte), count it, and the frame
     * before the line arrives; the camera sees its connection closed, and no connection is left watched.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNegativeChunkSizeWhileTheCameraSendsOnEndsTheConnectionAtOnce(Transport transport) throws Exception {
        byte[] jpeg = TestData.jpeg(64, 48, 1);
        byte[] body = partOf(jpeg);
        RawCamera.Answer answer = (out, n) -> {
            out.write(chunkedAnswerHeadAndChunk(body));
            out.write(ascii("\r\n-100000000\r\n"));
            out.flush();
            byte[] more = new byte[16 * 1024]; // the camera streams on; its writes fail once the consumer closes
            for (int i = 0; i < 30_000; i++) {
                out.write(more);
                out.flush();
                Thread.sleep(1);
            }
        };
        SSLContext tls = SelfSignedCertificate.generate().serverContext();
        for (boolean https : List.of(false, true)) {
            try (RawCamera camera = https ? RawCamera.tls(tls, answer) : new RawCamera(answer);
                 CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport="
                                                       + transport + "&https=" + https + "&trustAllCertificates="
                                                       + https + "&reconnectDelay=60000" + LONG_TIMEOUTS)) {
                Awaitility.await().atMost(WAIT).until(() -> route.consumer().getLastError() != null);
                String what = String.format("https=%s, %s", https, transport);
                assertThat(route.consumer().getLastError()).as(what)
                        .startsWith("stream from camera " + camera.hostAndPort() + " broke: the chunked transfer"
                                    + " coding is malformed (");
                assertThat(route.frames().frames()).as(what).singleElement()
                        .satisfies(f -> assertThat(f.body()).isEqualTo(jpeg));
                Awaitility.await().atMost(WAIT).until(() -> camera.closedByClient() == 1);
                if (transport == Transport.async) {
                    AxisMjpegComponent component = route.context().getComponent("axis-mjpeg",
                            AxisMjpegComponent.class);
                    Awaitility.await().atMost(WAIT)
                            .until(() -> component.asyncResources().readEventsWithoutData().watched() == 0);
                }
            }
        }
    }

    /**
     * A trailer section (40 lines of 500 bytes) that arrives a byte at a time: a read event per byte, none of them a
     * body byte. The async guard counted every read event without a body byte and took the 10,000th for a spinning
     * decoder: "the chunked transfer coding is malformed" (found by an attacker pass). It counts only events that take
     * in nothing since, and the stream ends as the camera ended it, on both transports, plain and TLS.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTrailerSectionArrivingAByteAtATimeIsNoBrokenStream(Transport transport) throws Exception {
        byte[] jpeg = TestData.jpeg(64, 48, 1);
        byte[] body = partOf(jpeg);
        StringBuilder trailers = new StringBuilder("0\r\n");
        for (int i = 0; i < 40; i++) {
            trailers.append("X-T").append(i).append(": ").append("t".repeat(500)).append("\r\n");
        }
        byte[] end = ascii(trailers.append("\r\n").toString());
        RawCamera.Answer answer = (out, n) -> {
            out.write(chunkedAnswerHeadAndChunk(body));
            out.write(ascii("\r\n"));
            out.flush();
            for (byte b : end) {
                out.write(b);
                out.flush();
                LockSupport.parkNanos(50_000); // each byte its own segment, read on its own
            }
            Thread.sleep(60_000); // the stream ended; the consumer is the one to close
        };
        SSLContext tls = SelfSignedCertificate.generate().serverContext();
        for (boolean https : List.of(false, true)) {
            try (RawCamera camera = RawCamera.noDelay(https ? tls : null, answer);
                 CameraRoute route = CameraRoute.start("axis-mjpeg:" + camera.hostAndPort() + "?transport="
                                                       + transport + "&https=" + https + "&trustAllCertificates="
                                                       + https + "&nbrOfFrames=2&reconnectDelay=60000"
                                                       + LONG_TIMEOUTS)) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> route.consumer().getLastError() != null);
                String what = String.format("https=%s, %s", https, transport);
                assertThat(route.consumer().getLastError()).as(what).doesNotContain("malformed")
                        .startsWith("camera " + camera.hostAndPort() + " ");
                assertThat(route.frames().frames()).as(what).singleElement()
                        .satisfies(f -> assertThat(f.body()).isEqualTo(jpeg));
            }
        }
    }

    /** A chunked stream answer's head, then {@code body} as its first chunk, without the CRLF that ends the chunk. */
    private static byte[] chunkedAnswerHeadAndChunk(byte[] body) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        answer.writeBytes(ascii("HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n"));
        answer.writeBytes(body);
        return answer.toByteArray();
    }

    /** One multipart part holding the JPEG, with Content-Length, and its trailing line break. */
    private static byte[] partOf(byte[] jpeg) {
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        part.writeBytes(ascii("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n"));
        part.writeBytes(jpeg);
        part.writeBytes(ascii("\r\n"));
        return part.toByteArray();
    }
}
