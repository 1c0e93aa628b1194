package io.camelaxis.mjpeg;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which frames of one consumer are being delivered to the route right now. Two readers need it: the stop, which must
 * not stop the route's processors under an exchange the consumer has begun (Camel counts an exchange in flight only
 * once its processor runs), and the watchdog, for which a route busy with a frame is not a camera without frames (a
 * blocked send holds the reading on {@code backpressure=block}).
 */
final class DeliveryTracker {

    private static final Logger LOG = LoggerFactory.getLogger(AxisMjpegConsumer.class);
    private static final int STOP_WAIT_SECONDS = 10;
    /** Set on a thread while it delivers a frame of any camera. */
    private static final ThreadLocal<Boolean> DELIVERING = new ThreadLocal<>();

    private final String cameraId;
    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile long lastEndedAt;
    /** When the deliveries under way began: the first of them, after a moment without any (epoch ms). */
    private volatile long busySince;

    DeliveryTracker(String cameraId) {
        this.cameraId = cameraId;
    }

    /** Counted before the consumer checks whether it may still run, so a stop waits for every delivery past it. */
    void begin() {
        if (inProgress.get() == 0) {
            // before the count: whoever sees it busy sees when it began (a race only makes the hold look shorter)
            busySince = System.currentTimeMillis();
        }
        inProgress.incrementAndGet();
        DELIVERING.set(Boolean.TRUE);
    }

    void end() {
        leaveThread();
        ended();
    }

    /** The delivering thread is done with the frame; its exchange may still be under way elsewhere. */
    void leaveThread() {
        DELIVERING.set(Boolean.FALSE); // not remove(): a new thread-local entry per frame showed in the profile
    }

    /** The frame's exchange has ended, on whatever thread ended it. */
    void ended() {
        lastEndedAt = System.currentTimeMillis();
        inProgress.decrementAndGet();
    }

    boolean busy() {
        return inProgress.get() > 0;
    }

    /**
     * How long the route has ended no frame while frames are under way in it (since the last end, or since they
     * began), 0 while none is: a route whose exchanges never end (a callback never called, a step blocked for good)
     * is no slow route.
     */
    long heldMillis(long now) {
        if (!busy()) {
            return 0;
        }
        return Math.max(0, now - Math.max(busySince, lastEndedAt));
    }

    /** Frames whose exchange is under way: on a delivering thread, or in flight until the route ends it. */
    int inProgress() {
        return Math.max(0, inProgress.get());
    }

    /** When the route last finished a frame (epoch ms), 0 before the first. */
    long lastEndedAt() {
        return lastEndedAt;
    }

    /**
     * Waits (bounded) until no frame is being delivered. Not from a delivering thread (a route stopping itself), which
     * would wait for itself.
     */
    void awaitIdle() throws InterruptedException {
        if (Boolean.TRUE.equals(DELIVERING.get())) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        while (busy() && System.nanoTime() < deadline) {
            Thread.sleep(1); // a stop is rare and deliveries are short: polling keeps the delivery path lock-free
        }
        if (busy()) {
            LOG.warn("Camera {}: a frame was still being delivered {} s after the stop began", cameraId,
                    STOP_WAIT_SECONDS);
        }
    }
}
