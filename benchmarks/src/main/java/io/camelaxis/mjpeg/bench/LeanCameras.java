package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many cameras served by one thread, for benches that need more cameras than a farm of simulator threads can feed
 * on this machine: a listening port per camera, one selector, frames paced at {@code fps} and spread evenly over the
 * period, each written with one gathering write (part head, SOI and the {@link BenchStamp} segment from a small
 * buffer of the camera's, the rest of the JPEG from a shared direct buffer: nothing copied per frame). The stream is
 * what an Axis camera sends ({@code HTTP/1.0 200}, {@code myboundary}, Content-Type then Content-Length per part), to
 * any {@code GET}; the pictures are pre-rendered and keep the Axis capture time they were rendered with. A frame
 * whose time comes while the camera's previous one is still being written is not produced (a camera whose network is
 * full skips frames); a new connection to a camera replaces the one it had.
 */
final class LeanCameras implements AutoCloseable {

    /** Told of every frame written completely: which camera, its number (from 1), when stamped and when flushed. */
    interface Flushed {
        void flushed(int camera, long frame, long stampedAt, long flushedAt);
    }

    private static final int MAX_REQUEST_HEAD = 8192;
    private static final byte[] RESPONSE_HEAD = ("HTTP/1.0 200 OK\r\nCache-Control: no-cache\r\nConnection: close\r\n"
            + "Content-Type: multipart/x-mixed-replace; boundary=myboundary\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PART_TAIL = { '\r', '\n' };

    private final List<ByteBuffer> pictures = new ArrayList<>(); // read-only, direct, each a whole JPEG
    private final List<byte[]> partHeads = new ArrayList<>(); // each picture's delimiter and part headers
    private final Camera[] cameras;
    private final long periodNanos;
    private final Flushed flushed;
    private final Selector selector;
    private final Thread loop;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running = true;

    /**
     * Starts {@code count} cameras listening on 127.0.0.1 (ports from {@code portBase}, or any free ones for 0).
     *
     * @param jpegs the pictures, cycled (each camera starts at its own)
     */
    LeanCameras(int count, int fps, List<byte[]> jpegs, int portBase, Flushed flushed) throws IOException {
        if (count < 1 || fps < 1 || jpegs.isEmpty()) {
            throw new IllegalArgumentException("at least one camera, one frame a second and one picture");
        }
        for (byte[] jpeg : jpegs) {
            ByteBuffer picture = ByteBuffer.allocateDirect(jpeg.length).put(jpeg).flip();
            pictures.add(picture.asReadOnlyBuffer());
            partHeads.add(("--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: "
                           + (jpeg.length + BenchStamp.SEGMENT_LENGTH) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        this.periodNanos = 1_000_000_000L / fps;
        this.flushed = flushed;
        this.cameras = new Camera[count];
        this.selector = Selector.open();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocketChannel server = ServerSocketChannel.open();
                cameras[i] = new Camera(i, server); // closed with the others if the bind fails
                server.bind(new InetSocketAddress("127.0.0.1", portBase == 0 ? 0 : portBase + i), 64);
                server.configureBlocking(false);
                server.register(selector, SelectionKey.OP_ACCEPT, cameras[i]);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        loop = new Thread(this::run, "lean-cameras");
        loop.setDaemon(true);
        loop.start();
    }

    List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        for (Camera camera : cameras) {
            ports.add(camera.server.socket().getLocalPort());
        }
        return ports;
    }

    /** Frames written completely so far, all cameras. */
    long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (loop != null) {
            try {
                loop.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Camera camera : cameras) {
            if (camera != null) {
                camera.disconnect();
                closeQuietly(camera.server);
            }
        }
        closeQuietly(selector);
    }

    private void run() {
        long start = System.nanoTime();
        long tick = 0; // the tick-th frame of the farm is camera tick % n's, due at start + tick * period / n
        try {
            while (running) {
                long now = System.nanoTime();
                tick = afterStall(start, tick, now, periodNanos, cameras.length);
                for (long due = start + tick * periodNanos / cameras.length; due <= now;
                     due = start + tick * periodNanos / cameras.length) {
                    cameras[(int) (tick % cameras.length)].frameDue();
                    tick++;
                }
                long next = start + tick * periodNanos / cameras.length;
                // frames are produced up to a millisecond late (each stamped then): one wake-up per millisecond, not
                // one per frame
                selector.select(Math.max(1, (next - System.nanoTime()) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                System.err.println("lean cameras stopped: " + e); // the bench sees the frames stop and says so
            }
        }
    }

    /**
     * The tick to go on from when the farm's thread was held up (a collection, the machine's scheduler): frames due
     * a period ago or earlier are skipped, so each camera sends at most the one frame it missed, stamped now, as a real
     * camera that could not send drops the frames it missed instead of sending them in a burst.
     */
    static long afterStall(long start, long tick, long now, long periodNanos, int cameras) {
        long aPeriodAgo = now - start - periodNanos;
        if (aPeriodAgo < 0) {
            return tick;
        }
        return Math.max(tick, aPeriodAgo * cameras / periodNanos + 1); // the first tick due after a period ago
    }

    private void handle(SelectionKey key) {
        Camera camera = (Camera) key.attachment();
        if (!key.isValid()) {
            return;
        }
        try {
            if (key.isAcceptable()) {
                camera.accept();
                return;
            }
            if (key.isReadable()) {
                camera.read();
            }
            if (key.isValid() && key.isWritable()) {
                camera.write();
            }
        } catch (IOException e) {
            camera.disconnect(); // the viewer went away: the camera waits for the next one
        }
    }

    /** One camera: its listening socket, its viewer's connection and the frame being written to it. */
    private final class Camera {
        private final int index;
        private final ServerSocketChannel server;
        private final ByteBuffer head = ByteBuffer.allocateDirect(256); // part head, SOI, the stamp
        private final ByteBuffer request = ByteBuffer.allocate(MAX_REQUEST_HEAD);
        private final ByteBuffer[] pending = new ByteBuffer[3];
        private SocketChannel client;
        private SelectionKey clientKey;
        private boolean streaming; // the request head was read
        private boolean answered; // the response head was written: what is written now is a frame
        private boolean writing;
        private long frame;
        private long stampedAt;

        Camera(int index, ServerSocketChannel server) {
            this.index = index;
            this.server = server;
        }

        void accept() throws IOException {
            SocketChannel accepted = server.accept();
            if (accepted == null) {
                return;
            }
            disconnect(); // a new viewer replaces the old one
            accepted.configureBlocking(false);
            accepted.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            client = accepted;
            clientKey = accepted.register(selector, SelectionKey.OP_READ, this);
            request.clear();
        }

        /** The request head until its blank line, then anything the viewer sends is read and ignored. */
        void read() throws IOException {
            if (streaming) {
                request.clear();
            }
            int n = client.read(request);
            if (n < 0) {
                disconnect();
                return;
            }
            if (streaming) {
                return;
            }
            byte[] seen = request.array();
            for (int i = 3; i < request.position(); i++) {
                if (seen[i - 3] == '\r' && seen[i - 2] == '\n' && seen[i - 1] == '\r' && seen[i] == '\n') {
                    streaming = true;
                    pending[0] = ByteBuffer.wrap(RESPONSE_HEAD);
                    pending[1] = ByteBuffer.allocate(0);
                    pending[2] = ByteBuffer.allocate(0);
                    writing = true;
                    write();
                    return;
                }
            }
            if (!request.hasRemaining()) {
                disconnect(); // no request head within 8 KB
            }
        }

        /** This camera's frame time has come: a frame is stamped and written, unless the last one still is. */
        void frameDue() {
            if (!streaming || writing) {
                return;
            }
            frame++;
            int which = (int) ((index + frame) % pictures.size());
            ByteBuffer picture = pictures.get(which).duplicate();
            stampedAt = System.nanoTime();
            head.clear().put(partHeads.get(which));
            head.put(picture.get()).put(picture.get()); // SOI; the picture now goes on after it
            BenchStamp.put(head, stampedAt, index, frame);
            pending[0] = head.flip();
            pending[1] = picture;
            pending[2] = ByteBuffer.wrap(PART_TAIL);
            writing = true;
            try {
                write();
            } catch (IOException e) {
                disconnect();
            }
        }

        void write() throws IOException {
            if (!writing) {
                return; // nothing pending: a frame is counted once
            }
            client.write(pending);
            for (ByteBuffer buffer : pending) {
                if (buffer.hasRemaining()) {
                    clientKey.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
            }
            clientKey.interestOps(SelectionKey.OP_READ);
            writing = false;
            if (answered) {
                sent.incrementAndGet();
                flushed.flushed(index, frame, stampedAt, System.nanoTime());
            }
            answered = true;
        }

        void disconnect() {
            if (client != null) {
                closeQuietly(client);
                client = null;
                clientKey = null;
            }
            streaming = false;
            answered = false;
            writing = false;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing a benchmark's socket: nothing to do
        }
    }
}
