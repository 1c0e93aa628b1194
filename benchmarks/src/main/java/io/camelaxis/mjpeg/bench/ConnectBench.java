package io.camelaxis.mjpeg.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.camelaxis.mjpeg.kafka.connect.AxisMjpegSourceConnector;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.FrameSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * N simulated cameras through the axis-mjpeg source connector on 3 Connect workers and one KRaft broker, all in this
 * JVM. Reports frames/s the cameras sent and frames/s that reached the topic in a measured window, frames lost
 * (sent by the cameras but never on the topic, after the cameras stop and the topic is drained) and frames the task
 * queues dropped, capture-to-topic latency (the broker's append time, the topic being LogAppendTime, minus the
 * camera's capture time from the JPEG, 10 ms resolution, one clock), heap and threads.
 */
final class ConnectBench {

    private static final String TOPIC = "frames";
    private static final int PARTITIONS = 6;

    private ConnectBench() {
    }

    static String header() {
        return "| cameras | tasks | resolution @ fps | frames/s sent | frames/s on topic | frames lost | dropped by task"
               + " queues | capture-to-topic p50 | p99 | CPU (JVM) | heap used | threads (JVM) |\n"
               + "|---|---|---|---|---|---|---|---|---|---|---|---|";
    }

    static void run(int cameras, int tasks, int seconds, int fps, int[] resolution) throws Exception {
        FrameSource frames = FrameSource.precomputed(25, 0.8f); // stamped with the capture time when sent
        List<AxisCameraSimulator> simulators = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            simulators.add(AxisCameraSimulator.builder().fps(fps).resolution(resolution[0], resolution[1])
                    .source(frames).maxViewers(2).build().start());
        }
        EmbeddedConnectCluster connect = startCluster();
        try {
            connect.kafka().createTopic(TOPIC, PARTITIONS, 1, Map.of("message.timestamp.type", "LogAppendTime",
                    "max.message.bytes", Integer.toString(16 << 20)));
            connect.configureConnector("bench", connectorConfig(simulators, tasks, fps, resolution));
            measure(connect, simulators, tasks, seconds, fps, resolution);
        } finally {
            connect.stop();
            simulators.forEach(AxisCameraSimulator::close);
        }
    }

    private static EmbeddedConnectCluster startCluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("scheduled.rebalance.max.delay.ms", "10000");
        worker.put("offset.flush.interval.ms", "5000");
        worker.put("producer.linger.ms", "5");
        java.util.Properties broker = new java.util.Properties();
        broker.put("message.max.bytes", Integer.toString(16 << 20));
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("axis-bench").numWorkers(3)
                .numBrokers(1).workerProps(worker).brokerProps(broker).build();
        connect.start();
        return connect;
    }

    private static Map<String, String> connectorConfig(List<AxisCameraSimulator> simulators, int tasks, int fps,
                                                       int[] resolution) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", AxisMjpegSourceConnector.class.getName());
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topic", TOPIC);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("producer.override.max.request.size", Integer.toString(16 << 20));
        // the broker takes such records (message.max.bytes above), which the connector cannot see: it is told
        config.put("record.max.bytes", Integer.toString((16 << 20) - 64 * 1024));
        config.put("axis.fps", Integer.toString(fps));
        config.put("axis.resolution", resolution[0] + "x" + resolution[1]);
        config.put("axis.statisticsLogInterval", "0");
        config.put("axis.stallTimeout", "20000");
        List<String> cameras = new ArrayList<>();
        for (int i = 0; i < simulators.size(); i++) {
            cameras.add("c" + i + "=" + simulators.get(i).hostAndPort());
        }
        config.put("cameras", String.join(",", cameras));
        return config;
    }

    private static void measure(EmbeddedConnectCluster connect, List<AxisCameraSimulator> simulators, int tasks,
                                int seconds, int fps, int[] resolution) throws Exception {
        int cameras = simulators.size();
        LatencyRecorder latency = new LatencyRecorder(cameras * fps * (seconds + 30));
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumer(Map.of(
                "max.partition.fetch.bytes", 16 << 20, "fetch.max.bytes", 64 << 20))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long[] onTopic = { 0 };
            // warm-up: every camera connected and the JIT warm
            long warmUntil = System.currentTimeMillis() + 8000;
            while (System.currentTimeMillis() < warmUntil) {
                poll(consumer, onTopic, null);
            }
            long servedBefore = served(simulators);
            long onTopicBefore = onTopic[0];
            JvmMeter meter = new JvmMeter();
            meter.start();
            long windowEnd = System.currentTimeMillis() + seconds * 1000L;
            while (System.currentTimeMillis() < windowEnd) {
                poll(consumer, onTopic, latency);
            }
            long servedInWindow = served(simulators) - servedBefore;
            long onTopicInWindow = onTopic[0] - onTopicBefore;
            JvmMeter.Snapshot jvm = meter.stop();

            simulators.forEach(AxisCameraSimulator::close); // no more frames: what was sent must all arrive
            long totalServed = served(simulators);
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 5000 && onTopic[0] < totalServed) {
                long before = onTopic[0];
                poll(consumer, onTopic, null);
                if (onTopic[0] != before) {
                    quietSince = System.currentTimeMillis();
                }
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %dx%d @ %d | %.0f | %.0f | %d | %d | %.0f ms | %.0f ms"
                              + " | %.0f %% | %d MB | %d |%n",
                    cameras, tasks, resolution[0], resolution[1], fps, servedInWindow / (double) seconds,
                    onTopicInWindow / (double) seconds, totalServed - onTopic[0], droppedByTaskQueues(),
                    latency.percentileMillis(50), latency.percentileMillis(99), jvm.cpuPercent(), jvm.heapUsedMb(),
                    jvm.threads());
            System.out.printf(Locale.ROOT, "(%d latency samples; %d frames sent in all, %d on the topic; %d cores)%n",
                    latency.count(), totalServed, onTopic[0], jvm.cores());
        }
    }

    private static void poll(KafkaConsumer<byte[], byte[]> consumer, long[] onTopic, LatencyRecorder latency) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            onTopic[0]++;
            Header captured = record.headers().lastHeader("camera.timestamp");
            if (latency != null && captured != null) {
                long capturedAt = Long.parseLong(new String(captured.value(), StandardCharsets.UTF_8));
                latency.record((record.timestamp() - capturedAt) * 1_000_000L); // append time - capture time
            }
        }
    }

    private static long served(List<AxisCameraSimulator> simulators) {
        return simulators.stream().mapToLong(AxisCameraSimulator::framesServed).sum();
    }

    /** The connector's per-camera frames-dropped metrics, summed over JMX. */
    private static long droppedByTaskQueues() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long dropped = 0;
        for (ObjectName name : server.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null)) {
            if (name.getKeyProperty("camera") != null) {
                dropped += ((Number) server.getAttribute(name, "frames-dropped")).longValue();
            }
        }
        return dropped;
    }
}
