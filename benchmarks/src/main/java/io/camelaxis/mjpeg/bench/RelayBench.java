package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelaxis.mjpeg.parser.FrameHandler;
import io.camelaxis.mjpeg.parser.JpegMetadata;
import io.camelaxis.mjpeg.parser.JpegValidation;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.FrameSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One simulated camera, consumed once and relayed to N viewers on loopback, plus one deliberately slow viewer. The
 * viewers are non-blocking clients on one thread, each parsing its stream with this project's parser. Reports CPU,
 * heap, threads, the per-frame latency from the camera's last write to a viewer's last byte, frames per viewer, and
 * the relay's drop counters from /status.
 */
final class RelayBench {

    private RelayBench() {
    }

    static String header() {
        return "| viewers | frames/s per viewer (min / mean) | latency p50 | latency p99 | drops (fast viewers)"
               + " | slow viewer: received / dropped | CPU (JVM) | CPU without simulator | heap used | threads |\n"
               + "|---|---|---|---|---|---|---|---|---|---|";
    }

    static void run(int viewers, int seconds, int fps) throws Exception {
        ConcurrentHashMap<Long, Long> captureToFrame = new ConcurrentHashMap<>();
        ConcurrentHashMap<Long, Long> sentAt = new ConcurrentHashMap<>();
        FrameSource rendered = FrameSource.precomputed(25, 0.8f);
        FrameSource recording = (n, time, w, h) -> {
            captureToFrame.put(time.toEpochMilli() / 10, n); // Axis capture time has 10 ms resolution
            return rendered.frame(n, time, w, h);
        };
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(fps).resolution(640, 480)
                .source(recording).frameSentListener((port, n, nanos) -> sentAt.put(n, nanos)).build().start()) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort() + "?statisticsLogInterval=0")
                            // every viewer comes from 127.0.0.1: lift the per-client cap, and list viewer
                            // addresses in /status, where the bench finds each viewer's drops by its port
                            .to("mjpeg-relay:bench?bindAddress=127.0.0.1&maxViewers=" + (viewers + 10)
                                + "&maxConnections=" + (viewers + 100) + "&maxConnectionsPerClient=" + (viewers + 100)
                                + "&statusViewerAddresses=true&port=" + port);
                }
            });
            context.start();
            Thread.sleep(1000);
            LatencyRecorder latency = new LatencyRecorder(viewers * fps * (seconds + 5));
            ViewerCrowd crowd = new ViewerCrowd(port, viewers, latency, captureToFrame, sentAt);
            SlowViewer slow = new SlowViewer(port);
            crowd.connect();
            Thread.sleep(2000); // everybody connected and streaming
            crowd.resetCounts();
            JvmMeter meter = new JvmMeter();
            meter.start();
            Thread.sleep(seconds * 1000L);
            JvmMeter.Snapshot jvm = meter.stop();
            long[] perViewer = crowd.counts();
            String status = get(port, "/status");
            crowd.close();
            slow.close();
            context.stop();
            long min = Long.MAX_VALUE;
            long sum = 0;
            for (long c : perViewer) {
                min = Math.min(min, c);
                sum += c;
            }
            long fastDrops = 0;
            long slowDrops = 0;
            long slowSent = 0;
            Matcher m = Pattern.compile("\"remote\":\"[^\"]*?:(\\d+)\",\"framesSent\":(\\d+),\"framesDropped\":(\\d+)")
                    .matcher(status);
            while (m.find()) {
                if (Integer.parseInt(m.group(1)) == slow.localPort()) {
                    slowSent = Long.parseLong(m.group(2));
                    slowDrops = Long.parseLong(m.group(3));
                } else {
                    fastDrops += Long.parseLong(m.group(3));
                }
            }
            System.out.printf(Locale.ROOT, "| %d | %.1f / %.1f | %.2f ms | %.2f ms | %d | %d / %d | %.0f %% | %.0f %% |"
                              + " %d MB | %d |%n",
                    viewers, min / (double) seconds, sum / (double) viewers / seconds, latency.percentileMillis(50),
                    latency.percentileMillis(99), fastDrops, slowSent, slowDrops, jvm.cpuPercent(),
                    jvm.cpuPercentWithoutSimulator(), jvm.heapUsedMb(), jvm.threads());
        }
    }

    private static String get(int port, String path) throws IOException {
        try (InputStream in = URI.create("http://127.0.0.1:" + port + path).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** N viewers on one selector thread. */
    private static final class ViewerCrowd implements AutoCloseable {
        private final int port;
        private final int size;
        private final LatencyRecorder latency;
        private final ConcurrentHashMap<Long, Long> captureToFrame;
        private final ConcurrentHashMap<Long, Long> sentAt;
        private final List<AtomicLong> counts = new ArrayList<>();
        private final Selector selector;
        private volatile boolean running = true;
        private volatile boolean measuring;
        private Thread thread;

        ViewerCrowd(int port, int size, LatencyRecorder latency, ConcurrentHashMap<Long, Long> captureToFrame,
                    ConcurrentHashMap<Long, Long> sentAt) throws IOException {
            this.port = port;
            this.size = size;
            this.latency = latency;
            this.captureToFrame = captureToFrame;
            this.sentAt = sentAt;
            this.selector = Selector.open();
        }

        void connect() throws IOException {
            byte[] request = "GET /cameras/bench/stream HTTP/1.1\r\nHost: relay\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < size; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.write(ByteBuffer.wrap(request));
                channel.configureBlocking(false);
                AtomicLong count = new AtomicLong();
                counts.add(count);
                MultipartFrameParser parser = new MultipartFrameParser(null, 1 << 22, JpegValidation.markers,
                        frameHandler(count));
                channel.register(selector, SelectionKey.OP_READ, new ViewerState(parser));
            }
            thread = new Thread(this::loop, "bench-viewers");
            thread.start();
        }

        private FrameHandler frameHandler(AtomicLong count) {
            return jpeg -> {
                long now = System.nanoTime();
                count.incrementAndGet();
                if (!measuring) {
                    return;
                }
                long capture = JpegMetadata.read(jpeg).cameraTimestamp();
                Long frame = captureToFrame.get(capture / 10);
                Long sent = frame == null ? null : sentAt.get(frame);
                if (sent != null) {
                    latency.record(now - sent);
                }
            };
        }

        private void loop() {
            ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
            try {
                while (running) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        ViewerState state = (ViewerState) key.attachment();
                        buffer.clear();
                        int n = ((SocketChannel) key.channel()).read(buffer);
                        if (n < 0) {
                            key.cancel();
                            continue;
                        }
                        state.feed(buffer.array(), n);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                // closed
            }
        }

        void resetCounts() {
            counts.forEach(c -> c.set(0));
            measuring = true;
        }

        long[] counts() {
            measuring = false;
            return counts.stream().mapToLong(AtomicLong::get).toArray();
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(2000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        }
    }

    /** Skips the HTTP response head, then feeds the parser (the boundary comes from the first delimiter line). */
    private static final class ViewerState {
        private static final int END_OF_HEAD = 0x0D0A0D0A; // CR LF CR LF
        private final MultipartFrameParser parser;
        private int last4;

        ViewerState(MultipartFrameParser parser) {
            this.parser = parser;
        }

        void feed(byte[] bytes, int n) {
            int i = 0;
            while (last4 != END_OF_HEAD && i < n) {
                last4 = (last4 << 8) | (bytes[i++] & 0xFF);
            }
            if (i < n) {
                parser.feed(bytes, i, n - i);
            }
        }
    }

    /** A viewer on a slow link: reads 2 KB every 100 ms. */
    private static final class SlowViewer implements AutoCloseable {
        private final Socket socket;
        private final Thread thread;

        SlowViewer(int port) throws IOException {
            socket = new Socket();
            socket.setReceiveBufferSize(8192);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.getOutputStream().write("GET /cameras/bench/stream HTTP/1.1\r\nHost: relay\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            thread = new Thread(() -> {
                byte[] buffer = new byte[2048];
                try {
                    InputStream in = socket.getInputStream();
                    while (in.read(buffer) >= 0) {
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed
                }
            }, "bench-slow-viewer");
            thread.setDaemon(true);
            thread.start();
        }

        int localPort() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
