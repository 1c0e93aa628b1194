package io.camelaxis.mjpeg.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaxis.mjpeg.parser.DiscardReason;
import io.camelaxis.mjpeg.parser.FrameHandler;
import io.camelaxis.mjpeg.parser.JpegValidation;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;

/**
 * {@code bench viewer-farm PORT N}: N relay viewers in their own JVM, so that the relay measured in another process
 * pays none of their CPU. The viewers are non-blocking clients on two selector threads, each parsing its stream with
 * this project's parser, plus one deliberately slow viewer (a blocking socket reading 2 KB every 100 ms). Latency is
 * from the camera producing a frame ({@link BenchStamp}, one clock for all processes) to a viewer having parsed it.
 * Over stdin/stdout: prints {@code VIEWERS READY <slow viewer's local port>} once connected; {@code start} opens the
 * measured window ({@code VIEWERS STARTED}); {@code stop} (or end of input) closes it, prints
 * {@code VIEWERS RESULT min mean p50 p99 p99.9 max samples discarded} and exits.
 */
final class ViewerFarm {

    static final String PREFIX = "VIEWERS ";
    /** One per core of the 2-core bench machine: one thread parsing 1000 streams (190 MB/s) fell behind. */
    private static final int SELECTOR_THREADS = 2;
    private static final byte[] REQUEST = "GET /cameras/bench/stream HTTP/1.1\r\nHost: relay\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    private final LatencyRecorder latency;
    private final List<AtomicLong> counts = new ArrayList<>();
    private final AtomicLong discarded = new AtomicLong();
    private final List<Selector> selectors = new ArrayList<>();
    private volatile boolean running = true;

    private ViewerFarm(int viewers, int capacity) throws IOException {
        this.latency = new LatencyRecorder(capacity);
        for (int i = 0; i < SELECTOR_THREADS; i++) {
            selectors.add(Selector.open());
        }
        for (int i = 0; i < viewers; i++) {
            counts.add(new AtomicLong());
        }
    }

    static void run(int port, int viewers, int fps) throws Exception {
        ViewerFarm farm = new ViewerFarm(viewers, viewers * fps * 600); // up to 10 minutes of samples
        farm.connect(port);
        List<Thread> loops = new ArrayList<>();
        for (Selector selector : farm.selectors) {
            Thread loop = new Thread(() -> farm.loop(selector), "bench-viewers-" + loops.size());
            loop.start();
            loops.add(loop);
        }
        try (SlowViewer slow = new SlowViewer(port)) {
            System.out.println(PREFIX + "READY " + slow.localPort());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String line = commands.readLine();
            long started = System.nanoTime();
            if ("start".equals(line)) {
                farm.counts.forEach(c -> c.set(0));
                farm.latency.open();
                started = System.nanoTime();
                System.out.println(PREFIX + "STARTED " + started);
                while (line != null && !line.equals("stop")) {
                    line = commands.readLine();
                }
            }
            farm.latency.close();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.println(PREFIX + "RESULT " + farm.result(seconds));
        } finally {
            farm.running = false;
            for (Thread loop : loops) {
                loop.join(2000);
            }
            farm.closeAll();
        }
    }

    private String result(double seconds) {
        long min = Long.MAX_VALUE;
        long sum = 0;
        for (AtomicLong c : counts) {
            min = Math.min(min, c.get());
            sum += c.get();
        }
        return String.format(Locale.ROOT, "%.2f %.2f %.3f %.3f %.3f %.3f %d %d", min / seconds,
                sum / seconds / counts.size(), latency.percentileMillis(50), latency.percentileMillis(99),
                latency.percentileMillis(99.9), latency.percentileMillis(100), latency.count(), discarded.get());
    }

    private void connect(int port) throws IOException {
        int next = 0;
        for (AtomicLong count : counts) {
            Selector selector = selectors.get(next++ % selectors.size());
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.write(ByteBuffer.wrap(REQUEST));
            channel.configureBlocking(false);
            MultipartFrameParser parser = new MultipartFrameParser(null, 1 << 22, JpegValidation.markers,
                    new Counting(count));
            channel.register(selector, SelectionKey.OP_READ, new ResponseReader(parser));
        }
    }

    private void loop(Selector selector) {
        ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        try {
            while (running) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    buffer.clear();
                    int n = ((SocketChannel) key.channel()).read(buffer);
                    if (n < 0) {
                        key.cancel();
                        continue;
                    }
                    ((ResponseReader) key.attachment()).feed(buffer.array(), n);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            System.err.println("viewer farm: " + e);
        }
    }

    private void closeAll() throws IOException {
        for (Selector selector : selectors) {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        }
    }

    /** One viewer's frames: counted, and timed from their capture stamp while the window is open. */
    private final class Counting implements FrameHandler {
        private final AtomicLong count;

        Counting(AtomicLong count) {
            this.count = count;
        }

        @Override
        public void onFrame(byte[] jpeg) {
            long now = System.nanoTime();
            count.incrementAndGet();
            long captured = BenchStamp.captureNanos(jpeg);
            if (captured > 0 && latency.isOpen()) {
                latency.record(now - captured);
            }
        }

        @Override
        public void onDiscard(DiscardReason reason, long bytes) {
            discarded.incrementAndGet(); // a cut or broken frame from the relay: reported, must stay 0
        }
    }

    /** Skips the HTTP response head, then feeds the parser (the boundary comes from the first delimiter line). */
    private static final class ResponseReader {
        private static final int END_OF_HEAD = 0x0D0A0D0A; // CR LF CR LF
        private final MultipartFrameParser parser;
        private int last4;

        ResponseReader(MultipartFrameParser parser) {
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

        SlowViewer(int port) throws IOException {
            socket = new Socket();
            socket.setReceiveBufferSize(8192);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.getOutputStream().write(REQUEST);
            Thread thread = new Thread(() -> {
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
