package io.camelaxis.mjpeg.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLContext;

/**
 * A simulated Axis network camera on a real socket. Serves VAPIX {@code /axis-cgi/mjpg/video.cgi} (MJPEG, paced by
 * {@code fps}, sized by {@code resolution}, bounded by {@code nbrOfFrames} / {@code duration}) and
 * {@code /axis-cgi/jpg/image.cgi} (one JPEG), with Basic or Digest authentication, a viewer limit, optional TLS, the
 * stream layouts of other MJPEG servers ({@link StreamFormat}) and injected faults ({@link StreamFault}).
 *
 * <pre>
 * try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).build().start()) {
 *     URI uri = camera.videoUri();
 * }
 * </pre>
 */
public final class AxisCameraSimulator implements AutoCloseable {

    public static final String VIDEO_PATH = "/axis-cgi/mjpg/video.cgi";
    public static final String SNAPSHOT_PATH = "/axis-cgi/jpg/image.cgi";

    private final Builder config;
    private final CameraAuth auth;
    private volatile ServerSocket server;
    private volatile boolean running;
    private volatile int boundPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final AtomicInteger streamsStarted = new AtomicInteger();
    private final AtomicLong framesServed = new AtomicLong();
    private final AtomicInteger faultsInjected = new AtomicInteger();
    private final AtomicInteger reboots = new AtomicInteger();
    private final AtomicInteger basicCredentialsSeen = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String lastRequestTarget;

    private AxisCameraSimulator(Builder config) {
        this.config = config;
        this.auth = new CameraAuth(config.authMode, "AXIS_" + config.serial, config.username, config.password,
                config.digestAlgorithm, config.digestQop, config.nonceMaxUses);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts accepting viewers. */
    public AxisCameraSimulator start() throws IOException {
        running = true;
        listen(config.port);
        return this;
    }

    private void listen(int port) throws IOException {
        ServerSocket socket = config.sslContext != null
                ? config.sslContext.getServerSocketFactory().createServerSocket()
                : new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress), port), 1024);
        server = socket;
        boundPort = socket.getLocalPort();
        Thread acceptor = new Thread(() -> acceptLoop(socket), "axis-simulator-accept-" + boundPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ServerSocket socket) {
        while (running && !socket.isClosed()) {
            try {
                Socket client = socket.accept();
                int index = connections.incrementAndGet();
                sockets.add(client);
                Thread worker = new Thread(() -> serve(client, index), "axis-simulator-conn-" + index);
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    sleepMillis(10);
                }
            }
        }
    }

    private void serve(Socket socket, int connectionIndex) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            HttpRequest request = HttpRequest.read(in);
            if (request == null) {
                return;
            }
            requests.incrementAndGet();
            lastRequestTarget = request.target();
            String authorization = request.header("authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5)) {
                basicCredentialsSeen.incrementAndGet();
            }
            CameraAuth.Verdict verdict = auth.check(request);
            if (!verdict.allowed()) {
                StringBuilder head = new StringBuilder("HTTP/1.1 401 Unauthorized\r\n");
                for (String challenge : verdict.challenges()) {
                    head.append("WWW-Authenticate: ").append(challenge).append("\r\n");
                }
                respond(out, head, "text/html", "<HTML><HEAD><TITLE>401 Unauthorized</TITLE></HEAD>"
                        + "<BODY><H1>401 Unauthorized</H1>Your client does not have permission.</BODY></HTML>\n");
                return;
            }
            switch (request.path()) {
                case VIDEO_PATH -> stream(socket, out, request);
                case SNAPSHOT_PATH -> snapshot(out, request);
                default -> respond(out, new StringBuilder("HTTP/1.1 404 Not Found\r\n"), "text/html",
                        "<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD><BODY><H1>404 Not Found</H1>"
                                + "The requested URL " + request.path() + " was not found on this server.</BODY></HTML>\n");
            }
        } catch (IOException | RuntimeException e) {
            // the viewer went away or sent nonsense: nothing to do for a camera
        } finally {
            sockets.remove(socket);
        }
    }

    private void snapshot(OutputStream out, HttpRequest request) throws IOException {
        int[] size = resolution(request);
        if (size == null) {
            badResolution(out, request);
            return;
        }
        byte[] jpeg = config.source.frame(1, Instant.now(), size[0], size[1]);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(jpeg);
        out.flush();
    }

    private void stream(Socket socket, OutputStream out, HttpRequest request) throws IOException {
        int[] size = resolution(request);
        if (size == null) {
            badResolution(out, request);
            return;
        }
        if (activeStreams.incrementAndGet() > config.maxViewers) {
            activeStreams.decrementAndGet();
            respond(out, new StringBuilder("HTTP/1.1 503 Service Unavailable\r\n"), "text/plain",
                    "Error: the maximum number of viewers (" + config.maxViewers + ") is reached\n");
            return;
        }
        try {
            int fps = request.intParam("fps", config.fps);
            long maxFrames = request.intParam("nbrOfFrames", 0);
            long durationNanos = TimeUnit.SECONDS.toNanos(request.intParam("duration", 0));
            int streamIndex = streamsStarted.incrementAndGet(); // 401 answers and snapshots do not count
            boolean faulty = config.fault != StreamFault.NONE && streamIndex <= config.faultConnections;
            if (faulty && config.fault == StreamFault.CONTINUE_FOREVER) {
                faultsInjected.incrementAndGet();
                continueForever(out);
                return;
            }
            boolean gzip = faulty && config.fault == StreamFault.GZIP_ENCODING;
            if (gzip) {
                faultsInjected.incrementAndGet();
            }
            String le = config.format.lineEnding();
            String extraHeaders = (config.chunked ? "Transfer-Encoding: chunked" + le : "")
                                  + (gzip ? "Content-Encoding: gzip" + le : "");
            MultipartWriter.head(out, le, config.chunked ? "HTTP/1.1 200 OK" : "HTTP/1.0 200 OK",
                    config.contentType != null ? config.contentType : config.format.contentType(), extraHeaders);
            ChunkedOutputStream chunked = config.chunked ? new ChunkedOutputStream(out) : null;
            OutputStream body = chunked != null ? chunked : out;
            java.util.zip.GZIPOutputStream zipped = gzip ? new java.util.zip.GZIPOutputStream(body, true) : null;
            MultipartWriter writer = new MultipartWriter(zipped != null ? zipped : body, config.format);
            writer.preamble();
            long start = System.nanoTime();
            long interval = fps > 0 ? TimeUnit.SECONDS.toNanos(1) / fps : 0;
            for (long n = 1; running && !socket.isClosed(); n++) {
                if (maxFrames > 0 && n > maxFrames || durationNanos > 0 && System.nanoTime() - start > durationNanos) {
                    writer.end();
                    if (zipped != null) {
                        zipped.finish();
                    }
                    if (chunked != null) {
                        chunked.finish();
                    }
                    return;
                }
                if (interval > 0) {
                    long due = start + (n - 1) * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                if (writer.wantsTextPart(n)) {
                    writer.textPart("status ok, frame " + n);
                }
                byte[] jpeg = config.source.frame(n, Instant.now(), size[0], size[1]);
                if (faulty && n == config.faultAtFrame && !config.fault.isResponseWide()) {
                    faultsInjected.incrementAndGet();
                    if (!injectFault(socket, writer, jpeg)) {
                        return;
                    }
                } else {
                    writer.part(jpeg, jpeg.length);
                    if (config.frameSentListener != null) {
                        config.frameSentListener.frameSent(boundPort, n, System.nanoTime());
                    }
                }
                framesServed.incrementAndGet();
            }
        } finally {
            activeStreams.decrementAndGet();
        }
    }

    /** Writes the configured fault in place of a frame; false when the connection must end. */
    private boolean injectFault(Socket socket, MultipartWriter writer, byte[] jpeg) throws IOException {
        switch (config.fault) {
            case CUT_MID_FRAME -> {
                writer.partCut(jpeg, jpeg.length / 2);
                socket.setSoLinger(true, 0); // a hard cut, as a dead network or a power loss looks
                return false;
            }
            case STALL -> {
                sleepMillis(config.stallMillis);
                return false;
            }
            case LYING_CONTENT_LENGTH -> writer.part(jpeg, jpeg.length / 2);
            case HUGE_CONTENT_LENGTH -> writer.part(jpeg, 2_000_000_000L);
            case TRUNCATED_JPEG -> {
                byte[] half = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
                writer.part(half, half.length);
            }
            case CORRUPT_JPEG -> {
                byte[] broken = jpeg.clone();
                broken[broken.length - 2] = 0;
                broken[broken.length - 1] = 0;
                writer.part(broken, broken.length);
            }
            case GARBAGE_BETWEEN_PARTS -> {
                writer.part(jpeg, jpeg.length);
                writer.raw(garbage(4096, true));
            }
            case GARBAGE_HEADERS -> writer.partWithHeaderGarbage(garbage(64 * 1024, false));
            case BOUNDARY_NEVER_COMES -> {
                writer.endlessPart(config.neverEndingBytes);
                return false;
            }
            case REBOOT -> {
                reboot();
                return false;
            }
            case NESTED_LYING_LENGTHS -> writer.raw(HostileStreams.nestedLyingLengths(config.format.boundary(),
                    config.format.lineEnding(), NESTED_LEVELS, jpeg));
            case GARBAGE_FOREVER -> {
                while (!socket.isClosed()) {
                    writer.raw(garbage(4096, true));
                    sleepMillis(frameIntervalMillis());
                }
                return false;
            }
            case TRICKLE -> {
                try {
                    writer.tricklePart(jpeg, config.trickleMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            case ENDLESS_HEADER_LINE -> {
                try {
                    writer.endlessHeaderLine(4096, frameIntervalMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            default -> writer.part(jpeg, jpeg.length);
        }
        return true;
    }

    /** Levels of {@link StreamFault#NESTED_LYING_LENGTHS}: about 700 KB, past what recursion or copies survive. */
    public static final int NESTED_LEVELS = 10_000;
    private long frameIntervalMillis() {
        return config.fps > 0 ? Math.max(1, 1000 / config.fps) : 100;
    }

    /** {@code 100 Continue} every 100 ms, never a final answer, until the viewer goes away. */
    private void continueForever(OutputStream out) throws IOException {
        while (running) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            sleepMillis(100);
        }
    }

    private static byte[] garbage(int size, boolean withNewlines) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < size; i++) {
            bytes[i] = withNewlines ? (byte) random.nextInt(256) : (byte) ('a' + random.nextInt(26));
        }
        return bytes;
    }

    /** Drops every connection and refuses new ones for {@code rebootMillis}, then comes back on the same port. */
    private void reboot() {
        reboots.incrementAndGet();
        int port = boundPort;
        closeQuietly(server);
        sockets.forEach(AxisCameraSimulator::closeQuietly);
        Thread restart = new Thread(() -> {
            sleepMillis(config.rebootMillis);
            try {
                if (running) {
                    listen(port);
                }
            } catch (IOException e) {
                running = false;
            }
        }, "axis-simulator-reboot");
        restart.setDaemon(true);
        restart.start();
    }

    private int[] resolution(HttpRequest request) {
        String value = request.query().get("resolution");
        if (value == null || value.isEmpty()) {
            return new int[] { config.width, config.height };
        }
        int x = value.toLowerCase(java.util.Locale.ROOT).indexOf('x');
        try {
            int w = Integer.parseInt(value.substring(0, x));
            int h = Integer.parseInt(value.substring(x + 1));
            return w >= 16 && h >= 16 && w <= 7680 && h <= 4320 ? new int[] { w, h } : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void badResolution(OutputStream out, HttpRequest request) throws IOException {
        respond(out, new StringBuilder("HTTP/1.1 400 Bad Request\r\n"), "text/plain",
                "Error: resolution '" + request.query().get("resolution") + "' is not supported by this camera\n");
    }

    private static void respond(OutputStream out, StringBuilder head, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        head.append("Content-Type: ").append(type).append("\r\nContent-Length: ").append(bytes.length)
                .append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** The port the camera listens on. */
    public int port() {
        return boundPort;
    }

    /** {@code host:port} of the camera, as the component's URI takes it. */
    public String hostAndPort() {
        return config.bindAddress + ":" + boundPort;
    }

    /** The full video.cgi URI. */
    public URI videoUri() {
        return URI.create((config.sslContext != null ? "https" : "http") + "://" + hostAndPort() + VIDEO_PATH);
    }

    public int connections() {
        return connections.get();
    }

    /** Video streams started (authenticated requests for video.cgi that got a 200). */
    public int streamsStarted() {
        return streamsStarted.get();
    }

    public int activeStreams() {
        return activeStreams.get();
    }

    public long framesServed() {
        return framesServed.get();
    }

    public int faultsInjected() {
        return faultsInjected.get();
    }

    public int reboots() {
        return reboots.get();
    }

    /** The path and query of the last request received. */
    public String lastRequestTarget() {
        return lastRequestTarget;
    }

    /** How many requests carried Basic credentials (a password readable on the wire without TLS). */
    /** HTTP requests read, of any kind (401 answers included). */
    public int requests() {
        return requests.get();
    }

    public int basicCredentialsSeen() {
        return basicCredentialsSeen.get();
    }

    public int authFailures() {
        return auth.failures();
    }

    public int staleNonceChallenges() {
        return auth.staleChallenges();
    }

    @Override
    public void close() {
        running = false;
        closeQuietly(server);
        sockets.forEach(AxisCameraSimulator::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            // closing anyway
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Receives, per camera port, the number of each frame written and when ({@link System#nanoTime()}). */
    @FunctionalInterface
    public interface FrameSentListener {
        void frameSent(int cameraPort, long frameNumber, long nanoTime);
    }

    /** Settings of a simulated camera. Defaults: 640x480 at 10 fps, no auth, Axis stream layout, no faults. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private String serial = "ACCC8E000001";
        private int width = 640;
        private int height = 480;
        private int fps = 10;
        private int maxViewers = 20;
        private FrameSource source = FrameSource.rendered("camel-axis-mjpeg simulator", 0.8f);
        private StreamFormat format = StreamFormat.axis();
        private CameraAuth.Mode authMode = CameraAuth.Mode.NONE;
        private String username = "root";
        private String password = "pass";
        private String digestAlgorithm = "MD5";
        private boolean digestQop = true;
        private int nonceMaxUses = Integer.MAX_VALUE;
        private StreamFault fault = StreamFault.NONE;
        private long faultAtFrame = 3;
        private int faultConnections = 1;
        private long stallMillis = 30_000;
        private long rebootMillis = 1_000;
        private long neverEndingBytes = 64L * 1024 * 1024;
        private long trickleMillis = 1_000;
        private String contentType;
        private boolean chunked;
        private SSLContext sslContext;
        private FrameSentListener frameSentListener;

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The serial number; the auth realm is {@code AXIS_<serial>}. */
        public Builder serial(String serial) {
            this.serial = serial;
            return this;
        }

        /** The resolution used when a request has no {@code resolution} parameter. */
        public Builder resolution(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /** The frame rate used when a request has no {@code fps} parameter; 0 sends as fast as possible. */
        public Builder fps(int fps) {
            this.fps = fps;
            return this;
        }

        /** How many video streams may be open at once (Axis {@code MaxViewers}); more get 503. */
        public Builder maxViewers(int maxViewers) {
            this.maxViewers = maxViewers;
            return this;
        }

        public Builder source(FrameSource source) {
            this.source = source;
            return this;
        }

        /** Replays the JPEGs of a recorded video.cgi body in a loop. */
        public Builder replay(Path capture) throws IOException {
            return source(FrameSource.replay(CaptureFile.readFrames(capture)));
        }

        public Builder replay(List<byte[]> frames) {
            return source(FrameSource.replay(frames));
        }

        public Builder format(StreamFormat format) {
            this.format = format;
            return this;
        }

        public Builder basicAuth(String username, String password) {
            return auth(CameraAuth.Mode.BASIC, username, password);
        }

        /** Digest auth; {@code algorithm} is {@code MD5} or {@code SHA-256}; {@code qop} false for RFC 2069 form. */
        public Builder digestAuth(String username, String password, String algorithm, boolean qop) {
            this.digestAlgorithm = algorithm;
            this.digestQop = qop;
            return auth(CameraAuth.Mode.DIGEST, username, password);
        }

        /** Offers Digest (MD5, qop=auth) and Basic, as Axis cameras configured for both do. */
        public Builder digestAndBasicAuth(String username, String password) {
            return auth(CameraAuth.Mode.DIGEST_AND_BASIC, username, password);
        }

        /** Answers 401 with only {@code WWW-Authenticate: Negotiate}, a scheme a camera client cannot answer. */
        public Builder negotiateOnlyAuth() {
            return auth(CameraAuth.Mode.NEGOTIATE_ONLY, "root", "pass");
        }

        private Builder auth(CameraAuth.Mode mode, String username, String password) {
            this.authMode = mode;
            this.username = username;
            this.password = password;
            return this;
        }

        /** A Digest nonce is accepted this many times; after that the camera answers {@code stale=true}. */
        public Builder nonceMaxUses(int uses) {
            this.nonceMaxUses = uses;
            return this;
        }

        /** Injects {@code fault} at frame {@code atFrame} of the first video stream. */
        public Builder fault(StreamFault fault, long atFrame) {
            this.fault = fault;
            this.faultAtFrame = atFrame;
            return this;
        }

        /** How many video streams (the first ones) get the fault; default 1. */
        public Builder faultConnections(int count) {
            this.faultConnections = count;
            return this;
        }

        public Builder stallMillis(long millis) {
            this.stallMillis = millis;
            return this;
        }

        public Builder rebootMillis(long millis) {
            this.rebootMillis = millis;
            return this;
        }

        /** How many bytes {@link StreamFault#BOUNDARY_NEVER_COMES} sends before closing. */
        public Builder neverEndingBytes(long bytes) {
            this.neverEndingBytes = bytes;
            return this;
        }

        /** How often {@link StreamFault#TRICKLE} sends its next byte; default once a second. */
        public Builder trickleMillis(long millis) {
            this.trickleMillis = millis;
            return this;
        }

        /**
         * Answers the stream with this Content-Type instead of the format's, for servers that declare no boundary:
         * {@code application/octet-stream}, or {@code multipart/x-mixed-replace} without a boundary parameter.
         */
        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /** Sends the stream as HTTP/1.1 with chunked transfer coding (one chunk per flush). */
        public Builder chunked() {
            this.chunked = true;
            return this;
        }

        /**
         * A hostile Digest camera: every answer with the right password says {@code stale=true} and hands out a fresh
         * nonce, so a client that re-authenticates on stale without a limit loops forever.
         */
        public Builder staleNonceForever() {
            this.nonceMaxUses = 0;
            return this;
        }

        /** Serves HTTPS with this context (for example {@link SelfSignedCertificate#serverContext()}). */
        public Builder tls(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /** Told when each frame's last byte has been written and flushed (for latency measurements). */
        public Builder frameSentListener(FrameSentListener listener) {
            this.frameSentListener = listener;
            return this;
        }

        public AxisCameraSimulator build() {
            return new AxisCameraSimulator(this);
        }
    }
}
