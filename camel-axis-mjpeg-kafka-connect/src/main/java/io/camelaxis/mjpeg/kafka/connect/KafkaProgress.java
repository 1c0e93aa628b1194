package io.camelaxis.mjpeg.kafka.connect;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Kafka takes one camera's frames: how many of them are on their way (in the task queue, or handed to
 * Connect's producer and not acknowledged yet), and when Kafka last acknowledged one. A camera with frames on their way
 * and no acknowledgement for {@code waiting.for.kafka.ms} is waiting for Kafka (unreachable brokers, a deleted topic),
 * whatever the task queue does: a full queue that blocks the camera is only the late sign of it, which a slow camera
 * reaches after minutes (100 frames at 1 fps) and the drop modes never reach.
 */
final class KafkaProgress {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaProgress.class);

    private final String cameraId;
    private final long waitMillis;
    private final AtomicLong onTheirWay = new AtomicLong();
    /**
     * When Kafka last acknowledged a frame of the camera, or when a frame set out with none on its way before and
     * none dropped unanswered since the last acknowledgement.
     */
    private volatile long since;
    /**
     * A frame was dropped since the last acknowledgement: the frame that replaces it (latestOnly) or comes after it
     * waits since {@link #since} still, though none was on its way in between.
     */
    private volatile boolean droppedUnanswered;
    private final AtomicBoolean warned = new AtomicBoolean();

    KafkaProgress(String cameraId, long waitMillis) {
        this.cameraId = cameraId;
        this.waitMillis = waitMillis;
    }

    long waitMillis() {
        return waitMillis;
    }

    /** A frame was put in the task queue. */
    void setOut(long now) {
        if (onTheirWay.getAndIncrement() == 0 && !droppedUnanswered) {
            since = now;
        }
    }

    /** Kafka answered for a frame: written, or refused under {@code errors.tolerance=all} (or a transformation). */
    void acknowledged(long now) {
        long waited = now - since;
        since = now;
        droppedUnanswered = false;
        onTheirWay.decrementAndGet();
        if (warned.compareAndSet(true, false)) {
            LOG.info("Camera {}: Kafka takes frames again after {} s", cameraId, waited / 1000);
        }
    }

    /**
     * A queued frame will never reach Kafka (the task queue dropped it): no longer on its way, but not answered either.
     * Without the mark, a camera whose queued frame latestOnly replaced with each next one (poll() held up) restarted
     * the clock with each frame and was never found waiting.
     */
    void dropped() {
        droppedUnanswered = true;
        onTheirWay.decrementAndGet();
    }

    /** Frames of the camera are on their way and Kafka has acknowledged none of them for the set time. */
    boolean waiting(long now) {
        return onTheirWay.get() > 0 && now - since >= waitMillis;
    }

    /** Logs once, when the camera is found waiting, until Kafka takes its frames again. */
    void warnIfWaiting(long now) {
        if (waiting(now) && warned.compareAndSet(false, true)) {
            LOG.warn("Camera {}: Kafka has taken no frame of this camera for {} s ({} on their way); the camera is"
                     + " reported {}. Check that the topic exists and the brokers are reachable (the worker's producer"
                     + " logs why), or whether the connector was paused: Connect then stops taking frames from its"
                     + " tasks, which cannot tell", cameraId, (now - since) / 1000, onTheirWay.get(),
                    CameraStatus.WAITING_FOR_KAFKA);
        }
    }
}
