package io.camelaxis.mjpeg;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import io.camelaxis.mjpeg.parser.JpegValidation;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;

/** Every option of an axis-mjpeg endpoint, in one place. */
@UriParams
public class AxisMjpegConfiguration implements Cloneable {

    public static final String DEFAULT_PATH = "/axis-cgi/mjpg/video.cgi";

    @UriPath
    @Metadata(required = true)
    private String host;
    @UriPath
    private int port;

    // ---- VAPIX stream parameters
    @UriParam(label = "vapix")
    private String resolution;
    @UriParam(label = "vapix")
    private Integer fps;
    @UriParam(label = "vapix")
    private Integer compression;
    @UriParam(label = "vapix")
    private String camera;
    @UriParam(label = "vapix")
    private Boolean clock;
    @UriParam(label = "vapix")
    private Boolean date;
    @UriParam(label = "vapix")
    private Boolean text;
    @UriParam(label = "vapix")
    private String textString;
    @UriParam(label = "vapix", enums = "0,90,180,270")
    private Integer rotation;
    @UriParam(label = "vapix")
    private Boolean squarePixel;
    @UriParam(label = "vapix")
    private Integer duration;
    @UriParam(label = "vapix")
    private Integer nbrOfFrames;
    @UriParam(label = "vapix")
    private String streamProfile;
    @UriParam(label = "vapix", prefix = "vapix.", multiValue = true)
    private Map<String, Object> vapixParameters;
    @UriParam(label = "vapix", defaultValue = DEFAULT_PATH)
    private String path = DEFAULT_PATH;
    @UriParam
    private String cameraId;

    // ---- security
    @UriParam(label = "security", secret = true)
    @Metadata(security = "secret")
    private String username;
    @UriParam(label = "security", secret = true)
    @Metadata(security = "secret")
    private String password;
    @UriParam(label = "security", defaultValue = "auto")
    private AuthMethod authMethod = AuthMethod.auto;
    @UriParam(label = "security")
    private boolean allowBasicOverHttp;
    @UriParam(label = "security")
    private boolean https;
    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "security")
    private boolean trustAllCertificates;

    // ---- connection and reconnection
    @UriParam(label = "consumer,advanced", defaultValue = "5000", javaType = "java.time.Duration")
    private long connectTimeout = 5000;
    @UriParam(label = "consumer,advanced", defaultValue = "0", javaType = "java.time.Duration")
    private long stallTimeout;
    @UriParam(label = "consumer,advanced", defaultValue = "0", javaType = "java.time.Duration")
    private long noFrameTimeout;
    @UriParam(label = "consumer,advanced", defaultValue = "500", javaType = "java.time.Duration")
    private long reconnectDelay = 500;
    @UriParam(label = "consumer,advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long maxReconnectDelay = 30_000;
    @UriParam(label = "consumer,advanced", defaultValue = "-1")
    private int maxReconnectAttempts = -1;
    @UriParam(label = "consumer,advanced", defaultValue = "60000", javaType = "java.time.Duration")
    private long authFailureDelay = 60_000;

    @UriParam(label = "consumer", defaultValue = "blocking")
    private Transport transport = Transport.blocking;
    @UriParam(label = "consumer,advanced", defaultValue = "false")
    private boolean routeOnIoThread;
    @UriParam(label = "consumer,advanced", defaultValue = "false")
    private boolean asyncConsumer;

    // ---- frames
    @UriParam(label = "consumer", defaultValue = "" + MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE)
    private int maxFrameSize = MultipartFrameParser.DEFAULT_MAX_FRAME_SIZE;
    @UriParam(label = "consumer", defaultValue = "markers")
    private JpegValidation jpegValidation = JpegValidation.markers;
    @UriParam(label = "consumer", defaultValue = "block")
    private Backpressure backpressure = Backpressure.block;
    @UriParam(label = "consumer", defaultValue = "10")
    private int queueSize = 10;
    @UriParam(label = "consumer,advanced", defaultValue = "" + DEFAULT_MAX_QUEUED_BYTES)
    private int maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
    /** 32 MB: 10 frames of a 4K camera and more; a camera sending 16 MB frames into a slow route held 160 MB before. */
    static final int DEFAULT_MAX_QUEUED_BYTES = 32 * 1024 * 1024;
    @UriParam(label = "consumer,advanced", defaultValue = "0")
    private int readBufferSize;
    private static final int MAX_READ_BUFFER_SIZE = 16 * 1024 * 1024;
    /** 16 times the default: far above any JPEG a camera sends, far below what one allocation may safely take. */
    private static final int MAX_FRAME_SIZE_LIMIT = 256 * 1024 * 1024;
    /** One connection per thread: 64 KB reads of a fast stream cost no more CPU per GB than larger ones. */
    static final int BLOCKING_READ_BUFFER_SIZE = 64 * 1024;
    /**
     * HttpCore allocates three buffers of this size per connection and one JVM holds thousands: at 1000 VGA cameras,
     * 155 KB of heap per camera instead of 250 KB with 64 KB, and shorter young pauses (docs/performance.md).
     */
    static final int ASYNC_READ_BUFFER_SIZE = 32 * 1024;
    @UriParam(label = "consumer", defaultValue = "30000", javaType = "java.time.Duration")
    private long statisticsLogInterval = 30_000;

    public String getHost() {
        return host;
    }

    /** Host name or IP address of the camera (or of any MJPEG server). */
    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    /** TCP port of the camera; defaults to 80, or 443 with https=true. */
    public void setPort(int port) {
        this.port = port;
    }

    /** The port actually used: the configured one, or the scheme's default. */
    public int effectivePort() {
        return port > 0 ? port : https ? 443 : 80;
    }

    public String getResolution() {
        return resolution;
    }

    /** VAPIX resolution, for example 640x480 or 1920x1080. */
    public void setResolution(String resolution) {
        this.resolution = resolution;
    }

    public Integer getFps() {
        return fps;
    }

    /** VAPIX fps: frames per second the camera should send (camera default when unset). */
    public void setFps(Integer fps) {
        this.fps = fps;
    }

    public Integer getCompression() {
        return compression;
    }

    /** VAPIX compression, 0 (best quality) to 100 (smallest frames). */
    public void setCompression(Integer compression) {
        this.compression = compression;
    }

    public String getCamera() {
        return camera;
    }

    /** VAPIX camera: the video source on multi-channel devices, for example 1 or quad. */
    public void setCamera(String camera) {
        this.camera = camera;
    }

    public Boolean getClock() {
        return clock;
    }

    /** VAPIX clock: overlay the camera's clock on the image (true) or not (false); unset: the camera default. */
    public void setClock(Boolean clock) {
        this.clock = clock;
    }

    public Boolean getDate() {
        return date;
    }

    /** VAPIX date: overlay the camera's date on the image (true) or not (false); unset: the camera default. */
    public void setDate(Boolean date) {
        this.date = date;
    }

    public Boolean getText() {
        return text;
    }

    /** VAPIX text: show the text overlay (true) or not (false); unset: the camera default. */
    public void setText(Boolean text) {
        this.text = text;
    }

    public String getTextString() {
        return textString;
    }

    /** VAPIX textstring: the overlay text. */
    public void setTextString(String textString) {
        this.textString = textString;
    }

    public Integer getRotation() {
        return rotation;
    }

    /** VAPIX rotation of the image in degrees: 0, 90, 180 or 270. */
    public void setRotation(Integer rotation) {
        this.rotation = rotation;
    }

    public Boolean getSquarePixel() {
        return squarePixel;
    }

    /**
     * VAPIX squarepixel: correct the aspect ratio of non-square pixel sources (true) or not (false); unset: the camera
     * default.
     */
    public void setSquarePixel(Boolean squarePixel) {
        this.squarePixel = squarePixel;
    }

    public Integer getDuration() {
        return duration;
    }

    /**
     * VAPIX duration: the camera ends the stream after this many seconds. A finite stream is not reconnected
     * once it has ended normally.
     */
    public void setDuration(Integer duration) {
        this.duration = duration;
    }

    public Integer getNbrOfFrames() {
        return nbrOfFrames;
    }

    /**
     * VAPIX nbrofframes: the camera ends the stream after this many frames. A finite stream is not reconnected
     * once it has ended normally.
     */
    public void setNbrOfFrames(Integer nbrOfFrames) {
        this.nbrOfFrames = nbrOfFrames;
    }

    public String getStreamProfile() {
        return streamProfile;
    }

    /** VAPIX streamprofile: a stream profile defined on the camera. */
    public void setStreamProfile(String streamProfile) {
        this.streamProfile = streamProfile;
    }

    public Map<String, Object> getVapixParameters() {
        return vapixParameters;
    }

    /**
     * Any other VAPIX parameter, passed to the camera as it is: vapix.color=0&vapix.textpos=bottom.
     */
    public void setVapixParameters(Map<String, Object> vapixParameters) {
        this.vapixParameters = vapixParameters;
    }

    public String getPath() {
        return path;
    }

    /** The HTTP path of the MJPEG stream; change it for non-Axis MJPEG sources. */
    public void setPath(String path) {
        this.path = path;
    }

    public String getCameraId() {
        return cameraId;
    }

    /**
     * A stable name for the camera, put in the CamelAxisMjpegCameraId header (a natural Kafka key or S3
     * prefix); defaults to host:port.
     */
    public void setCameraId(String cameraId) {
        this.cameraId = cameraId;
    }

    /** The camera id in use: the configured one, or host:port. */
    public String effectiveCameraId() {
        return cameraId != null && !cameraId.isBlank() ? cameraId : host + ":" + effectivePort();
    }

    public String getUsername() {
        return username;
    }

    /** User name for the camera's Basic or Digest authentication, without ':' or control characters. */
    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    /** Password for the camera's authentication. Never logged. */
    public void setPassword(String password) {
        this.password = password;
    }

    public AuthMethod getAuthMethod() {
        return authMethod;
    }

    /**
     * Which authentication to answer the camera with: auto (Digest, or Basic only where it is safe),
     * basic or digest.
     */
    public void setAuthMethod(AuthMethod authMethod) {
        this.authMethod = authMethod;
    }

    public boolean isAllowBasicOverHttp() {
        return allowBasicOverHttp;
    }

    /**
     * With authMethod=auto, also answer a Basic challenge over plain HTTP, which sends the password in clear.
     * Off by default.
     */
    public void setAllowBasicOverHttp(boolean allowBasicOverHttp) {
        this.allowBasicOverHttp = allowBasicOverHttp;
    }

    public boolean isHttps() {
        return https;
    }

    /** Connect with HTTPS (default port 443). */
    public void setHttps(boolean https) {
        this.https = https;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /** Camel TLS settings (trust store with the camera's certificate, protocols, ciphers) for HTTPS. */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public boolean isTrustAllCertificates() {
        return trustAllCertificates;
    }

    /**
     * Accept any certificate and host name over HTTPS, as needed for a camera's factory self-signed certificate. This
     * disables protection against impersonation: use only on a trusted network. Off by default.
     */
    public void setTrustAllCertificates(boolean trustAllCertificates) {
        this.trustAllCertificates = trustAllCertificates;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for the TCP (and TLS) connection to the camera, in milliseconds. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getStallTimeout() {
        return stallTimeout;
    }

    /**
     * Reconnect when no byte has arrived for this long, in milliseconds. 0 (default) derives it from fps: ten
     * frame intervals, at least 3 seconds (10 seconds when fps is unset).
     */
    public void setStallTimeout(long stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    /** The stall timeout in force, derived from fps when not set. */
    public long effectiveStallTimeout() {
        if (stallTimeout > 0) {
            return stallTimeout;
        }
        if (fps != null && fps > 0) {
            return Math.max(3000, 10_000L / fps);
        }
        return 10_000;
    }

    public long getNoFrameTimeout() {
        return noFrameTimeout;
    }

    /**
     * Reconnect when the camera sends bytes but no frame for this long, in milliseconds: garbage, a trickle, an
     * endless part header, a layout the parser cannot read. The reconnect is counted and the last error says why;
     * while it lasts the health check is DOWN and the progress log shows 0 fps. 0 (default) derives it: twice the
     * stall timeout in force (6 seconds at fps=10, 20 seconds when fps is unset).
     */
    public void setNoFrameTimeout(long noFrameTimeout) {
        this.noFrameTimeout = noFrameTimeout;
    }

    /** The no-frame timeout in force, derived from the stall timeout when not set. */
    public long effectiveNoFrameTimeout() {
        return noFrameTimeout > 0 ? noFrameTimeout : 2 * effectiveStallTimeout();
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    /** First delay before reconnecting after a failure, in milliseconds; doubles (with jitter) on each failure. */
    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getMaxReconnectDelay() {
        return maxReconnectDelay;
    }

    /** Upper bound of the reconnect delay, in milliseconds. */
    public void setMaxReconnectDelay(long maxReconnectDelay) {
        this.maxReconnectDelay = maxReconnectDelay;
    }

    public int getMaxReconnectAttempts() {
        return maxReconnectAttempts;
    }

    /**
     * How many failed connection attempts in a row are tolerated before the consumer gives up (health check DOWN);
     * -1 (default) retries forever.
     */
    public void setMaxReconnectAttempts(int maxReconnectAttempts) {
        this.maxReconnectAttempts = maxReconnectAttempts;
    }

    public long getAuthFailureDelay() {
        return authFailureDelay;
    }

    /**
     * Delay before trying again after the camera rejected the credentials, in milliseconds (never shorter than the
     * reconnect backoff). Long by default, because cameras lock out clients that retry wrong passwords quickly.
     */
    public void setAuthFailureDelay(long authFailureDelay) {
        this.authFailureDelay = authFailureDelay;
    }

    public Transport getTransport() {
        return transport;
    }

    /**
     * blocking (default): one thread per camera, classic HttpClient 5. async: HttpClient 5 async I/O, all cameras of
     * the component share a few I/O threads and a worker pool (see the component options asyncIoThreads and
     * asyncWorkerThreads): for hundreds or thousands of cameras in one JVM.
     */
    public void setTransport(Transport transport) {
        this.transport = transport;
    }

    public boolean isRouteOnIoThread() {
        return routeOnIoThread;
    }

    /**
     * With transport=async and backpressure=block only: run the route on the I/O thread that read the frame instead of
     * handing the frame to a worker (asyncWorkerThreads). The hand-off wakes a worker for every read that completes a
     * frame; without it a fast stream takes about a third of the CPU per GB and is read about twice as fast, close to
     * the blocking transport (docs/performance.md). The route runs asynchronously there: a step that ends later (a
     * Kafka send's acknowledgement) gives the thread back at once, with at most queueSize exchanges in flight per
     * camera (reading pauses beyond). A step that blocks its thread (a file write, a synchronous HTTP call) keeps
     * every camera of that I/O thread waiting: a hold of a second or more is logged as a warning and counted
     * (LongIoThreadHolds), holds over half of a few seconds are logged as a warning, and the waiting cameras are not
     * taken for stalled. Default false.
     */
    public void setRouteOnIoThread(boolean routeOnIoThread) {
        this.routeOnIoThread = routeOnIoThread;
    }

    public boolean isAsyncConsumer() {
        return asyncConsumer;
    }

    /**
     * With transport=async only: a worker (asyncWorkerThreads) starts a frame's exchange and goes on with the camera's
     * next frame while a step of the route that ends later (a Kafka send waiting for its acknowledgement) is in flight,
     * as camel-jms's asyncConsumer. Without it each worker carries one exchange to its end, so a route that waits 15
     * ms for an acknowledgement lets 8 workers carry about 530 frames/s in all. Exchanges are started in the camera's
     * order; the steps after an asynchronous one run on the thread that ended it (the Kafka producer's), so they may
     * run while the next frame's first steps do. At most queueSize exchanges per camera are queued or in flight, and
     * at most maxQueuedBytes of their frames (backpressure decides beyond, as for the queue). A route that never ends
     * asynchronously runs as without it. Implied by routeOnIoThread. Default false.
     */
    public void setAsyncConsumer(boolean asyncConsumer) {
        this.asyncConsumer = asyncConsumer;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    /**
     * Largest JPEG accepted, in bytes (1024 to 268435456, 256 MB); larger parts are dropped (counted) and memory stays
     * bounded.
     */
    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public JpegValidation getJpegValidation() {
        return jpegValidation;
    }

    /**
     * How a frame is checked before it is emitted: none, markers (SOI and EOI) or structure
     * (every marker segment, SOF and SOS). Failed frames are dropped and counted as corrupt.
     */
    public void setJpegValidation(JpegValidation jpegValidation) {
        this.jpegValidation = jpegValidation;
    }

    public Backpressure getBackpressure() {
        return backpressure;
    }

    /**
     * What to do when the route is slower than the camera: block (default: every frame, reading slows down),
     * dropOldest (bounded queue, oldest dropped) or latestOnly (only the newest frame is kept).
     */
    public void setBackpressure(Backpressure backpressure) {
        this.backpressure = backpressure;
    }

    public int getQueueSize() {
        return queueSize;
    }

    /**
     * Capacity of the frame queue between the camera and the route: with backpressure=dropOldest (either
     * transport) and with backpressure=block on transport=async (reading pauses while it is full); with
     * routeOnIoThread, the most exchanges in flight per camera; with asyncConsumer, frames queued and exchanges in
     * flight together. Not used by latestOnly (one slot) nor by block on the blocking transport (frames are delivered
     * on the reading thread).
     */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public int getMaxQueuedBytes() {
        return maxQueuedBytes;
    }

    /**
     * The most bytes of JPEG one camera's waiting frames may hold (the frames counted by queueSize: queued for the
     * route, or in flight with routeOnIoThread or asyncConsumer), from 1024 to 2147483647. One frame may always wait,
     * however large. When the bound is reached, backpressure decides as when the queue is full by number: block pauses
     * reading, dropOldest drops the oldest frames (counted) until the new one fits. Without it, a camera sending frames of maxFrameSize
     * into a slow route would make the consumer hold queueSize x maxFrameSize (160 MB with the defaults). Default
     * 33554432 (32 MB).
     */
    public void setMaxQueuedBytes(int maxQueuedBytes) {
        this.maxQueuedBytes = maxQueuedBytes;
    }

    public int getReadBufferSize() {
        return readBufferSize;
    }

    /**
     * Size of the read buffer per connection, in bytes, from 512 to 16777216: the most read from the socket at once
     * (with transport=async, the size of the chunks HttpCore hands over; HttpCore allocates three buffers of this
     * size per connection). Larger values mean fewer reads of a fast stream and more memory per camera; a camera
     * sending at its frame rate delivers about one frame per read whatever the size. 0 (default) picks by
     * transport: 65536 for blocking, 32768 for async (many cameras per JVM: less heap per camera and shorter
     * young collections, for more CPU per GB on a single fast stream).
     */
    public void setReadBufferSize(int readBufferSize) {
        this.readBufferSize = readBufferSize;
    }

    /** The read buffer size in force: the one set, or the transport's. */
    public int effectiveReadBufferSize() {
        if (readBufferSize > 0) {
            return readBufferSize;
        }
        return transport == Transport.async ? ASYNC_READ_BUFFER_SIZE : BLOCKING_READ_BUFFER_SIZE;
    }

    public long getStatisticsLogInterval() {
        return statisticsLogInterval;
    }

    /** How often the consumer logs its progress (frames, fps, bytes, drops) at INFO, in milliseconds; 0 disables. */
    public void setStatisticsLogInterval(long statisticsLogInterval) {
        this.statisticsLogInterval = statisticsLogInterval;
    }

    /** Rejects settings that cannot work, with a message naming the option. */
    public void validate() {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("axis-mjpeg: the camera host is required, as in axis-mjpeg:192.168.0.90");
        }
        if (!host.matches("[^\\s/?#@]+")) {
            // a URL or a path pasted as the host would only fail later, on every reconnect, as an unknown host
            throw new IllegalArgumentException("axis-mjpeg: the camera host must be a name or an address, without"
                    + " scheme, path, blanks or user, as in axis-mjpeg:192.168.0.90:8080?path=/mjpg/video.mjpg; was '"
                    + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("axis-mjpeg: port must be 1..65535, was " + port);
        }
        if (resolution != null && !resolution.matches("\\d{1,5}x\\d{1,5}")) {
            throw new IllegalArgumentException("axis-mjpeg: resolution must look like 640x480, was '" + resolution + "'");
        }
        if (fps != null && fps < 0) {
            throw new IllegalArgumentException("axis-mjpeg: fps must be 0 or more, was " + fps);
        }
        if (compression != null && (compression < 0 || compression > 100)) {
            throw new IllegalArgumentException("axis-mjpeg: compression must be 0..100, was " + compression);
        }
        if (rotation != null && (rotation < 0 || rotation > 270 || rotation % 90 != 0)) {
            throw new IllegalArgumentException("axis-mjpeg: rotation must be 0, 90, 180 or 270, was " + rotation);
        }
        if (maxFrameSize < 1024) {
            throw new IllegalArgumentException("axis-mjpeg: maxFrameSize must be at least 1024 bytes, was " + maxFrameSize);
        }
        if (maxFrameSize > MAX_FRAME_SIZE_LIMIT) {
            // a part's array grows up to maxFrameSize as its bytes arrive: with 2 GB allowed, one camera could make
            // the consumer hold a 2 GB array (and a doubling on the way) for one part
            throw new IllegalArgumentException("axis-mjpeg: maxFrameSize must be at most " + MAX_FRAME_SIZE_LIMIT
                    + " bytes (256 MB), was " + maxFrameSize);
        }
        if (routeOnIoThread && transport != Transport.async) {
            throw new IllegalArgumentException("axis-mjpeg: routeOnIoThread applies to transport=async only (the blocking"
                    + " transport runs the route on the camera's reading thread already)");
        }
        if (asyncConsumer && transport != Transport.async) {
            throw new IllegalArgumentException("axis-mjpeg: asyncConsumer applies to transport=async only (the blocking"
                    + " transport gives every camera a thread of its own, so a route's wait holds no other camera)");
        }
        if (routeOnIoThread && backpressure != Backpressure.block) {
            throw new IllegalArgumentException("axis-mjpeg: routeOnIoThread needs backpressure=block (a frame waits for"
                    + " the route on the I/O thread: there is no queue to drop from), was backpressure=" + backpressure);
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("axis-mjpeg: queueSize must be at least 1, was " + queueSize);
        }
        if (maxQueuedBytes < 1024) {
            throw new IllegalArgumentException("axis-mjpeg: maxQueuedBytes must be at least 1024 bytes, was " + maxQueuedBytes);
        }
        if (noFrameTimeout < 0) {
            throw new IllegalArgumentException("axis-mjpeg: noFrameTimeout must be 0 (derived) or more, was " + noFrameTimeout);
        }
        if (readBufferSize != 0 && (readBufferSize < 512 || readBufferSize > MAX_READ_BUFFER_SIZE)) {
            // allocated per connection (three times by HttpCore with transport=async): a mistyped size must not be
            // an OOM
            throw new IllegalArgumentException("axis-mjpeg: readBufferSize must be 0 (by transport) or between 512"
                                               + " and " + MAX_READ_BUFFER_SIZE + ", was " + readBufferSize);
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("axis-mjpeg: path must start with '/', was '" + path + "'");
        }
        try {
            new URI(path);
        } catch (URISyntaxException e) {
            // the request could not be built (blocking) or would go out malformed (async): say so now, not per attempt
            throw new IllegalArgumentException("axis-mjpeg: path is not a valid URI path (percent-encode blanks and"
                    + " other special characters, as in /my%20stream): " + CameraResponses.printable(e.getMessage()));
        }
        for (Map.Entry<String, Long> option : Map.of("connectTimeout", connectTimeout,
                "stallTimeout", stallTimeout, "reconnectDelay", reconnectDelay, "maxReconnectDelay", maxReconnectDelay,
                "authFailureDelay", authFailureDelay, "statisticsLogInterval", statisticsLogInterval, "noFrameTimeout",
                noFrameTimeout).entrySet()) {
            // at most 24 days: sums and doubles of these (connectTimeout + stallTimeout, the derived noFrameTimeout,
            // a wait's deadline) stay far from overflowing; stallTimeout=Long.MAX_VALUE made every stream "frameless"
            if (option.getValue() < 0 || option.getValue() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("axis-mjpeg: " + option.getKey() + " must be 0 to " + Integer.MAX_VALUE
                        + " milliseconds (24 days), was " + option.getValue());
            }
        }
        if (duration != null && duration < 0 || nbrOfFrames != null && nbrOfFrames < 0) {
            throw new IllegalArgumentException("axis-mjpeg: duration and nbrOfFrames must be 0 (endless) or more, were "
                    + duration + " and " + nbrOfFrames);
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("axis-mjpeg: a password was given without a username");
        }
        if (username != null && username.chars().anyMatch(c -> c == ':' || Character.isISOControl(c))) {
            // Basic sends user:password, so a ':' moves the rest into the password; Digest quotes the name in a
            // header, where HttpCore turns CR and LF into blanks: either way every attempt fails as a wrong password
            throw new IllegalArgumentException("axis-mjpeg: username must not contain ':' or control characters"
                    + " (CR, LF, tab): the camera would refuse every attempt as a wrong password");
        }
    }

    /**
     * A shallow copy: the {@code vapix.*} map and the SSL parameters are shared with the original. Used (not dead):
     * {@link AxisMjpegComponent} starts each endpoint from a copy of its shared configuration
     * ({@code camel.component.axis-mjpeg.*}, copying the map itself), so URI options never leak into other endpoints.
     */
    public AxisMjpegConfiguration copy() {
        try {
            return (AxisMjpegConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
