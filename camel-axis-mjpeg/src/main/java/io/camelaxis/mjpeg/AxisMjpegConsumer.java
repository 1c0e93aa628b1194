package io.camelaxis.mjpeg;

import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaxis.mjpeg.parser.DiscardReason;
import io.camelaxis.mjpeg.parser.FrameHandler;
import io.camelaxis.mjpeg.parser.MultipartFrameParser;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.Suspendable;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits one exchange per JPEG frame of a camera's MJPEG stream. This class keeps the consumer's lifecycle (start,
 * stop, suspend, resume), the decisions on a connection's end ({@link ReconnectPolicy}) and the watchdog's tick. The
 * rest is delegated: the {@link CameraPipeline} (transport and frame dispatcher) owns the connection and the way
 * frames wait, {@link StallWatchdog} finds hanging connections, {@link FrameHeaders} maps a frame to the message,
 * {@link ConsumerStatistics} counts (the JMX attributes below read it), {@link ConsumerProgressLog} prints the
 * progress line, {@link DeliveryTracker} knows which deliveries run.
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
    private final FrameHeaders headers;
    private final DeliveryTracker deliveries;
    private final ConsumerProgressLog progressLog;
    private final StallWatchdog stallWatchdog;

    private volatile State state = State.STARTING;
    private ReconnectPolicy policy;
    private volatile CameraPipeline pipeline;
    private ScheduledFuture<?> watchdogTask;
    /** The route's hold (see {@link #getRouteHeldMillis}) last said as a warning; 0 when none is under way. */
    private long routeHoldWarned; // watchdog ticks only

    public AxisMjpegConsumer(AxisMjpegEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.cfg = endpoint.getConfiguration();
        this.cameraId = cfg.effectiveCameraId();
        this.headers = new FrameHeaders(cfg.getHost(), cameraId);
        this.deliveries = new DeliveryTracker(cameraId);
        this.progressLog = new ConsumerProgressLog(cameraId, cfg.getStatisticsLogInterval(), stats,
                this::getReadingPausedMillis);
        this.stallWatchdog = new StallWatchdog(cfg, cameraId, stats, deliveries);
    }

    @Override
    public AxisMjpegEndpoint getEndpoint() {
        return (AxisMjpegEndpoint) super.getEndpoint();
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (getEndpoint().getComponent().isHealthCheckConsumerEnabled()) {
            // Camel's "consumers" health repository asks every HealthCheckAware consumer for its check
            setHealthCheck(new AxisMjpegConsumerHealthCheck(this, getRouteId()));
        }
        policy = new ReconnectPolicy(cfg);
        // the shared scheduler of the component: the watchdog costs no thread per camera on either transport
        AsyncResources shared = getEndpoint().getComponent().asyncResources();
        pipeline = CameraPipeline.create(this, cfg, cameraId, new ConnectionStateTracker(), shared, this::deliver,
                this::deliverAsync, stats::dropped, this::deliveryBroke);
        progressLog.start(System.currentTimeMillis()); // after the pipeline: a restart's paused total starts afresh
        pipeline.start();
        long tick = Math.max(50, Math.min(1000, cfg.effectiveNoFrameTimeout() / 4));
        watchdogTask = shared.scheduler().scheduleWithFixedDelay(this::watch, tick, tick, TimeUnit.MILLISECONDS);
        LOG.info("Consuming MJPEG from {}{} ({}, {} transport)", cfg.isHttps() ? "https://" : "http://",
                cfg.getHost() + ":" + cfg.effectivePort(), VapixVideoRequest.target(cfg), cfg.getTransport());
    }

    /** Capacity of the frame queue in use (0: frames go to the route on the reading thread). */
    int queueCapacity() {
        return pipeline == null ? 0 : pipeline.dispatcher().capacity();
    }

    @Override
    protected void doStop() throws Exception {
        if (watchdogTask != null) {
            watchdogTask.cancel(false);
            watchdogTask = null;
        }
        if (pipeline != null) {
            pipeline.stopReading();
            deliveries.awaitIdle(); // before the dispatch thread ends: that would interrupt the route under a frame
            pipeline.stopDispatchThread();
        }
        state = State.STOPPED;
        LOG.info("Stopped consuming {}: {}", cameraId, progressLog.summary());
        super.doStop();
    }

    @Override
    protected void doSuspend() throws Exception {
        if (!hasEnded()) {
            state = State.SUSPENDED;
            pipeline.transport().suspend(); // a suspended consumer holds no camera viewer slot
        }
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        if (!hasEnded()) {
            if (backoffLeft() > 0) {
                state = State.WAITING_TO_RECONNECT; // not SUSPENDED, which the health check reads as UP
            }
            pipeline.transport().resume();
        }
        super.doResume();
    }

    private long backoffLeft() {
        return policy.millisUntilNextAttempt(System.currentTimeMillis());
    }

    /**
     * Gave up or finished its finite stream: a suspend and resume leave it so, as its state says (the blocking reader
     * has ended, so a resumed SUSPENDED stayed UP while nothing read; the async transport asked the camera again, a
     * finite stream twice). Only a restart of the route, a new consumer, asks the camera again.
     */
    private boolean hasEnded() {
        return state == State.GAVE_UP || state == State.FINISHED;
    }

    // ------------------------------------------------------------------ what the transport reports

    /** Keeps the state the health check and the watchdog read, and decides what follows a connection's end. */
    private final class ConnectionStateTracker implements ConnectionEvents {
        /** At most one warning a minute about routes holding the I/O thread: a slow route would hold it every frame. */
        private static final long HOLD_WARNING_INTERVAL_MILLIS = 60_000;
        /** Written on the I/O thread of the connection at the time: after a reconnect, maybe another one. */
        private volatile long lastHoldWarningAt = -HOLD_WARNING_INTERVAL_MILLIS;
        /** When the current connection began streaming (System.nanoTime): how long a finite stream lasted. */
        private volatile long streamingSince = System.nanoTime();

        @Override
        public long connecting() {
            long number = stats.connectionStarted();
            stallWatchdog.connecting(number);
            state = State.CONNECTING;
            return number;
        }

        @Override
        public void streaming() {
            streamingSince = System.nanoTime();
            stallWatchdog.streaming();
            state = State.STREAMING;
        }

        @Override
        public FrameHandler frames(long connectionNumber) {
            return new ParserOutput(connectionNumber);
        }

        @Override
        public void bytes(int n) {
            stats.bytes(n);
        }

        @Override
        public ReconnectPolicy.Decision ended(CameraException failure, long frames) {
            stallWatchdog.ended();
            if (failure == null && !policy.isFiniteStream()) {
                failure = new CameraException(CameraException.Kind.NETWORK, 0,
                        "camera " + cameraId + " closed the stream", null);
            }
            ReconnectPolicy.Decision decision = policy.next(failure, frames > 0);
            switch (decision.action()) {
                case FINISHED -> {
                    state = State.FINISHED;
                    warnIfCutShort(frames);
                    LOG.info("Camera {} ended the requested finite stream: {}", cameraId, progressLog.summary());
                }
                case GIVE_UP -> {
                    report(failure);
                    state = State.GAVE_UP;
                    LOG.error("Giving up on camera {} after {} failed attempts in a row (maxReconnectAttempts={}): {}",
                            cameraId, policy.failuresInRow(), cfg.getMaxReconnectAttempts(), failure.getMessage());
                }
                default -> {
                    state = State.WAITING_TO_RECONNECT;
                    report(failure);
                    LOG.info("Reconnecting to camera {} in {} ms (failure {} in a row)", cameraId,
                            decision.delayMillis(), policy.failuresInRow());
                }
            }
            progressLog.logIfDue(System.currentTimeMillis());
            return decision;
        }

        /**
         * A clean end before the nbrOfFrames or the duration asked for (a camera closing early, or answering with an
         * empty stream) is not retried, as documented, but it is said: the missing frames are not silently taken for
         * the whole. With both asked, the stream ends at whichever comes first, so it is short when neither was reached.
         */
        private void warnIfCutShort(long delivered) {
            Integer frames = cfg.getNbrOfFrames();
            Integer seconds = cfg.getDuration();
            boolean framesAsked = frames != null && frames > 0;
            boolean secondsAsked = seconds != null && seconds > 0;
            long streamedMillis = (System.nanoTime() - streamingSince) / 1_000_000;
            boolean framesShort = framesAsked && delivered < frames;
            // the camera's own clock and its last frame: a little early is on time
            boolean secondsShort = secondsAsked
                                   && streamedMillis < seconds * 1000L - Math.max(1000L, seconds * 50L);
            if ((framesAsked && !framesShort) || (secondsAsked && !secondsShort)) {
                return;
            }
            String message = "camera " + cameraId + " ended the finite stream after "
                             + (framesAsked ? delivered + " of the " + frames + " frames asked (nbrOfFrames)" : "")
                             + (framesAsked && secondsAsked ? " and " : "")
                             + (secondsAsked ? String.format(Locale.ROOT, "%.1f of the %d s asked (duration)",
                                     streamedMillis / 1000.0, seconds) : "");
            stats.error(message);
            LOG.warn("{}", message);
        }

        @Override
        public void ioThreadHeld(long millis) {
            long holds = stats.longIoThreadHold();
            long now = System.currentTimeMillis();
            if (now - lastHoldWarningAt >= HOLD_WARNING_INTERVAL_MILLIS) { // one connection at a time: no lock needed
                lastHoldWarningAt = now;
                LOG.warn("Camera {}: the route held its async I/O thread {} for {} ms (routeOnIoThread=true); every"
                         + " camera that thread reads waited as long ({} such holds so far). A route that can block"
                         + " belongs on the workers: routeOnIoThread=false", cameraId, Thread.currentThread().getName(),
                        millis, holds);
            }
        }

        @Override
        public void ioThreadBusy(int percent) {
            LOG.warn("Camera {}: its async I/O thread {} ran routes {} % of the last {} s (routeOnIoThread=true):"
                     + " the cameras it reads fall behind. A route whose steps block their thread (a file write, a"
                     + " synchronous call) belongs on the workers: routeOnIoThread=false", cameraId,
                    Thread.currentThread().getName(), percent,
                    IoThreadHolds.BUSY_WINDOW_MILLIS / 1000);
        }

        @Override
        public long backoffLeft() {
            return AxisMjpegConsumer.this.backoffLeft();
        }

        @Override
        public void reconnecting() {
            stats.reconnecting();
        }

        @Override
        public long framesReceived() {
            return stats.framesReceived();
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
            pipeline.dispatcher().dispatch(new Frame(jpeg, frameNumbers.incrementAndGet(), now, connectionNumber));
            progressLog.logIfDue(now);
        }

        @Override
        public void onDiscard(DiscardReason reason, long bytes) {
            stats.discarded(reason);
            if (reason.isCorrupt()) {
                LOG.debug("Camera {}: dropped a {} part of {} bytes", cameraId, reason, bytes);
            }
        }

        @Override
        public void onSkipped(long bytes) {
            stats.skipped(bytes);
        }

        @Override
        public void onBoundaryMismatch(String declared, String used) {
            // the parts before the switch were skipped (counted); said once per connection, the camera is wrong
            LOG.warn("Camera {} delimits its parts with '{}', not with the multipart boundary '{}' it declared (or"
                     + " that its first dashed line showed): following the stream ({} parts in a row with it were"
                     + " skipped)", cameraId, CameraResponses.printable(used), CameraResponses.printable(declared),
                    MultipartFrameParser.OTHER_BOUNDARY_SIGHTINGS - 1);
        }
    }

    // ------------------------------------------------------------------ delivery to the route

    private void deliver(Frame frame) {
        deliveries.begin(); // before the check: doStop waits for every delivery that passed it
        try {
            if (!isRunAllowed()) {
                // still queued when the route began to stop or suspend: counted, never pushed into a stopping route
                stats.dropped();
                return;
            }
            deliverNow(frame);
        } finally {
            deliveries.end();
        }
    }

    /**
     * The route on the async I/O thread (routeOnIoThread): started here, left to end where it will (a Kafka send's
     * acknowledgement), so the thread reads on at once; {@code done} runs when the exchange has ended, exactly once.
     */
    private void deliverAsync(Frame frame, Runnable done) {
        deliveries.begin();
        try {
            if (!isRunAllowed()) {
                stats.dropped(); // as in deliver(): never pushed into a stopping route
                deliveries.ended();
                done.run();
                return;
            }
            Exchange exchange;
            try {
                exchange = createExchange(false);
            } catch (RuntimeException e) {
                deliveries.ended();
                done.run();
                throw e;
            }
            AtomicBoolean ended = new AtomicBoolean();
            Runnable end = () -> {
                if (ended.compareAndSet(false, true)) {
                    try {
                        endOf(exchange, frame);
                    } catch (Throwable t) {
                        // the exception handler broke: handled as on the workers, not lost in whichever thread (the
                        // route's, Camel's) ended the exchange, which swallowed it unsaid
                        deliveryBroke(frame, t);
                    } finally {
                        deliveries.ended();
                        done.run();
                    }
                }
            };
            try {
                headers.writeTo(exchange.getIn(), frame);
                getAsyncProcessor().process(exchange, doneSync -> end.run());
            } catch (Throwable t) {
                exchange.setException(t instanceof Exception e ? e : new RuntimeCamelException(t)); // never a lost end
                end.run();
            }
        } finally {
            deliveries.leaveThread();
        }
    }

    private void deliverNow(Frame frame) {
        Exchange exchange = createExchange(true);
        try {
            headers.writeTo(exchange.getIn(), frame);
            getProcessor().process(exchange);
        } catch (Throwable t) {
            // an Error the route's steps did not take (a Synchronization's, an overflow) fails this frame only, as
            // in deliverAsync: left to the caller it was counted nowhere and cost the camera its connection
            exchange.setException(t instanceof Exception e ? e : new RuntimeCamelException(t));
        }
        endOf(exchange, frame);
    }

    /** Counts the frame's exchange as delivered or failed (the exception handler told), and releases it. */
    private void endOf(Exchange exchange, Frame frame) {
        if (exchange.getException() != null) {
            stats.exchangeFailed();
            getExceptionHandler().handleException("Error processing frame " + frame.number() + " of camera "
                                                  + cameraId, exchange, exchange.getException());
        } else {
            stats.frameDelivered();
        }
        releaseExchange(exchange, false);
    }

    // ------------------------------------------------------------------ errors and progress

    private void report(CameraException failure) {
        stats.error(failure.getMessage());
        if (failure.getKind() == CameraException.Kind.STREAM && failure.getCause() != null) {
            LOG.error("Camera {}: {}", cameraId, failure.getMessage(), failure.getCause()); // a bug: the stack trace
        }
        try {
            if (getEndpoint().isBridgeErrorHandler() || getEndpoint().getExceptionHandler() != null) {
                getExceptionHandler().handleException(failure.getMessage(), failure);
            } else {
                LOG.warn("{}", failure.getMessage());
                LOG.debug("Cause of the failure", failure);
            }
        } catch (Throwable t) {
            // the error handler (a bridged route, a custom ExceptionHandler) broke: the reconnect must still happen
            LOG.error("Camera {}: the error handler threw while reporting '{}'", cameraId, failure.getMessage(), t);
        }
    }

    /**
     * The route's delivery threw something unexpected (on a queue's draining thread, or the exception handler at an
     * exchange's asynchronous end): drop that connection.
     */
    private void deliveryBroke(Frame frame, Throwable t) {
        CameraException failure = CameraResponses.unexpected(cameraId, t);
        // recorded here in case the connection has ended already; its end logs the failure with the stack trace
        stats.error(failure.getMessage());
        LOG.warn("Camera {}: delivering frame {} threw {}; dropping connection {}", cameraId, frame.number(), t,
                frame.connectionNumber());
        pipeline.transport().abort(frame.connectionNumber(), failure);
    }

    /** Every tick on the component's scheduler: hanging connections, and the progress line even at 0 fps. */
    private void watch() {
        try {
            long now = System.currentTimeMillis();
            stallWatchdog.check(now, () -> state, pipeline.transport());
            warnIfRouteHeld(now);
            progressLog.logIfDue(now);
        } catch (Throwable t) {
            LOG.error("Camera {}: watchdog failed", cameraId, t); // never let the shared scheduler drop the task
        }
    }

    /**
     * A route that has ended no frame for noFrameTimeout while frames are under way in it is said once (it holds the
     * reading with block, its frames are dropped otherwise), and its end once more. Not a camera failure: no reconnect.
     */
    private void warnIfRouteHeld(long now) {
        long held = deliveries.heldMillis(now);
        if (held > cfg.effectiveNoFrameTimeout()) {
            if (routeHoldWarned == 0) {
                LOG.warn("Camera {}: the route has ended no frame for {} ms ({} under way in it; noFrameTimeout={}"
                         + " ms): {}. A step that never ends its exchange (an AsyncCallback never"
                         + " called, a call without a timeout) holds the camera for good; health DOWN until one ends",
                        cameraId, held, deliveries.inProgress(), cfg.effectiveNoFrameTimeout(),
                        cfg.getBackpressure() == Backpressure.block
                                ? "the camera's frames wait for it" : "the camera's frames are dropped meanwhile");
            }
            routeHoldWarned = held;
        } else if (routeHoldWarned > 0) { // a hold only grows until the route ends a frame
            LOG.info("Camera {}: the route ends frames again, after holding them at least {} ms", cameraId,
                    routeHoldWarned);
            routeHoldWarned = 0;
        }
    }

    /**
     * How long the route has ended no frame while frames are under way in it (0 while none is): past noFrameTimeout
     * the health check is DOWN, whatever the camera does.
     */
    long getRouteHeldMillis() {
        return deliveries.heldMillis(System.currentTimeMillis());
    }

    /** For the health check: see {@link StallWatchdog#isDeliveringFrames}. */
    boolean isDeliveringFrames() {
        return stallWatchdog.isDeliveringFrames(System.currentTimeMillis(), getFailuresInRow());
    }

    // ------------------------------------------------------------------ JMX and health
    // Camel exposes the @ManagedAttribute getters of the consumer object itself; each one reads ConsumerStatistics

    public State getState() {
        return state;
    }

    long getNoFrameTimeout() {
        return cfg.effectiveNoFrameTimeout();
    }

    int getFailuresInRow() {
        return policy == null ? 0 : policy.failuresInRow();
    }

    @ManagedAttribute(description = "Camera id (cameraId option or host:port)")
    public String getCamera() {
        return cameraId;
    }

    @ManagedAttribute(description = "Consumer state")
    public String getConsumerState() {
        return state.name();
    }

    @ManagedAttribute(description = "Transport: blocking or async")
    public String getTransport() {
        return cfg.getTransport().name();
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

    @ManagedAttribute(description = "Bytes passed over between parts: a preamble, garbage before a delimiter")
    public long getBytesSkipped() {
        return stats.bytesSkipped();
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

    @ManagedAttribute(description = "Reads whose route held the async I/O thread a second or more (routeOnIoThread)")
    public long getLongIoThreadHolds() {
        return stats.longIoThreadHolds();
    }

    @ManagedAttribute(description = "Milliseconds reading was paused because the route was behind (async transport:"
                                    + " frames waiting at queueSize or maxQueuedBytes); the frames waited in the"
                                    + " camera's connection meanwhile")
    public long getReadingPausedMillis() {
        CameraPipeline p = pipeline;
        return p == null ? 0 : p.transport().readingPausedMillis();
    }

    @ManagedAttribute(description = "HTTP connections opened to the camera")
    public long getConnections() {
        return stats.connections();
    }

    @ManagedAttribute(description = "Last connection error, or null")
    public String getLastError() {
        return stats.lastError();
    }

    @ManagedAttribute(description = "When the last connection error happened (epoch ms), 0 when none")
    public long getLastErrorTimestamp() {
        return stats.lastErrorAt();
    }

    @ManagedAttribute(description = "When the last frame arrived (epoch ms), 0 before the first")
    public long getLastFrameTimestamp() {
        return stats.lastFrameAt();
    }
}
