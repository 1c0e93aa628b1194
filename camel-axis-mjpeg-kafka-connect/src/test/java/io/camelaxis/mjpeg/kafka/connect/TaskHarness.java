package io.camelaxis.mjpeg.kafka.connect;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.apache.kafka.connect.storage.OffsetStorageReaderImpl;
import org.apache.kafka.connect.storage.OffsetStorageWriter;

/**
 * What a Connect worker gives a source task, without a cluster: Connect's own in-memory offset store (read and
 * written through the JSON converter, as a worker does) and a real plugin metrics registry. Tests drive
 * {@link AxisMjpegSourceTask} directly with it, where a cluster would only add minutes.
 */
final class TaskHarness implements SourceTaskContext, AutoCloseable {

    private static final String NAMESPACE = "cameras";

    private final MemoryOffsetBackingStore store = new MemoryOffsetBackingStore() {
        @Override
        public Set<Map<String, Object>> connectorPartitions(String connectorName) {
            return Set.of();
        }
    };
    private final JsonConverter converter = new JsonConverter();
    private final Metrics metrics = new Metrics();
    private final PluginMetricsImpl pluginMetrics = new PluginMetricsImpl(metrics, Map.of("connector", NAMESPACE,
            "task", "0"));
    private final OffsetStorageReaderImpl reader;
    /** While set and not counted down, reading offsets waits for it: Kafka not answering, as with brokers down. */
    private volatile CountDownLatch offsetsAnswer;

    TaskHarness() {
        converter.configure(Map.of("schemas.enable", "false", "converter.type", "key"));
        store.start();
        reader = new OffsetStorageReaderImpl(store, NAMESPACE, converter, converter);
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        CountDownLatch answer = offsetsAnswer;
        if (answer == null) {
            return reader;
        }
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                awaitAnswer(answer);
                return reader.offset(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(java.util.Collection<Map<String, T>> parts) {
                awaitAnswer(answer);
                return reader.offsets(parts);
            }
        };
    }

    /** Offsets are read only once the returned latch is counted down (at most a minute later). */
    CountDownLatch holdOffsets() {
        CountDownLatch answer = new CountDownLatch(1);
        offsetsAnswer = answer;
        return answer;
    }

    /**
     * What Connect does to a task it stops while the task's offset read waits: it closes the reader, and the read
     * throws instead of answering.
     */
    void closeOffsetReader() {
        reader.close();
        CountDownLatch answer = offsetsAnswer;
        if (answer != null) {
            answer.countDown();
        }
    }

    private static void awaitAnswer(CountDownLatch answer) {
        try {
            answer.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    /** The task config the connector would give a task running all the listed cameras. */
    static Map<String, String> taskConfig(Map<String, String> connectorProps) {
        AxisMjpegSourceConnector connector = new AxisMjpegSourceConnector();
        connector.start(connectorProps);
        return connector.taskConfigs(1).get(0);
    }

    AxisMjpegSourceTask start(Map<String, String> connectorProps) {
        AxisMjpegSourceTask task = new AxisMjpegSourceTask();
        task.initialize(this);
        task.start(taskConfig(connectorProps));
        return task;
    }

    /** Commits what the records say, as the worker does after Kafka acknowledged them. */
    void commitOffsets(List<SourceRecord> records) throws Exception {
        OffsetStorageWriter writer = new OffsetStorageWriter(store, NAMESPACE, converter, converter);
        for (SourceRecord record : records) {
            writer.offset(record.sourcePartition(), record.sourceOffset());
        }
        writer.beginFlush();
        writer.doFlush((error, result) -> { }).get(10, TimeUnit.SECONDS);
    }

    /** Writes an offset as it is, whatever it holds. */
    void commitOffset(Map<String, ?> partition, Map<String, ?> offset) throws Exception {
        OffsetStorageWriter writer = new OffsetStorageWriter(store, NAMESPACE, converter, converter);
        writer.offset(partition, offset);
        writer.beginFlush();
        writer.doFlush((error, result) -> { }).get(10, TimeUnit.SECONDS);
    }

    /** A camera's metric value, or null when it has none. */
    Object metric(String camera, String name) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("camera", camera);
        MetricName metricName = pluginMetrics.metricName(name, "", tags);
        var metric = metrics.metric(metricName);
        return metric == null ? null : metric.metricValue();
    }

    static Map<String, String> props(String... keysAndValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    @Override
    public void close() throws Exception {
        reader.close();
        pluginMetrics.close();
        metrics.close();
        store.stop();
    }
}
