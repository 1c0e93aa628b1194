package io.camelaxis.mjpeg;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaxis.mjpeg.parser.DiscardReason;
import io.camelaxis.mjpeg.parser.FrameHandler;
import io.camelaxis.mjpeg.parser.JpegMetadata;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import io.camelaxis.mjpeg.parser.StreamReader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.DefaultConsumer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one camera's MJPEG stream on a managed thread and emits one exchange per JPEG frame. Reconnects with
 * exponential backoff and jitter, detects stalls, waits long after authentication failures, and counts every frame it
 * receives, drops or finds corrupt.
 */
@ManagedResource(description = "Axis MJPEG consumer")
public class AxisMjpegConsumer extends DefaultConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(AxisMjpegConsumer.class);

    /** Where the consumer is in its life, as the health check and JMX report it. */
    public enum State {
        STARTING,
        CONNECTING,
        STREAMING,
        WAITING_TO_RECONNECT,
        SUSPENDED,
        FINISHED,
        GAVE_UP,
        STOPPED
    }

    private final AxisMjpegConfiguration cfg;
    private final String cameraId;
    private final ConsumerStatistics stats = new ConsumerStatistics();
    private final AtomicLong frameNumbers = new AtomicLong();
    private final Object wakeUp = new Object();

    private volatile boolean running;
    private volatile boolean suspended;
    private volatile State state = State.STARTING;
    private volatile int failuresInRow;
    private volatile CameraConnection connection;

    private CloseableHttpClient client;
    private HttpClientContext httpContext;
    private ExecutorService readerThread;
    private ExecutorService dispatchThread;
    private FrameDispatcher dispatcher;
    private long lastProgressLogAt;
    private long framesAtLastProgressLog;

    public AxisMjpegConsumer(AxisMjpegEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.cfg = endpoint.getConfiguration();
        this.cameraId = cfg.effectiveCameraId();
    }

    @Override
    public AxisMjpegEndpoint getEndpoint() {
        return (AxisMjpegEndpoint) super.getEndpoint();
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = CameraHttpClientFactory.create(cfg, getEndpoint().getCamelContext());
        httpContext = HttpClientContext.create();
        ExecutorServiceManager threads = getEndpoint().getCamelContext().getExecutorServiceManager();
        if (cfg.getBackpressure() != Backpressure.block) {
            dispatchThread = threads.newSingleThreadExecutor(this, "AxisMjpegDispatcher[" + cameraId + "]");
        }
        dispatcher = FrameDispatcher.create(cfg.getBackpressure(), cfg.getQueueSize(), this::deliver,
                stats::dropped, dispatchThread);
        dispatcher.start();
        if (getEndpoint().getComponent().isHealthCheckConsumerEnabled()) {
            // Camel's "consumers" health repository asks every HealthCheckAware consumer for its check
            setHealthCheck(new AxisMjpegConsumerHealthCheck(this, getRouteId()));
        }
        running = true;
        suspended = false;
        lastProgressLogAt = System.currentTimeMillis();
        readerThread = threads.newSingleThreadExecutor(this, "AxisMjpegConsumer[" + cameraId + "]");
        readerThread.submit(this::readLoop);
        LOG.info("Consuming MJPEG from {}{} ({})", cfg.isHttps() ? "https://" : "http://",
                cfg.getHost() + ":" + cfg.effectivePort(), VapixVideoRequest.target(cfg));
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        wake();
        abortConnection();
        ExecutorServiceManager threads = getEndpoint().getCamelContext().getExecutorServiceManager();
        if (readerThread != null) {
            threads.shutdownNow(readerThread);
            readerThread.awaitTermination(5, TimeUnit.SECONDS);
            readerThread = null;
        }
        if (dispatcher != null) {
            dispatcher.stop();
        }
        if (dispatchThread != null) {
            threads.shutdownNow(dispatchThread);
            dispatchThread.awaitTermination(5, TimeUnit.SECONDS);
            dispatchThread = null;
        }
        if (client != null) {
            client.close(CloseMode.IMMEDIATE);
            client = null;
        }
        state = State.STOPPED;
        LOG.info("Stopped consuming {}: {}", cameraId, progressSummary());
        super.doStop();
    }

    @Override
    protected void doSuspend() throws Exception {
        suspended = true;
        state = State.SUSPENDED;
        wake();
        abortConnection(); // a suspended consumer holds no camera viewer slot
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        suspended = false;
        wake();
        super.doResume();
    }

    // ------------------------------------------------------------------ the reading loop

    private void readLoop() {
        ReconnectBackoff backoff = new ReconnectBackoff(cfg.getReconnectDelay(), cfg.getMaxReconnectDelay());
        while (running) {
            if (suspended) {
                awaitResume();
                continue;
            }
            long framesBefore = stats.framesReceived();
            CameraException failure = streamOnce();
            if (!running) {
                break;
            }
            if (suspended) {
                continue;
            }
            if (stats.framesReceived() > framesBefore) {
                failuresInRow = 0; // that connection worked: the budget starts over
            }
            if (failure == null && isFiniteStream()) {
                state = State.FINISHED;
                LOG.info("Camera {} ended the requested finite stream: {}", cameraId, progressSummary());
                break;
            }
            if (failure == null) {
                failure = new CameraException(CameraException.Kind.NETWORK, 0,
                        "camera " + cameraId + " closed the stream", null);
            }
            failuresInRow++;
            report(failure);
            int max = cfg.getMaxReconnectAttempts();
            if (max >= 0 && failuresInRow > max) {
                state = State.GAVE_UP;
                LOG.error("Giving up on camera {} after {} failed attempts in a row (maxReconnectAttempts={}): {}",
                        cameraId, failuresInRow, max, failure.getMessage());
                break;
            }
            long delay = failure.getKind() == CameraException.Kind.AUTHENTICATION
                    ? cfg.getAuthFailureDelay()
                    : backoff.delay(failuresInRow);
            state = State.WAITING_TO_RECONNECT;
            LOG.info("Reconnecting to camera {} in {} ms (failure {} in a row)", cameraId, delay, failuresInRow);
            pause(delay);
            if (running && !suspended) {
                stats.reconnecting();
            }
        }
    }

    /** One connection, from request to end of stream. Returns null when the stream ended normally. */
    private CameraException streamOnce() {
        state = State.CONNECTING;
        long connectionNumber = stats.connectionStarted();
        MultipartFrameParser parser = null;
        try (CameraConnection c = CameraConnection.open(client, httpContext, cfg)) {
            connection = c;
            if (!running || suspended) {
                return null;
            }
            state = State.STREAMING;
            LOG.debug("Connection {} to camera {} open, boundary {}", connectionNumber, cameraId, c.boundary());
            parser = new MultipartFrameParser(c.boundary(), cfg.getMaxFrameSize(), cfg.getJpegValidation(),
                    new ParserOutput(connectionNumber));
            pump(c.body(), parser);
            return null;
        } catch (CameraException e) {
            return e;
        } catch (SocketTimeoutException e) {
            return new CameraException(CameraException.Kind.NETWORK, 0, "camera " + cameraId + " stalled: no data for "
                    + cfg.effectiveStallTimeout() + " ms (stallTimeout)", e);
        } catch (IOException | RuntimeException e) {
            return new CameraException(CameraException.Kind.NETWORK, 0,
                    "stream from camera " + cameraId + " broke: " + e, e);
        } finally {
            if (parser != null) {
                parser.endOfStream(); // a frame cut short is counted, never emitted
            }
            connection = null;
        }
    }

    private void pump(InputStream in, MultipartFrameParser parser) throws IOException {
        StreamReader reader = new StreamReader(in, parser, cfg.getReadBufferSize());
        int n;
        while (running && !suspended && (n = reader.readOnce()) >= 0) {
            stats.bytes(n);
        }
    }

    /** Receives the parser's output for one connection. */
    private final class ParserOutput implements FrameHandler {
        private final long connectionNumber;

        ParserOutput(long connectionNumber) {
            this.connectionNumber = connectionNumber;
        }

        @Override
        public void onFrame(byte[] jpeg) {
            long now = System.currentTimeMillis();
            stats.frameReceived(now);
            dispatcher.dispatch(new Frame(jpeg, frameNumbers.incrementAndGet(), now, connectionNumber));
            logProgressIfDue(now);
        }

        @Override
        public void onDiscard(DiscardReason reason, long bytes) {
            stats.discarded(reason);
            if (reason.isCorrupt()) {
                LOG.debug("Camera {}: dropped a {} part of {} bytes", cameraId, reason, bytes);
            }
        }
    }

    // ------------------------------------------------------------------ delivery to the route

    private void deliver(Frame frame) {
        Exchange exchange = createExchange(true);
        try {
            Message message = exchange.getIn();
            message.setBody(frame.jpeg());
            JpegMetadata metadata = JpegMetadata.read(frame.jpeg());
            message.setHeader(AxisMjpegConstants.FRAME_NUMBER, frame.number());
            message.setHeader(AxisMjpegConstants.RECEIVED_TIMESTAMP, frame.receivedAt());
            if (metadata.hasCameraTimestamp()) {
                message.setHeader(AxisMjpegConstants.CAMERA_TIMESTAMP, metadata.cameraTimestamp());
            }
            if (metadata.width() > 0) {
                message.setHeader(AxisMjpegConstants.WIDTH, metadata.width());
                message.setHeader(AxisMjpegConstants.HEIGHT, metadata.height());
            }
            message.setHeader(AxisMjpegConstants.SIZE, frame.jpeg().length);
            message.setHeader(AxisMjpegConstants.HOST, cfg.getHost());
            message.setHeader(AxisMjpegConstants.CAMERA_ID, cameraId);
            message.setHeader(AxisMjpegConstants.CONNECTION_NUMBER, frame.connectionNumber());
            message.setHeader(AxisMjpegConstants.CONTENT_TYPE, "image/jpeg");
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            stats.exchangeFailed();
            getExceptionHandler().handleException("Error processing frame " + frame.number() + " of camera "
                                                  + cameraId, exchange, exchange.getException());
        } else {
            stats.frameDelivered();
        }
        releaseExchange(exchange, false);
    }

    // ------------------------------------------------------------------ errors, progress, waiting

    private void report(CameraException failure) {
        stats.error(failure.getMessage());
        if (getEndpoint().isBridgeErrorHandler() || getEndpoint().getExceptionHandler() != null) {
            getExceptionHandler().handleException(failure.getMessage(), failure);
        } else {
            LOG.warn("{}", failure.getMessage());
            LOG.debug("Cause of the failure", failure);
        }
    }

    private void logProgressIfDue(long now) {
        long interval = cfg.getStatisticsLogInterval();
        if (interval <= 0 || now - lastProgressLogAt < interval) {
            return;
        }
        long frames = stats.framesReceived();
        double fps = (frames - framesAtLastProgressLog) * 1000.0 / (now - lastProgressLogAt);
        lastProgressLogAt = now;
        framesAtLastProgressLog = frames;
        LOG.info("Camera {}: {} fps, {}", cameraId, String.format("%.1f", fps), progressSummary());
    }

    private String progressSummary() {
        return String.format("%d frames, %.1f MB, %d corrupt, %d skipped parts, %d dropped, %d reconnects",
                stats.framesReceived(), stats.bytesReceived() / 1e6, stats.corruptFrames(), stats.skippedParts(),
                stats.droppedFrames(), stats.reconnects());
    }

    private boolean isFiniteStream() {
        return cfg.getNbrOfFrames() != null && cfg.getNbrOfFrames() > 0
                || cfg.getDuration() != null && cfg.getDuration() > 0;
    }

    /** Waits up to {@code millis}, returning early when the consumer stops or is suspended. */
    private void pause(long millis) {
        long until = System.currentTimeMillis() + millis;
        synchronized (wakeUp) {
            long left;
            while (running && !suspended && (left = until - System.currentTimeMillis()) > 0) {
                try {
                    wakeUp.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Waits while the consumer is suspended. */
    private void awaitResume() {
        synchronized (wakeUp) {
            while (running && suspended) {
                try {
                    wakeUp.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void abortConnection() {
        CameraConnection c = connection;
        if (c != null) {
            c.abort();
        }
    }

    // ------------------------------------------------------------------ JMX and health

    public State getState() {
        return state;
    }

    String getCameraId() {
        return cameraId;
    }

    int getFailuresInRow() {
        return failuresInRow;
    }

    @ManagedAttribute(description = "Camera id (cameraId option or host:port)")
    public String getCamera() {
        return cameraId;
    }

    @ManagedAttribute(description = "Consumer state")
    public String getConsumerState() {
        return state.name();
    }

    @ManagedAttribute(description = "JPEG frames received from the camera")
    public long getFramesReceived() {
        return stats.framesReceived();
    }

    @ManagedAttribute(description = "Frames the route processed without an exception")
    public long getFramesDelivered() {
        return stats.framesDelivered();
    }

    @ManagedAttribute(description = "Bytes received from the camera")
    public long getBytesReceived() {
        return stats.bytesReceived();
    }

    @ManagedAttribute(description = "Frames dropped as corrupt, truncated or oversize")
    public long getCorruptFrames() {
        return stats.corruptFrames();
    }

    @ManagedAttribute(description = "Non-JPEG parts skipped")
    public long getSkippedParts() {
        return stats.skippedParts();
    }

    @ManagedAttribute(description = "Frames dropped by backpressure because the route was too slow")
    public long getDroppedFrames() {
        return stats.droppedFrames();
    }

    @ManagedAttribute(description = "Frames whose exchange failed in the route")
    public long getFailedExchanges() {
        return stats.failedExchanges();
    }

    @ManagedAttribute(description = "Reconnects to the camera")
    public long getReconnects() {
        return stats.reconnects();
    }

    @ManagedAttribute(description = "HTTP connections opened to the camera")
    public long getConnections() {
        return stats.connections();
    }

    @ManagedAttribute(description = "Last connection error, or null")
    public String getLastError() {
        return stats.lastError();
    }

    @ManagedAttribute(description = "When the last frame arrived (epoch ms), 0 before the first")
    public long getLastFrameTimestamp() {
        return stats.lastFrameAt();
    }
}
