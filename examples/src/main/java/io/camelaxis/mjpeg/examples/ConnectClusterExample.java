package io.camelaxis.mjpeg.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.camelaxis.mjpeg.kafka.connect.AxisMjpegSourceConnector;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.FrameSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

/**
 * {@code ./run.sh --example connect}: six simulated cameras on a Kafka Connect cluster of three workers in this JVM
 * (Kafka's own {@code EmbeddedConnectCluster} and a KRaft broker), through the axis-mjpeg source connector. Prints
 * which worker runs which camera and the frames/s of each camera on the topic, then stops a worker half way and shows
 * its cameras moving to the survivors and resuming, with the gap each of them saw and their frame numbers going on.
 */
public final class ConnectClusterExample {

    static final String CONNECTOR = "axis-cameras";
    static final int CAMERAS = 6;
    /** Short for a demo: how long Connect waits for a lost worker to come back before moving its tasks. */
    static final long REBALANCE_DELAY_MS = 3000;
    private static final long REPORT_INTERVAL_MS = 5000;

    private final CameraOptions options;
    private final PrintStream out;
    private final Map<String, CameraFeed> feeds = new LinkedHashMap<>();

    ConnectClusterExample(CameraOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** What a camera looked like on the topic. */
    static final class CameraFeed {
        long frames;
        long framesInWindow;
        long lastFrameNumber;
        long lastReceivedAt;
        long longestGapMs;
        /** When the first frame read by a task started after the worker stop arrived, 0 before. */
        long resumedAt;
        boolean numbersContinuous = true;

        void frame(long number, long receivedAt, long measureGapsFrom, long workerStoppedAt) {
            if (resumedAt == 0 && receivedAt > workerStoppedAt) {
                resumedAt = receivedAt;
            }
            if (lastFrameNumber != 0 && number != lastFrameNumber + 1) {
                numbersContinuous = false;
            }
            if (lastReceivedAt != 0 && receivedAt >= measureGapsFrom) {
                longestGapMs = Math.max(longestGapMs, receivedAt - lastReceivedAt);
            }
            frames++;
            framesInWindow++;
            lastFrameNumber = number;
            lastReceivedAt = receivedAt;
        }
    }

    /** The cameras of the stopped worker, with what they saw: the result of a run. */
    record Failover(String stoppedWorker, List<String> movedCameras, Map<String, CameraFeed> feeds) {
    }

    Failover run() throws Exception {
        int seconds = options.seconds > 0 ? options.seconds : 40;
        String[] wh = options.resolution.split("x");
        FrameSource frames = FrameSource.precomputed(25, 0.8f); // stamped with the capture time on the way out
        List<AxisCameraSimulator> cameras = new ArrayList<>();
        EmbeddedConnectCluster connect = null;
        try {
            for (int i = 1; i <= CAMERAS; i++) {
                cameras.add(AxisCameraSimulator.builder().source(frames).fps(options.fps)
                        .resolution(Integer.parseInt(wh[0]), Integer.parseInt(wh[1])).build().start());
                feeds.put("camera-" + i, new CameraFeed());
            }
            connect = startCluster();
            connect.kafka().createTopic(options.kafkaTopic, 3, 1, Map.of("max.message.bytes",
                    Integer.toString(CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES)));
            connect.configureConnector(CONNECTOR, connectorConfig(cameras));
            out.println("Connector '" + CONNECTOR + "' created: " + CAMERAS + " cameras, tasks.max=3, topic "
                        + options.kafkaTopic);
            return watch(connect, seconds);
        } finally {
            if (connect != null) {
                connect.stop();
            }
            cameras.forEach(AxisCameraSimulator::close);
        }
    }

    private EmbeddedConnectCluster startCluster() {
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("scheduled.rebalance.max.delay.ms", Long.toString(REBALANCE_DELAY_MS));
        worker.put("offset.flush.interval.ms", "1000");
        java.util.Properties broker = new java.util.Properties();
        broker.put("message.max.bytes", Integer.toString(CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES));
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("axis-example").numWorkers(3)
                .numBrokers(1).workerProps(worker).brokerProps(broker).build();
        out.println("Starting 3 Connect workers and a Kafka broker in this JVM...");
        long start = System.nanoTime();
        connect.start();
        out.printf("Started in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return connect;
    }

    private Map<String, String> connectorConfig(List<AxisCameraSimulator> cameras) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", AxisMjpegSourceConnector.class.getName());
        config.put("tasks.max", "3");
        config.put("topic", options.kafkaTopic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("producer.override.max.request.size", Integer.toString(CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES));
        // the broker takes such records (message.max.bytes above), which the connector cannot see: it is told
        config.put("record.max.bytes", Integer.toString(CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES - 64 * 1024));
        config.put("axis.fps", Integer.toString(options.fps));
        config.put("axis.resolution", options.resolution);
        config.put("axis.statisticsLogInterval", "0"); // this example prints its own table
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < cameras.size(); i++) {
            entries.add("camera-" + (i + 1) + "=" + cameras.get(i).hostAndPort());
        }
        config.put("cameras", String.join(",", entries));
        return config;
    }

    private Failover watch(EmbeddedConnectCluster connect, int seconds) throws Exception {
        AtomicBoolean reading = new AtomicBoolean(true);
        long[] measureGapsFrom = { Long.MAX_VALUE };
        long[] workerStoppedAt = { Long.MAX_VALUE }; // the old tasks read no frame after the worker stopped
        Thread reader = new Thread(() -> read(connect, reading, measureGapsFrom, workerStoppedAt), "frames-reader");
        reader.start();
        long start = System.currentTimeMillis();
        long stopWorkerAt = start + seconds * 500L;
        String stoppedWorker = null;
        List<String> moved = List.of();
        try {
            for (long next = start + REPORT_INTERVAL_MS; next <= start + seconds * 1000L; next += REPORT_INTERVAL_MS) {
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
                report(connect);
                if (stoppedWorker == null && System.currentTimeMillis() >= stopWorkerAt) {
                    Map<String, String> where = cameraWorkers(connect);
                    stoppedWorker = where.get("camera-1");
                    moved = new ArrayList<>();
                    for (Map.Entry<String, String> e : where.entrySet()) {
                        if (e.getValue().equals(stoppedWorker)) {
                            moved.add(e.getKey());
                        }
                    }
                    WorkerHandle worker = workerAt(connect, stoppedWorker);
                    out.println(">>> Stopping worker " + stoppedWorker + ", which runs " + moved
                                + ". Its tasks move after scheduled.rebalance.max.delay.ms=" + REBALANCE_DELAY_MS);
                    synchronized (feeds) {
                        measureGapsFrom[0] = System.currentTimeMillis();
                    }
                    connect.removeWorker(worker); // returns when the worker, and so its tasks, have stopped
                    synchronized (feeds) {
                        workerStoppedAt[0] = System.currentTimeMillis();
                    }
                }
            }
            // on a slow machine the moved cameras may need longer than the run: show them back before the end
            long giveUpAt = System.currentTimeMillis() + 60_000;
            while (!resumed(moved) && System.currentTimeMillis() < giveUpAt) {
                Thread.sleep(REPORT_INTERVAL_MS);
                report(connect);
            }
        } finally {
            reading.set(false);
            reader.join();
        }
        synchronized (feeds) {
            for (String camera : moved) {
                CameraFeed feed = feeds.get(camera);
                if (feed.resumedAt == 0) {
                    out.printf(Locale.ROOT, "%s moved from %s: no frame from its new worker yet%n", camera,
                            stoppedWorker);
                    continue;
                }
                out.printf(Locale.ROOT, "%s moved from %s: no frame for %d ms, then frames again; frame numbers %s%n",
                        camera, stoppedWorker, feed.longestGapMs,
                        feed.numbersContinuous ? "went on without a gap or a repeat" : "have a gap or a repeat");
            }
            return new Failover(stoppedWorker, moved, new LinkedHashMap<>(feeds));
        }
    }

    private boolean resumed(List<String> moved) {
        synchronized (feeds) {
            return moved.stream().allMatch(camera -> feeds.get(camera).resumedAt > 0);
        }
    }

    private void read(EmbeddedConnectCluster connect, AtomicBoolean reading, long[] measureGapsFrom,
                      long[] workerStoppedAt) {
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumer(Map.of(
                "max.partition.fetch.bytes", CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(options.kafkaTopic, p));
            }
            consumer.assign(partitions);
            while (reading.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String camera = new String(record.key(), StandardCharsets.UTF_8);
                    synchronized (feeds) {
                        feeds.get(camera).frame(header(record, "frame.number"), header(record, "received.timestamp"),
                                measureGapsFrom[0], workerStoppedAt[0]);
                    }
                }
            }
        }
    }

    private static long header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? 0 : Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
    }

    private void report(EmbeddedConnectCluster connect) {
        Map<String, String> where = cameraWorkers(connect);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-10s %-16s %8s %12s%n", "camera",
                "worker", "frames/s", "last frame"));
        synchronized (feeds) {
            for (Map.Entry<String, CameraFeed> e : feeds.entrySet()) {
                CameraFeed feed = e.getValue();
                table.append(String.format(Locale.ROOT, "%-10s %-16s %8.1f %12d%n", e.getKey(),
                        where.getOrDefault(e.getKey(), "(moving)"), feed.framesInWindow * 1000.0 / REPORT_INTERVAL_MS,
                        feed.lastFrameNumber));
                feed.framesInWindow = 0;
            }
        }
        out.print(table);
    }

    /** camera id to the worker (host:port) running its task, from the connector's task configs and status. */
    static Map<String, String> cameraWorkers(EmbeddedConnectCluster connect) {
        Map<Integer, String> taskWorkers = new HashMap<>();
        try {
            for (ConnectorStateInfo.TaskState task : connect.connectorStatus(CONNECTOR).tasks()) {
                if (task.state().equals("RUNNING")) {
                    taskWorkers.put(task.id(), task.workerId());
                }
            }
            Map<String, String> cameras = new HashMap<>();
            for (TaskInfo task : connect.taskConfigs(CONNECTOR)) {
                String worker = taskWorkers.get(task.id().task());
                for (String camera : task.config().getOrDefault("task.cameras", "").split(",")) {
                    if (worker != null && !camera.isEmpty()) {
                        cameras.put(camera, worker);
                    }
                }
            }
            return cameras;
        } catch (RuntimeException e) {
            return Map.of(); // the cluster is rebalancing: no answer this time
        }
    }

    private static WorkerHandle workerAt(EmbeddedConnectCluster connect, String workerId) {
        return connect.workers().stream().filter(w -> workerId.endsWith(":" + w.url().getPort())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no worker " + workerId));
    }
}
