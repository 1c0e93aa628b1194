package io.camelaxis.mjpeg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import javax.imageio.ImageIO;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera sending large frames into a slow route: with queueSize=100 the frames waiting for the route would be
 * bounded only by 100 x maxFrameSize; maxQueuedBytes bounds them by bytes, on a real stream over loopback. With block
 * the reading pauses once about 1 MB waits (the camera is slowed by TCP) and every frame still arrives, in order;
 * with dropOldest the oldest frames are dropped (counted) so that the newest fit.
 */
class QueuedBytesTest {

    private static final int SENT = 40;
    private static final int FRAME_SIZE = 300 * 1024;
    private static final long MAX_QUEUED = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A decodable JPEG of exactly {@code size} bytes: comment segments inserted after SOI. */
    static byte[] paddedJpeg(long n, int size) {
        byte[] jpeg = TestData.jpeg(64, 48, n);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write(jpeg, 0, 2); // SOI
        int missing = size - jpeg.length;
        while (missing > 0) {
            int segment = Math.min(65535, missing); // marker (2) + length (2) + data
            if (missing - segment > 0 && missing - segment < 4) {
                segment -= 4; // leave room for one last whole segment
            }
            int data = segment - 4;
            out.write(0xFF);
            out.write(0xFE);
            out.write((data + 2) >> 8);
            out.write((data + 2) & 0xFF);
            out.writeBytes(new byte[data]);
            missing -= segment;
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A route step that ends no exchange until released, without holding a thread: on the workers the consumer waits
     * for the first one; with routeOnIoThread every exchange stays in flight.
     */
    private static final class HeldUntilReleased extends AsyncProcessorSupport {
        private final List<AsyncCallback> held = new ArrayList<>();
        private boolean released;

        @Override
        public synchronized boolean process(Exchange exchange, AsyncCallback callback) {
            if (released) {
                callback.done(true);
                return true;
            }
            held.add(callback);
            return false;
        }

        void release() {
            List<AsyncCallback> ending;
            synchronized (this) {
                released = true;
                ending = new ArrayList<>(held);
                held.clear();
            }
            ending.forEach(callback -> callback.done(false));
        }
    }

    private record Outcome(List<Long> numbers, long receivedWhileHeld, AxisMjpegConsumer consumer) {
    }

    /** The route holds its exchanges until the camera has written everything (or the reading stopped), then lets go. */
    private static Outcome run(String options) throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        HeldUntilReleased slowStep = new HeldUntilReleased();
        try (RawCamera camera = new RawCamera((out, connection) -> {
            out.write(ascii("HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=myboundary\r\n\r\n"));
            for (long n = 1; n <= SENT; n++) {
                byte[] jpeg = paddedJpeg(n, FRAME_SIZE);
                out.write(ascii("--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                                + "\r\n\r\n"));
                out.write(jpeg);
                out.write(ascii("\r\n"));
                out.flush();
            }
            written.countDown(); // and the camera closes the stream: the end of the nbrOfFrames frames
        })) {
            FrameCollector collector = new FrameCollector();
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?nbrOfFrames=" + SENT + "&queueSize=100"
                         + "&maxQueuedBytes=" + MAX_QUEUED + options).routeId("slow")
                            .process(collector)
                            .process(slowStep);
                }
            });
            context.start();
            try {
                AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoute("slow").getConsumer();
                // either the camera wrote all (dropOldest) or its writes stopped: received stays put for a while
                written.await(3, TimeUnit.SECONDS);
                Thread.sleep(500);
                long receivedWhileHeld = consumer.getFramesReceived();
                slowStep.release();
                Awaitility.await().atMost(WAIT).until(() -> consumer.getState() == AxisMjpegConsumer.State.FINISHED);
                Awaitility.await().atMost(WAIT).until(() -> consumer.getFramesDelivered()
                        + consumer.getDroppedFrames() == consumer.getFramesReceived());
                List<Long> numbers = collector.frames().stream().map(FrameCollector.Received::number).toList();
                assertThat(ImageIO.read(new java.io.ByteArrayInputStream(collector.frames().get(0).body())))
                        .as("a padded frame is still the camera's picture").isNotNull();
                return new Outcome(numbers, receivedWhileHeld, consumer);
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void blockPausesTheReadingAtTheBoundInBytesAndLosesNothing() throws Exception {
        Outcome o = run("&transport=async&backpressure=block");
        // 1 frame in the route, 4 queued (1.2 MB: full), the rest of the reads under way and HttpCore's window;
        // by number alone (queueSize=100) all 40 would have been read
        assertThat(o.receivedWhileHeld()).isBetween(5L, 10L);
        assertThat(o.numbers()).containsExactlyElementsOf(LongStream.rangeClosed(1, SENT).boxed().toList());
        assertThat(o.consumer().getDroppedFrames()).isZero();
        assertThat(o.consumer().getFramesReceived()).isEqualTo(SENT);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dropOldestKeepsOnlyWhatFitsInTheBoundAndCountsTheRest(Transport transport) throws Exception {
        Outcome o = run("&transport=" + transport + "&backpressure=dropOldest");
        assertThat(o.receivedWhileHeld()).isEqualTo(SENT);
        // one frame was in the route (the first the worker took: 1, or a little later when frames came faster than
        // it started); of those queued behind it, only the newest 3 fit in 1 MB (a 4th would not)
        assertThat(o.numbers()).hasSize(4).endsWith(38L, 39L, 40L);
        assertThat(o.numbers().get(0)).isLessThan(38L);
        assertThat(o.consumer().getDroppedFrames()).isEqualTo(36);
    }

    @Test
    void routeOnIoThreadBoundsTheExchangesInFlightByTheirBytes() throws Exception {
        // every exchange stays in flight without holding the I/O thread: by number (100) all 40 would be read
        Outcome o = run("&transport=async&backpressure=block&routeOnIoThread=true");
        assertThat(o.receivedWhileHeld()).isBetween(4L, 10L);
        assertThat(o.numbers()).containsExactlyElementsOf(LongStream.rangeClosed(1, SENT).boxed().toList());
        assertThat(o.consumer().getDroppedFrames()).isZero();
    }
}
