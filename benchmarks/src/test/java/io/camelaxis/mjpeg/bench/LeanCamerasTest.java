package io.camelaxis.mjpeg.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import io.camelaxis.mjpeg.simulator.FrameSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeanCamerasTest {

    private static final List<byte[]> PICTURES = pictures(64, 48);

    @Test
    void everyCameraStreamsStampedJpegsInOrderToTheComponent() throws Exception {
        Map<Integer, List<byte[]>> received = new ConcurrentHashMap<>();
        List<long[]> flushes = new CopyOnWriteArrayList<>();
        try (LeanCameras cameras = new LeanCameras(3, 25, PICTURES, 0,
                (camera, frame, stampedAt, flushedAt) -> flushes.add(new long[] { camera, frame, stampedAt,
                        flushedAt }))) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int port : cameras.ports()) {
                        from("axis-mjpeg:127.0.0.1:" + port + "?transport=async&statisticsLogInterval=0")
                                .process(e -> received.computeIfAbsent(port, p -> new CopyOnWriteArrayList<>())
                                        .add(e.getIn().getBody(byte[].class)));
                    }
                }
            });
            context.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < deadline && (received.size() < 3
                                                        || received.values().stream().anyMatch(f -> f.size() < 10))) {
                    Thread.sleep(50);
                }
            } finally {
                context.stop();
            }
            assertThat(received).hasSize(3);
            for (int i = 0; i < 3; i++) {
                List<byte[]> frames = received.get(cameras.ports().get(i));
                assertThat(frames).hasSizeGreaterThanOrEqualTo(10);
                long previous = 0;
                for (byte[] jpeg : frames) {
                    assertThat(BenchStamp.camera(jpeg)).isEqualTo(i);
                    assertThat(BenchStamp.frame(jpeg)).isEqualTo(previous + 1); // none skipped, none twice
                    previous = BenchStamp.frame(jpeg);
                }
                BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(frames.get(0)));
                assertThat(decoded.getWidth()).isEqualTo(64);
                assertThat(decoded.getHeight()).isEqualTo(48);
            }
            long received3 = received.values().stream().mapToLong(List::size).sum();
            assertThat(cameras.sent()).isGreaterThanOrEqualTo(received3);
            assertThat(flushes).allSatisfy(f -> assertThat(f[3]).isGreaterThanOrEqualTo(f[2]));
        }
    }

    /**
     * After its thread was held up for a period or longer, the farm skips the frames due a period ago or earlier:
     * each camera sends at most the one frame it missed, not a burst of all of them.
     */
    @Test
    void aStallOfAPeriodOrMoreSkipsTheMissedFramesInsteadOfSendingABurst() {
        long period = 100_000_000L; // 10 fps
        int cameras = 10;
        long start = 0;
        // late by less than a period: nothing skipped; by a period, camera 0's frame due then is (its next is due)
        assertThat(LeanCameras.afterStall(start, 0, 50_000_000L, period, cameras)).isZero();
        assertThat(LeanCameras.afterStall(start, 0, period, period, cameras)).isOne();
        assertThat(LeanCameras.afterStall(start, 40, 410_000_000L, period, cameras)).isEqualTo(40); // on time
        for (long stall : new long[] { period, period + 1, 350_000_000L, 10_000_000_000L }) {
            long tick = LeanCameras.afterStall(start, 0, stall, period, cameras);
            long dueNow = 0;
            for (long t = tick; start + t * period / cameras <= stall; t++) {
                dueNow++;
            }
            assertThat(dueNow).as("frames sent at once after a stall of %d ns", stall).isBetween(1L, (long) cameras);
        }
    }

    @Test
    void aViewerThatStopsReadingStopsTheWritesAndTheCameraSkipsItsFrames() throws Exception {
        List<byte[]> large = pictures(1280, 720); // tens of KB each: the sockets' buffers fill within a second
        try (LeanCameras cameras = new LeanCameras(1, 100, large, 0, (camera, frame, at, flushedAt) -> { });
             Socket viewer = new Socket()) {
            viewer.setReceiveBufferSize(4096);
            viewer.connect(new InetSocketAddress("127.0.0.1", cameras.ports().get(0)));
            viewer.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = viewer.getInputStream();
            assertThat(new String(in.readNBytes(15), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.0 200 OK");
            long start = System.nanoTime();
            long sent = -1;
            for (long previous = -2; sent != previous; Thread.sleep(500)) { // until nothing more is written
                previous = sent;
                sent = cameras.sent();
                assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
            }
            long due = (System.nanoTime() - start) / 10_000_000;
            assertThat(sent).isPositive().isLessThan(due / 2); // what the buffers took, not what came due
        }
    }

    private static List<byte[]> pictures(int width, int height) {
        FrameSource source = FrameSource.precomputed(3, 0.8f);
        List<byte[]> pictures = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            pictures.add(source.frame(n, Instant.parse("2026-12-04T08:00:00Z"), width, height));
        }
        return pictures;
    }
}
