package io.camelaxis.mjpeg.examples;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames a sink route gave up on: each one counted, and logged with its number, camera and reason, so an outage of
 * the sink never loses a frame silently. A sink route's {@code onException} ends here after the last retry. The log
 * says at most one line a second (a WARN with the running total); the drops in between go to DEBUG, so a long outage
 * cannot flood the log. The count is per route; Camel's route statistics report the same failed exchanges as
 * "failures handled".
 */
public final class UndeliveredFrames {

    private static final Logger LOG = LoggerFactory.getLogger(UndeliveredFrames.class);
    private static final long LOG_INTERVAL_MILLIS = 1000;

    private final String sink;
    private final LongAdder frames = new LongAdder();
    private final AtomicLong lastWarnAt = new AtomicLong();

    /** @param sink what the frames were for, as the log line names it ("Kafka", "S3") */
    public UndeliveredFrames(String sink) {
        this.sink = sink;
    }

    /** Counts and logs the frame (or the batch of frames) of an exchange that failed for good. */
    void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        record(exchange, cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": "
                                                              + cause.getMessage());
    }

    /** Counts and logs the frame (or the batch of frames) of an exchange the route decided not to send. */
    void record(Exchange exchange, String reason) {
        // a per-second S3 batch carries a "frames" header (MjpegBatchStrategy); a single frame carries none
        int count = exchange.getIn().getHeader("frames", 1, Integer.class);
        frames.add(count);
        Object camera = exchange.getIn().getHeader(AxisMjpegConstants.CAMERA_ID);
        Object number = exchange.getIn().getHeader(AxisMjpegConstants.FRAME_NUMBER);
        String what = count == 1 ? "frame " + number : count + " frames (batch from frame " + number + ")";
        boolean warn = warnDue(System.currentTimeMillis());
        if (warn || LOG.isDebugEnabled()) {
            String line = String.format("dropped %s of camera %s: %s did not take it (%s); %d frames dropped so far",
                    what, camera, sink, reason, count());
            if (warn) {
                LOG.warn(line);
            } else {
                LOG.debug(line);
            }
        }
    }

    /** True for the first drop, then at most once per {@link #LOG_INTERVAL_MILLIS}, whatever the threads. */
    boolean warnDue(long now) {
        long last = lastWarnAt.get();
        return now - last >= LOG_INTERVAL_MILLIS && lastWarnAt.compareAndSet(last, now);
    }

    /** Frames dropped so far. */
    public long count() {
        return frames.sum();
    }
}
