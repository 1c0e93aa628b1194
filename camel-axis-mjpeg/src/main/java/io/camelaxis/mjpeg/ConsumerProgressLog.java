package io.camelaxis.mjpeg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's periodic INFO line ({@code statisticsLogInterval}): frame rate since the last line and the
 * counters of {@link ConsumerStatistics}. Asked from the reading thread on each frame and from the watchdog tick, so
 * a camera that sends nothing still gets its 0 fps line.
 */
final class ConsumerProgressLog {

    // logged under the consumer's name: users filter and configure the consumer's logger, not this helper's
    private static final Logger LOG = LoggerFactory.getLogger(AxisMjpegConsumer.class);

    private final String cameraId;
    private final long intervalMillis;
    private final ConsumerStatistics stats;
    private long lastLineAt;
    private long framesAtLastLine;

    ConsumerProgressLog(String cameraId, long intervalMillis, ConsumerStatistics stats) {
        this.cameraId = cameraId;
        this.intervalMillis = intervalMillis;
        this.stats = stats;
    }

    /** The first line comes one interval after the consumer starts. */
    synchronized void start(long now) {
        lastLineAt = now;
    }

    /** Logs the line when an interval has passed since the last one; several threads may ask at once. */
    synchronized void logIfDue(long now) {
        if (intervalMillis <= 0 || now - lastLineAt < intervalMillis) {
            return;
        }
        long frames = stats.framesReceived();
        double fps = (frames - framesAtLastLine) * 1000.0 / (now - lastLineAt);
        lastLineAt = now;
        framesAtLastLine = frames;
        LOG.info("Camera {}: {} fps, {}", cameraId, String.format("%.1f", fps), summary());
    }

    /** The counters in one line, as the progress, finish and stop messages print them. */
    String summary() {
        return String.format("%d frames, %.1f MB, %d corrupt, %d skipped parts, %d dropped, %d reconnects",
                stats.framesReceived(), stats.bytesReceived() / 1e6, stats.corruptFrames(), stats.skippedParts(),
                stats.droppedFrames(), stats.reconnects());
    }
}
