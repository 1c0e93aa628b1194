package io.camelaxis.mjpeg.kafka.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-camera metrics in the worker's metrics (group {@code plugins}, tags connector, task and camera; over JMX as
 * {@code kafka.connect:type=plugins,connector=...,task=...,camera=...}). A worker older than Kafka 4.1 has no plugin
 * metrics: the task then runs without them and says so once.
 */
final class CameraMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CameraMetrics.class);

    private final PluginMetrics metrics;
    private final List<MetricName> registered = new ArrayList<>();

    CameraMetrics(SourceTaskContext context) {
        PluginMetrics available = null;
        try {
            available = context.pluginMetrics();
        } catch (UnsupportedOperationException | LinkageError e) {
            LOG.info("This Connect worker offers no plugin metrics: camera status is in the log only");
        }
        this.metrics = available;
    }

    void register(CameraStatus camera) {
        if (metrics == null) {
            return;
        }
        add(camera, "camera-state", "Consumer state: NOT_STARTED (the task reads the committed offsets),"
                + " CONNECTING, STREAMING, WAITING_TO_RECONNECT, GAVE_UP, ...;"
                + " WAITING_FOR_KAFKA when Kafka has acknowledged none of its frames on their way for "
                + camera.kafkaWaitMillis() + " ms (waiting.for.kafka.ms)",
                CameraStatus::state);
        add(camera, "last-error", "The last connection failure, as the component words it, or null",
                CameraStatus::lastError);
        add(camera, "frames-received", "JPEG frames received from the camera by this task",
                CameraStatus::framesReceived);
        add(camera, "frames-written", "Frames Kafka acknowledged", CameraStatus::framesWritten);
        add(camera, "frames-dropped", "Frames received but not handed to Kafka: dropped by the task queue"
                + " (queue.backpressure) or the component's queue (axis.backpressure)", CameraStatus::framesDropped);
        add(camera, "connections", "HTTP connections opened to the camera by this task", CameraStatus::connections);
        add(camera, "reconnects", "Reconnects to the camera by this task", CameraStatus::reconnects);
        add(camera, "frames-too-large", "Frames dropped because they were larger than record.max.bytes",
                CameraStatus::framesTooLarge);
        add(camera, "frames-not-written", "Frames Connect reported not written: refused by Kafka and tolerated"
                + " (errors.tolerance=all), or dropped by a transformation", CameraStatus::framesNotWritten);
        add(camera, "timestamps-replaced", "Records timestamped with the arrival time because the camera's clock was"
                + " off by more than record.timestamp.max.skew.ms", CameraStatus::timestampsReplaced);
        add(camera, "last-frame-number", "Frame number of the last frame Kafka acknowledged",
                CameraStatus::lastFrameNumberWritten);
    }

    private <T> void add(CameraStatus camera, String name, String description, Function<CameraStatus, T> value) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("camera", camera.cameraId());
        MetricName metricName = metrics.metricName(name, description, tags);
        metrics.addMetric(metricName, (Gauge<T>) (config, now) -> value.apply(camera));
        registered.add(metricName);
    }

    @Override
    public void close() {
        if (metrics == null) {
            return;
        }
        for (MetricName name : registered) {
            try {
                metrics.removeMetric(name);
            } catch (IllegalStateException e) {
                return; // the worker closed the task's metrics already
            }
        }
        registered.clear();
    }
}
