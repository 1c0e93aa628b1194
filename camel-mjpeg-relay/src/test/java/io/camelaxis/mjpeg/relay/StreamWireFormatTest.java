package io.camelaxis.mjpeg.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact bytes an HTTP/1.1 viewer receives: the response head, then the frames' parts back to back, unchunked,
 * until the connection closes.
 */
class StreamWireFormatTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    @AutoClose // after each test
    private RelayFixture relay;

    /** One frame as the relay encodes it: delimiter, headers, the JPEG, CRLF. */
    private static byte[] part(byte[] jpeg, long sequence) {
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        part.writeBytes(("--mjpegrelayboundary\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                         + "\r\nX-Frame-Sequence: " + sequence + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        part.writeBytes(jpeg);
        part.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return part.toByteArray();
    }

    private RawHttp openStream() throws IOException {
        RawHttp client = new RawHttp(relay.port);
        client.send("GET /cameras/gate/stream HTTP/1.1\r\nHost: relay\r\n\r\n");
        return client;
    }

    @Test
    void anHttp11ViewerGetsTheFramesUnchunkedAndTheConnectionIsClosedAtTheEnd() throws Exception {
        relay = RelayFixture.start("");
        List<byte[]> frames = CaptureFile.readFrames(CaptureFile.sharedAxisCapture()).subList(0, 3);
        relay.publish(frames.get(0));
        try (RawHttp client = openStream()) {
            String head = client.readHead();
            assertThat(head).startsWith("HTTP/1.1 200 OK\r\n")
                    .containsIgnoringCase("\r\nContent-Type: multipart/x-mixed-replace; boundary=mjpegrelayboundary\r\n")
                    .containsIgnoringCase("\r\nConnection: close\r\n")
                    .doesNotContainIgnoringCase("Transfer-Encoding")
                    .doesNotContainIgnoringCase("Content-Length");
            // the latest frame at once, then each new one, byte for byte
            assertThat(client.socket.getInputStream().readNBytes(part(frames.get(0), 1).length))
                    .isEqualTo(part(frames.get(0), 1));
            for (int i = 1; i < frames.size(); i++) {
                relay.publish(frames.get(i));
                byte[] expected = part(frames.get(i), i + 1);
                assertThat(client.socket.getInputStream().readNBytes(expected.length)).isEqualTo(expected);
            }
            // counted by the I/O thread just after its write: the viewer can have read the bytes a moment before
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> relay.endpoint.channel().framesOut() >= 3);
            assertThat(relay.endpoint.channel().framesOut()).isEqualTo(3);
            relay.close(); // the relay stops: the body ends with the connection
            assertThat(client.socket.getInputStream().read()).isEqualTo(-1); // @AutoClose stops it again: a no-op
        }
    }

    @Test
    void aFrameLargerThanTheSocketBuffersArrivesWholeFromTheSharedBuffer() throws Exception {
        relay = RelayFixture.start("");
        byte[] large = new byte[8 * 1024 * 1024]; // many partial writes: the socket takes a few hundred KB at a time
        new Random(13).nextBytes(large);
        try (RawHttp client = openStream(); RawHttp other = openStream()) {
            assertThat(client.readStatus()).isEqualTo(200);
            assertThat(other.readStatus()).isEqualTo(200);
            relay.publish(large);
            assertThat(client.socket.getInputStream().readNBytes(part(large, 1).length)).isEqualTo(part(large, 1));
            assertThat(other.socket.getInputStream().readNBytes(part(large, 1).length)).isEqualTo(part(large, 1));
        }
    }

    /** Relay to relay, as docs/relay.md suggests: this project's consumer (HttpClient 5) reads the unchunked stream. */
    @ParameterizedTest
    @ValueSource(strings = { "blocking", "async" })
    void theProjectsOwnConsumerReceivesEveryRelayedJpegExactly(String transport) throws Exception {
        relay = RelayFixture.start("");
        List<byte[]> frames = CaptureFile.readFrames(CaptureFile.sharedAxisCapture()).subList(0, 4);
        relay.publish(frames.get(0));
        List<byte[]> received = new CopyOnWriteArrayList<>();
        CamelContext downstream = new DefaultCamelContext();
        try {
            downstream.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:127.0.0.1:" + relay.port + "?path=/cameras/gate/stream&transport=" + transport
                         + "&statisticsLogInterval=0")
                            .process(e -> received.add(e.getMessage().getBody(byte[].class)));
                }
            });
            downstream.start();
            Awaitility.await().atMost(WAIT).until(() -> received.size() == 1); // the latest frame at once
            for (int i = 1; i < frames.size(); i++) {
                int expected = i + 1;
                relay.publish(frames.get(i)); // one at a time: a frame replaced while waiting would be dropped
                Awaitility.await().atMost(WAIT).until(() -> received.size() == expected);
            }
        } finally {
            downstream.stop();
        }
        for (int i = 0; i < frames.size(); i++) {
            assertThat(received.get(i)).as("frame %d", i).isEqualTo(frames.get(i));
        }
    }
}
