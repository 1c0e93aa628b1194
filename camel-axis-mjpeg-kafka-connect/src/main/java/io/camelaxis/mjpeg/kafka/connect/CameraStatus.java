package io.camelaxis.mjpeg.kafka.connect;

import java.util.concurrent.atomic.AtomicLong;

import io.camelaxis.mjpeg.AxisMjpegConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a task knows about one of its cameras: the component consumer's own state and last error, and the
 * connector's counters (queued, dropped by the task queue, written to Kafka). Read by the metrics and the status log.
 */
final class CameraStatus {

    private static final Logger LOG = LoggerFactory.getLogger(CameraStatus.class);

    /** State shown before the consumer exists, or when it could not be created. */
    static final String NOT_STARTED = "NOT_STARTED";
    static final String FAILED_TO_START = "FAILED_TO_START";
    /**
     * A streaming camera with frames on their way of which Kafka has acknowledged none for {@code waiting.for.kafka.ms}
     * or more ({@link KafkaProgress}): Kafka takes nothing from the task (a deleted topic, unreachable brokers).
     * Connect's producer then waits without end and the task stays RUNNING, so without this state the camera would
     * be reported STREAMING while no frame is written. (With the worker's brokers unreachable, the worker also takes
     * the task away after its heartbeat.interval.ms.)
     */
    static final String WAITING_FOR_KAFKA = "WAITING_FOR_KAFKA";

    private final String cameraId;
    private final KafkaProgress kafka;
    private final AtomicLong framesQueued = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong framesWritten = new AtomicLong();
    private final AtomicLong lastFrameNumberWritten = new AtomicLong();
    private final AtomicLong timestampsReplaced = new AtomicLong();
    private final AtomicLong framesTooLarge = new AtomicLong();
    private final AtomicLong framesNotWritten = new AtomicLong();
    private volatile AxisMjpegConsumer consumer;
    private volatile String startFailure;
    private String lastLoggedState = NOT_STARTED;

    CameraStatus(String cameraId, long kafkaWaitMillis) {
        this.cameraId = cameraId;
        this.kafka = new KafkaProgress(cameraId, kafkaWaitMillis);
    }

    String cameraId() {
        return cameraId;
    }

    long kafkaWaitMillis() {
        return kafka.waitMillis();
    }

    void attach(AxisMjpegConsumer consumer) {
        this.consumer = consumer;
    }

    void failedToStart(String message) {
        this.startFailure = message;
    }

    AxisMjpegConsumer consumer() {
        return consumer;
    }

    /** The consumer's state (CONNECTING, STREAMING, WAITING_TO_RECONNECT, GAVE_UP, ...) or why there is none. */
    String state() {
        AxisMjpegConsumer c = consumer;
        if (c != null) {
            String state = c.getConsumerState();
            return "STREAMING".equals(state) && kafka.waiting(System.currentTimeMillis()) ? WAITING_FOR_KAFKA : state;
        }
        return startFailure != null ? FAILED_TO_START : NOT_STARTED;
    }

    /** The component's message for the last connection failure (it says what to check), or null. */
    String lastError() {
        AxisMjpegConsumer c = consumer;
        return c != null ? c.getLastError() : startFailure;
    }

    long framesReceived() {
        AxisMjpegConsumer c = consumer;
        return c == null ? 0 : c.getFramesReceived();
    }

    long connections() {
        AxisMjpegConsumer c = consumer;
        return c == null ? 0 : c.getConnections();
    }

    long reconnects() {
        AxisMjpegConsumer c = consumer;
        return c == null ? 0 : c.getReconnects();
    }

    /** Called by the camera's thread with each frame, and while it waits for room: warns when Kafka takes nothing. */
    void checkKafka() {
        kafka.warnIfWaiting(System.currentTimeMillis());
    }

    /** The camera's clock is off by more than allowed; logged on the first frame, then counted. */
    void timestampReplaced(long captured, long received) {
        if (timestampsReplaced.getAndIncrement() == 0) {
            LOG.warn("Camera {}: its clock is {} s off (capture time {}, arrival {}); records use the arrival time."
                     + " Check the camera's NTP settings", cameraId, (captured - received) / 1000,
                    java.time.Instant.ofEpochMilli(captured), java.time.Instant.ofEpochMilli(received));
        }
    }

    /** A frame larger than record.max.bytes was dropped; logged on the first, then counted. */
    void frameTooLarge(int bytes, int limit) {
        if (framesTooLarge.getAndIncrement() == 0) {
            LOG.warn("Camera {}: dropped a {} byte frame, larger than record.max.bytes={}; raise the topic's"
                     + " max.message.bytes and producer.override.max.request.size, then record.max.bytes below both,"
                     + " or lower the camera's resolution or raise its compression", cameraId, bytes, limit);
        }
    }

    long framesTooLarge() {
        return framesTooLarge.get();
    }

    /**
     * Connect reported a frame not written (a commit without metadata): Kafka refused it and
     * {@code errors.tolerance=all} let the task go on, or a transformation dropped it. Without this count such a frame
     * would be a gap in the frame numbers that no metric explains. Logged on the first, then counted.
     */
    void frameNotWritten(Object frameNumber) {
        kafka.acknowledged(System.currentTimeMillis());
        if (framesNotWritten.getAndIncrement() == 0) {
            LOG.warn("Camera {}: frame {} was not written to Kafka: refused by Kafka with errors.tolerance=all (the"
                     + " worker's log names the producer's error, for example RecordTooLargeException: check"
                     + " record.max.bytes against the topic's max.message.bytes) or dropped by a transformation;"
                     + " counted in frames-not-written", cameraId, frameNumber);
        }
    }

    long framesNotWritten() {
        return framesNotWritten.get();
    }

    long timestampsReplaced() {
        return timestampsReplaced.get();
    }

    /** A frame was put in the task queue, on its way to Kafka. */
    void frameQueued() {
        framesQueued.incrementAndGet();
        kafka.setOut(System.currentTimeMillis());
    }

    /** A queued frame was dropped by the task queue. */
    void frameDropped() {
        framesDropped.incrementAndGet();
        kafka.dropped();
    }

    void frameWritten(long frameNumber) {
        kafka.acknowledged(System.currentTimeMillis());
        framesWritten.incrementAndGet();
        lastFrameNumberWritten.accumulateAndGet(frameNumber, Math::max);
    }

    long framesQueued() {
        return framesQueued.get();
    }

    /**
     * Frames received but never handed to Kafka: dropped by the task queue, by the component's own queue
     * ({@code axis.backpressure}), or failed on their way into the task queue. Each is a gap in the frame numbers.
     */
    long framesDropped() {
        AxisMjpegConsumer c = consumer;
        long inComponent = c == null ? 0 : c.getDroppedFrames() + c.getFailedExchanges();
        return framesDropped.get() + inComponent;
    }

    long framesWritten() {
        return framesWritten.get();
    }

    long lastFrameNumberWritten() {
        return lastFrameNumberWritten.get();
    }

    /** The new state when it changed since the last call, else null (for a log line per transition). */
    synchronized String stateChange() {
        String now = state();
        if (now.equals(lastLoggedState)) {
            return null;
        }
        lastLoggedState = now;
        return now;
    }
}
