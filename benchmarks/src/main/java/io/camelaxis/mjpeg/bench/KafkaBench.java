package io.camelaxis.mjpeg.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Cameras to Kafka, end to end: N cameras in a {@link CameraFarm} process, the component in a {@link KafkaRoute}
 * process, the KRaft broker and a Kafka consumer in this JVM. Then, with a fresh farm and topic, the peer a user
 * would otherwise write: {@code benchmarks/python/opencv_to_kafka.py} (OpenCV VideoCapture, imencode,
 * confluent-kafka). One after the other, so neither steals the other's CPU. For each: frames/s sent and delivered to
 * the consumer, frames lost, capture-to-consumer latency, the publishing process's CPU from /proc.
 */
final class KafkaBench {

    private static final int PARTITIONS = 6;
    private static final String PYTHON = "/usr/bin/python3";

    private KafkaBench() {
    }

    static MarkdownReport report() {
        return new MarkdownReport("kafka", "Camera to Kafka, end to end",
                "Method: `./bench.sh kafka N`. N cameras (640x480, `bench camera-farm`) in their own JVM; the"
                + " publisher in its own process; one KRaft broker (KafkaClusterTestKit) and one Kafka consumer"
                + " (reading every partition from the start) in the bench JVM. Publishers, one after the other, each"
                + " with a fresh farm and topic: **camel-axis-mjpeg** (`bench kafka-route`: one route per camera,"
                + " `axis-mjpeg` with `transport=async` to `kafka`, settings of the project's Kafka example: no"
                + " compression, acks=all, idempotent, linger 5 ms) and **OpenCV + confluent-kafka**"
                + " (`benchmarks/python/opencv_to_kafka.py`, system python, Debian python3-opencv 4.6 with FFmpeg,"
                + " python3-confluent-kafka 1.7 on librdkafka 2.0.2: a thread per camera, `cv2.VideoCapture(url)`,"
                + " `cv2.imencode('.jpg', quality 80)`, `produce`; same producer settings). Then the"
                + " measured window (after a 15 s warm-up). Lost = frames the farm wrote - frames the consumer read,"
                + " after the cameras stop"
                + " and the topic is drained. Latency: System.nanoTime() stamped by the camera into a JPEG comment"
                + " (CLOCK_MONOTONIC, one clock for all processes) to the consumer's poll returning the record. CPU:"
                + " utime+stime of the publishing process alone from /proc/<pid>/stat over the window, % of one core.",
                "| cameras | publisher | frames/s sent | frames/s delivered | lost | latency p50 | p99 | p99.9"
                + " | CPU (publisher, % of one core) | CPU per camera | publisher RSS | notes |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    static void run(MarkdownReport report, int cameras, int seconds, int fps, int[] resolution, boolean withPython)
            throws Exception {
        try (KraftBroker broker = KraftBroker.start()) {
            String camelTopic = "frames-camel-" + cameras;
            broker.createTopic(camelTopic, PARTITIONS);
            measure(report, broker, camelTopic, cameras, seconds, fps, resolution, new Publisher("camel-axis-mjpeg") {
                @Override
                ChildProcess start(List<Integer> ports) throws IOException {
                    // -Dbench.uriOptions=&routeOnIoThread=true: more endpoint options for every camera's route;
                    // -Dbench.asyncWorkerThreads=N: the component's worker pool
                    return ChildProcess.jvm(KafkaRoute.PREFIX, 1024, "kafka-route", broker.bootstrapServers(),
                            camelTopic, ports.stream().map(String::valueOf).collect(Collectors.joining(",")),
                            "--uri-options", System.getProperty("bench.uriOptions", ""), "--async-worker-threads",
                            System.getProperty("bench.asyncWorkerThreads", "0"));
                }

                @Override
                String notes(ChildProcess child) throws IOException {
                    child.send("count");
                    String[] counts = child.await("COUNT").split(" ");
                    return "exchanges failed: " + counts[0] + ", corrupt+dropped+failed+reconnects: " + counts[1];
                }
            });
            if (!withPython) {
                return;
            }
            String pythonTopic = "frames-opencv-" + cameras;
            broker.createTopic(pythonTopic, PARTITIONS);
            measure(report, broker, pythonTopic, cameras, seconds, fps, resolution,
                    new Publisher("OpenCV + confluent-kafka") {
                        @Override
                        ChildProcess start(List<Integer> ports) throws IOException {
                            List<String> command = new ArrayList<>(List.of(PYTHON,
                                    Path.of("benchmarks", "python", "opencv_to_kafka.py").toString(), "--bootstrap",
                                    broker.bootstrapServers(), "--topic", pythonTopic));
                            ports.forEach(p -> command.add("http://127.0.0.1:" + p
                                    + "/axis-cgi/mjpg/video.cgi?resolution=" + resolution[0] + "x" + resolution[1]));
                            return ChildProcess.start("OPENCV ", command);
                        }

                        @Override
                        String notes(ChildProcess child) {
                            return "re-encoded frames: the camera's capture stamp (and Axis timestamp) is gone";
                        }
                    });
        }
    }

    /** A publishing process: started against the farm's ports, ready once it prints READY. */
    private abstract static class Publisher {
        final String name;

        Publisher(String name) {
            this.name = name;
        }

        abstract ChildProcess start(List<Integer> ports) throws IOException;

        /** Anything the publisher counts itself, asked at the end of the window. */
        abstract String notes(ChildProcess child) throws IOException;
    }

    private static void measure(MarkdownReport report, KraftBroker broker, String topic, int cameras, int seconds,
                                int fps, int[] resolution, Publisher publisher) throws Exception {
        LatencyRecorder latency = new LatencyRecorder(cameras * fps * (seconds + 30));
        try (FarmCameras farm = FarmCameras.start(cameras, fps, resolution);
             KafkaConsumer<byte[], byte[]> consumer = consumer(broker, topic)) {
            ChildProcess child = publisher.start(farm.ports());
            try {
                child.await("READY");
                long[] delivered = { 0 };
                pollFor(consumer, 15_000, delivered, latency); // warm-up: every camera connected, the JITs warm
                ProcessMeter cpu = new ProcessMeter(child.pid());
                long sentBefore = farm.sent();
                long deliveredBefore = delivered[0];
                cpu.start();
                latency.open();
                pollFor(consumer, seconds * 1000L, delivered, latency);
                latency.close();
                double cpuPercent = cpu.cpuPercentOfOneCore();
                String threads = cpu.topThreads(6);
                long rssMb = cpu.residentMb();
                long sentInWindow = farm.sent() - sentBefore;
                long deliveredInWindow = delivered[0] - deliveredBefore;
                String notes = publisher.notes(child);
                long totalSent = farm.stop();
                long quietSince = System.currentTimeMillis();
                while (System.currentTimeMillis() - quietSince < 5000 && delivered[0] < totalSent) {
                    long before = delivered[0];
                    pollFor(consumer, 100, delivered, latency);
                    if (delivered[0] != before) {
                        quietSince = System.currentTimeMillis();
                    }
                }
                report.add(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %d | %s | %s | %s | %.0f %% | %.2f %%"
                                         + " | %d MB | %s |",
                        cameras, publisher.name, sentInWindow / (double) seconds, deliveredInWindow / (double) seconds,
                        totalSent - delivered[0], millis(latency, 50), millis(latency, 99), millis(latency, 99.9),
                        cpuPercent, cpuPercent / cameras, rssMb, notes));
                report.add(String.format(Locale.ROOT, "(%d cameras, %s: %d latency samples, %d frames sent in all, %d"
                                         + " delivered; publisher CPU by thread (/proc, names cut at 15 characters):"
                                         + " %s)", cameras, publisher.name, latency.count(), totalSent, delivered[0],
                        threads));
            } finally {
                child.close();
            }
        }
    }

    private static String millis(LatencyRecorder latency, double percentile) {
        return latency.count() == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f ms", latency.percentileMillis(percentile));
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KraftBroker broker, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "max.partition.fetch.bytes", KraftBroker.MAX_MESSAGE_BYTES,
                "fetch.max.bytes", 64 << 20), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Polls for {@code millis}, counting records and timing each stamped one while the recorder is open. */
    private static void pollFor(KafkaConsumer<byte[], byte[]> consumer, long millis, long[] delivered,
                                LatencyRecorder latency) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                long now = System.nanoTime();
                delivered[0]++;
                long captured = BenchStamp.captureNanos(record.value());
                if (captured > 0 && latency.isOpen()) {
                    latency.record(now - captured);
                }
            }
        }
    }
}
