package io.camelaxis.mjpeg.kafka.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelaxis.mjpeg.AxisMjpegConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code axis-mjpeg} consumers of the cameras the connector gave this task, and hands their frames to
 * Connect as {@link SourceRecord}s through a bounded {@link FrameQueue}.
 *
 * <p>
 * A camera that fails (down, wrong password, stalled) never fails the task: the component retries it with its own
 * backoff, logs its clear message, and the camera's state and last error are in the metrics and in a log line per
 * state change. {@code poll()} waits at most {@code poll.timeout.ms}; {@code stop()} closes the camera connections at
 * once (each camera's viewer slot is freed) and wakes any camera thread waiting on a full queue.
 */
public class AxisMjpegSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(AxisMjpegSourceTask.class);
    private static final long STATUS_CHECK_INTERVAL_MS = 1000;

    private AxisMjpegConnectorConfig config;
    private FrameQueue queue;
    private WorkerQueueBudget.Reservation queueReservation;
    private TaskCameras cameras;
    private CameraMetrics metrics;
    /** Written by start(), read by poll() and by the producer's thread in commitRecord(). */
    private final Map<String, CameraStatus> statuses = new ConcurrentHashMap<>();
    private long nextStatusCheck;

    @Override
    public String version() {
        return Versions.connector();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new AxisMjpegConnectorConfig(props);
        queueReservation = WorkerQueueBudget.WORKER.reserve(config.queueMaxBytes());
        if (queueReservation.warning() != null) {
            LOG.warn("Task of cameras {}: {}", config.taskCameraIds(), queueReservation.warning());
        }
        try {
            startCameras();
        } catch (RuntimeException e) {
            stop(); // Connect does not stop a task whose start failed: its cameras and reservation go now
            throw e;
        }
    }

    private void startCameras() {
        queue = new FrameQueue(config.queueCapacity(), config.queueMaxBytes(), config.queueBackpressure());
        metrics = new CameraMetrics(context);
        Map<String, CameraAddress> known = new LinkedHashMap<>();
        config.cameras().forEach(c -> known.put(c.id(), c));
        List<CameraAddress> mine = new ArrayList<>();
        for (String id : config.taskCameraIds()) {
            CameraAddress camera = known.get(id);
            if (camera == null) {
                throw new ConnectException("task was given camera " + id + ", which is not in the cameras list");
            }
            mine.add(camera);
        }
        for (CameraAddress camera : mine) { // in the metrics (NOT_STARTED) while Kafka is asked for their offsets
            CameraStatus status = new CameraStatus(camera.id(), config.waitingForKafkaMillis());
            statuses.put(camera.id(), status);
            metrics.register(status);
        }
        Map<Map<String, String>, Map<String, Object>> offsets = committedOffsets(mine);
        cameras = new TaskCameras("axis-mjpeg-connect-" + String.join("-", config.taskCameraIds()));
        for (CameraAddress camera : mine) {
            Map<String, Object> offset = offsets.get(FrameRecords.sourcePartition(camera.id()));
            if (offset != null && !FrameRecords.isUsableFrameNumber(offset.get(FrameRecords.OFFSET_FRAME))) {
                LOG.warn("Camera {}: its committed offset {} holds no usable frame number (a whole number, 0 to {});"
                        + " its frame numbers start again at 1", camera.id(), offset, FrameRecords.MAX_FRAME_NUMBER);
            }
            startCamera(camera, FrameRecords.frameNumberIn(offset));
        }
        LOG.info("Task started with {} camera(s): {}", mine.size(), mine);
    }

    /**
     * The cameras' committed offsets (their last frame numbers written). Connect's reader waits for Kafka without a
     * limit (until the task is stopped): a wait longer than {@code waiting.for.kafka.ms} is logged while it lasts.
     */
    private Map<Map<String, String>, Map<String, Object>> committedOffsets(List<CameraAddress> mine) {
        List<Map<String, String>> partitions = mine.stream().map(c -> FrameRecords.sourcePartition(c.id())).toList();
        try (OffsetReadWatch watch = OffsetReadWatch.start(config.taskCameraIds(), config.waitingForKafkaMillis())) {
            Map<Map<String, String>, Map<String, Object>> offsets = context.offsetStorageReader().offsets(partitions);
            watch.answered();
            return offsets == null ? Map.of() : offsets;
        }
    }

    /** One camera; a camera that cannot start is logged and shown in its status, the others go on. */
    private void startCamera(CameraAddress camera, long lastFrameNumber) {
        CameraStatus status = statuses.get(camera.id());
        FrameRecords records = new FrameRecords(camera.id(), config.topicFor(camera.id()), lastFrameNumber,
                config.timestampMaxSkewMillis(), status);
        try {
            int maxBytes = config.recordMaxBytes();
            AxisMjpegConsumer consumer = cameras.start(camera, config.endpointParameters(camera.id()), exchange -> {
                SourceRecord record = records.toRecord(exchange.getMessage());
                int bytes = ((byte[]) record.value()).length;
                if (bytes > maxBytes) {
                    status.frameTooLarge(bytes, maxBytes); // one record too large would fail the whole task
                } else {
                    queue.put(new FrameQueue.Entry(status, record, bytes));
                }
            });
            status.attach(consumer);
            if (lastFrameNumber > 0) {
                LOG.info("Camera {}: frame numbers continue after {}, the last committed offset", camera.id(),
                        lastFrameNumber);
            }
        } catch (Exception e) {
            status.failedToStart(e.getMessage());
            LOG.error("Camera {} cannot start, the task's other cameras go on: {}", camera.id(), e.getMessage());
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<FrameQueue.Entry> batch = queue.drain(config.pollTimeoutMillis());
        logStateChangesIfDue();
        if (batch.isEmpty()) {
            return null;
        }
        List<SourceRecord> records = new ArrayList<>(batch.size());
        for (FrameQueue.Entry entry : batch) {
            records.add(entry.record());
        }
        return records;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        CameraStatus status = statuses.get(String.valueOf(record.key()));
        Header number = record.headers().lastWithName(FrameRecords.FRAME_NUMBER);
        if (status == null || number == null) {
            return;
        }
        if (metadata == null) {
            // refused by Kafka under errors.tolerance=all, or filtered by a transformation
            status.frameNotWritten(number.value());
        } else {
            status.frameWritten((Long) number.value());
        }
    }

    private void logStateChangesIfDue() {
        long now = System.currentTimeMillis();
        if (now < nextStatusCheck) {
            return;
        }
        nextStatusCheck = now + STATUS_CHECK_INTERVAL_MS;
        for (CameraStatus status : statuses.values()) {
            String state = status.stateChange();
            if (state == null) {
                continue;
            }
            if (state.equals("STREAMING") || state.equals("CONNECTING")) {
                LOG.info("Camera {}: {}", status.cameraId(), state);
            } else {
                LOG.warn("Camera {}: {} (last error: {})", status.cameraId(), state, status.lastError());
            }
        }
    }

    @Override
    public void stop() {
        // the queue first: a camera thread waiting for room (backpressure=block) must not hold up its own stop
        int discarded = queue == null ? 0 : queue.close();
        if (cameras != null) {
            cameras.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        for (CameraStatus status : statuses.values()) {
            LOG.info("Camera {} stopped: {} frames received, {} written, {} dropped (a queue was full), {} too large,"
                     + " {} not written (refused by Kafka or filtered), last frame number {}", status.cameraId(),
                    status.framesReceived(), status.framesWritten(), status.framesDropped(), status.framesTooLarge(),
                    status.framesNotWritten(), status.lastFrameNumberWritten());
        }
        if (discarded > 0) {
            LOG.info("{} queued frame(s) not handed to Kafka at stop; their numbers are given again after restart",
                    discarded);
        }
        if (queueReservation != null) {
            queueReservation.close();
        }
    }
}
