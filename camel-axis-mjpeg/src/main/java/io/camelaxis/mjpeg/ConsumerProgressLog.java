package io.camelaxis.mjpeg;

import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's periodic INFO line ({@code statisticsLogInterval}): frame rate since the last line and the
 * counters of {@link ConsumerStatistics}. Asked from the reading thread on each frame and from the watchdog tick, so
 * a camera that sends nothing still gets its 0 fps line.
 *
 * <p>
 * When reading was paused for the route (async transport: frames waiting at their bound) part of the interval, the
 * line says how much; half of it or more makes the line a WARN: the route takes frames slower than the camera sends
 * them, so they arrive late (nothing is lost with block; the frames wait in the camera's connection), which a frame
 * rate alone never shows; or, when the route ended no frame since the last line, that it is stuck rather than slow.
 */
final class ConsumerProgressLog {

    // logged under the consumer's name: users filter and configure the consumer's logger, not this helper's
    private static final Logger LOG = LoggerFactory.getLogger(AxisMjpegConsumer.class);

    /** Paused share of an interval from which the line becomes a warning. */
    static final double ROUTE_BEHIND_SHARE = 0.5;

    private final String cameraId;
    private final long intervalMillis;
    private final ConsumerStatistics stats;
    private final LongSupplier pausedMillis;
    private long lastLineAt;
    private long framesAtLastLine;
    private long pausedAtLastLine;
    private long endedAtLastLine;

    /** @param pausedMillis the transport's total time reading was paused for the route, so far */
    ConsumerProgressLog(String cameraId, long intervalMillis, ConsumerStatistics stats, LongSupplier pausedMillis) {
        this.cameraId = cameraId;
        this.intervalMillis = intervalMillis;
        this.stats = stats;
        this.pausedMillis = pausedMillis;
    }

    /** The first line comes one interval after the consumer starts. */
    synchronized void start(long now) {
        lastLineAt = now;
        pausedAtLastLine = pausedMillis.getAsLong();
        endedAtLastLine = ended();
    }

    /** Frames whose exchange the route has ended, delivered or failed. */
    private long ended() {
        return stats.framesDelivered() + stats.failedExchanges();
    }

    /** Logs the line when an interval has passed since the last one; several threads may ask at once. */
    synchronized void logIfDue(long now) {
        if (intervalMillis <= 0 || now - lastLineAt < intervalMillis) {
            return;
        }
        long frames = stats.framesReceived();
        long paused = pausedMillis.getAsLong();
        double fps = (frames - framesAtLastLine) * 1000.0 / (now - lastLineAt);
        double pausedShare = Math.min(1, (paused - pausedAtLastLine) / (double) (now - lastLineAt));
        long ended = ended();
        boolean routeEndedNone = ended == endedAtLastLine;
        lastLineAt = now;
        framesAtLastLine = frames;
        pausedAtLastLine = paused;
        endedAtLastLine = ended;
        String fpsText = String.format("%.1f", fps);
        if (pausedShare >= ROUTE_BEHIND_SHARE && routeEndedNone) {
            // not slower than the camera: stuck (the consumer's own warning on the route's hold says more)
            LOG.warn("Camera {}: {} fps, {}; reading paused {} % of the time for the route, which ended no frame since"
                     + " the last line: a step that never ends its exchange?", cameraId, fpsText, summary(),
                    Math.round(pausedShare * 100));
        } else if (pausedShare >= ROUTE_BEHIND_SHARE) {
            LOG.warn("Camera {}: {} fps, {}; reading paused {} % of the time for the route: it takes frames slower than"
                     + " the camera sends them, so they arrive late (raise asyncWorkerThreads, or use asyncConsumer"
                     + " or routeOnIoThread for a route that ends asynchronously such as a Kafka send, or a dropping"
                     + " backpressure)",
                    cameraId, fpsText, summary(), Math.round(pausedShare * 100));
        } else if (pausedShare > 0) {
            LOG.info("Camera {}: {} fps, {}; reading paused {} % of the time for the route", cameraId, fpsText,
                    summary(), Math.round(pausedShare * 100));
        } else {
            LOG.info("Camera {}: {} fps, {}", cameraId, fpsText, summary());
        }
    }

    /** The counters in one line, as the progress, finish and stop messages print them. */
    String summary() {
        return String.format("%d frames, %.1f MB, %d corrupt, %d skipped parts, %d dropped, %d failed, %d reconnects",
                stats.framesReceived(), stats.bytesReceived() / 1e6, stats.corruptFrames(), stats.skippedParts(),
                stats.droppedFrames(), stats.failedExchanges(), stats.reconnects());
    }
}
