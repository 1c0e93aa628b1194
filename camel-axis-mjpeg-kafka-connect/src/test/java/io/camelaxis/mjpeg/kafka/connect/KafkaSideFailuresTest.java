package io.camelaxis.mjpeg.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Failures on the Kafka side and of Connect's own machinery, on a real worker and KRaft broker in this JVM: what the
 * cameras of a task see when Kafka refuses a record or Connect restarts the task. Each connector has a topic of its
 * own, so that the tests do not depend on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaSideFailuresTest {

    private static final Duration LIVENESS = Duration.ofSeconds(60);
    private static final int PARTITIONS = 1;

    private final List<byte[]> capture = readCapture();
    private final List<AxisCameraSimulator> simulators = new ArrayList<>();
    private final List<TopicFrames> readers = new ArrayList<>();
    private EmbeddedConnectCluster connect;

    @BeforeAll
    void startCluster() {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "1000");
        connect = new EmbeddedConnectCluster.Builder().name("kafka-failures").numWorkers(1).numBrokers(1)
                .workerProps(workerProps).build();
        connect.start();
    }

    @AfterAll
    void stopCluster() {
        readers.forEach(TopicFrames::close);
        if (connect != null) {
            connect.stop();
        }
        simulators.forEach(AxisCameraSimulator::close);
    }

    /**
     * The producer's limit raised as the documentation shows ({@code producer.override.max.request.size}, 10 MB) but
     * the topic left at Kafka's default {@code max.message.bytes} (1 MB): a 1.3 MB frame passes the producer and is
     * refused by the broker. With Connect's default {@code errors.tolerance=none} that refusal failed the task and
     * stopped its other camera; the frame must instead be dropped and counted, and the other camera go on.
     */
    @Test
    void aFrameTheTopicWouldRefuseDoesNotFailTheTaskWhenOnlyTheProducerLimitWasRaised() throws Exception {
        String connector = "large-frames";
        AxisCameraSimulator huge = camera(List.of(ConnectClusterTest.padded(capture.get(0), 20)));
        AxisCameraSimulator small = camera(capture);
        TopicFrames topic = topic(connector);
        Map<String, String> config = config(connector, "huge=" + huge.hostAndPort() + ",small=" + small.hostAndPort());
        config.put("producer.override.max.request.size", "10485760");
        connect.configureConnector(connector, config);

        await().atMost(LIVENESS).pollInSameThread().until(() -> taskFailed(connector)
                || topic.read().count("small") >= 30 && tooLarge(connector, "huge") >= 5);

        assertThat(connect.connectorStatus(connector).tasks()).singleElement()
                .satisfies(t -> assertThat(t.state()).as(t.trace()).isEqualTo("RUNNING"));
        assertThat(ConnectClusterTest.metric(connector, "huge", "camera-state")).isEqualTo("STREAMING");
        assertThat(topic.count("huge")).isZero();
        long smallNow = topic.lastFrameNumber("small");
        await().atMost(LIVENESS).pollInSameThread().until(() -> topic.read().lastFrameNumber("small") >= smallNow + 20);
        assertNumberedWithoutGapsOrRepeats(topic, "small");
        connect.deleteConnector(connector);
    }

    /**
     * {@code errors.tolerance=all} and a {@code record.max.bytes} the topic does not take: Connect goes on past each
     * refused frame and tells the task through {@code commitRecord(record, null)}. Those frames were gaps in the
     * camera's frame numbers that no metric counted; they are counted in {@code frames-not-written}.
     */
    @Test
    void framesKafkaRefusesUnderErrorsToleranceAllAreCountedNotWritten() throws Exception {
        String connector = "tolerated";
        AxisCameraSimulator huge = camera(List.of(ConnectClusterTest.padded(capture.get(0), 20)));
        AxisCameraSimulator small = camera(capture);
        TopicFrames topic = topic(connector);
        Map<String, String> config = config(connector, "huge=" + huge.hostAndPort() + ",small=" + small.hostAndPort());
        withTenMegabyteRecords(config); // while the topic takes 1 MiB
        config.put("errors.tolerance", "all");
        connect.configureConnector(connector, config);

        await().atMost(LIVENESS).pollInSameThread().until(() -> taskFailed(connector)
                || topic.read().count("small") >= 30 && notWritten(connector, "huge") >= 5);

        assertThat(connect.connectorStatus(connector).tasks()).singleElement()
                .satisfies(t -> assertThat(t.state()).as(t.trace()).isEqualTo("RUNNING"));
        assertThat(topic.count("huge")).isZero();
        assertThat(ConnectClusterTest.metric(connector, "huge", "frames-written")).isEqualTo(0L);
        assertThat(ConnectClusterTest.metric(connector, "huge", "frames-too-large")).isEqualTo(0L);
        assertThat(notWritten(connector, "small")).isZero();
        assertNumberedWithoutGapsOrRepeats(topic, "small");
        connect.deleteConnector(connector);
    }

    /**
     * The topic deleted while the camera streams (and not created again: these brokers do not create topics): Connect's
     * producer waits for it without end and the task stays RUNNING. The camera, which was reported STREAMING while
     * nothing was written, is reported WAITING_FOR_KAFKA, and the task still stops when asked.
     */
    @Test
    void aCameraWhoseTopicWasDeletedIsReportedWaitingForKafkaNotStreaming() throws Exception {
        String connector = "deleted-topic";
        AxisCameraSimulator gate = camera(capture);
        TopicFrames topic = topic(connector);
        Map<String, String> config = config(connector, "gate=" + gate.hostAndPort());
        config.put("waiting.for.kafka.ms", "2000"); // reported after 2 s of waiting rather than the default 10
        connect.configureConnector(connector, config);
        await().atMost(LIVENESS).pollInSameThread().until(() -> topic.read().count("gate") >= 20);

        connect.kafka().deleteTopic(connector);

        await().atMost(LIVENESS).until(() -> CameraStatus.WAITING_FOR_KAFKA.equals(
                ConnectClusterTest.metric(connector, "gate", "camera-state")));
        long written = (Long) ConnectClusterTest.metric(connector, "gate", "frames-written");
        Thread.sleep(1000);
        assertThat(ConnectClusterTest.metric(connector, "gate", "frames-written")).isEqualTo(written);
        assertThat(connect.kafka().describeTopics(connector).get(connector)).isEmpty();
        connect.deleteConnector(connector);
        await().atMost(LIVENESS).until(() -> gate.activeStreams() == 0);
    }

    /** With the topic's limit raised too, {@code record.max.bytes} says so, and the 1.3 MB frames are records. */
    @Test
    void aFrameTheTopicTakesIsWrittenOnceRecordMaxBytesSaysSo() throws Exception {
        String connector = "large-topic";
        byte[] frame = ConnectClusterTest.padded(capture.get(0), 20);
        AxisCameraSimulator huge = camera(List.of(frame));
        connect.kafka().createTopic(connector, PARTITIONS, 1, Map.of("retention.ms", "-1", "max.message.bytes",
                "10485760"));
        TopicFrames topic = reader(connector);
        Map<String, String> config = config(connector, "huge=" + huge.hostAndPort());
        withTenMegabyteRecords(config);
        connect.configureConnector(connector, config);

        await().atMost(LIVENESS).pollInSameThread().until(() -> topic.read().count("huge") >= 5);

        assertThat(topic.of("huge")).allSatisfy(f -> assertThat(f.jpeg()).isEqualTo(frame));
        assertThat(tooLarge(connector, "huge")).isZero();
        assertNumberedWithoutGapsOrRepeats(topic, "huge");
        connect.deleteConnector(connector);
    }

    /**
     * {@code POST /connectors/<name>/tasks/0/restart} while the cameras stream: the restarted task goes on numbering
     * each camera where the stopped one left off, with no number twice and none skipped.
     */
    @Test
    void aTaskRestartedThroughRestContinuesEachCamerasFrameNumbers() throws Exception {
        String connector = "restarted";
        AxisCameraSimulator gate = camera(capture);
        AxisCameraSimulator dock = camera(capture);
        TopicFrames topic = topic(connector);
        connect.configureConnector(connector, config(connector, "gate=" + gate.hostAndPort() + ",dock="
                + dock.hostAndPort()));
        await().atMost(LIVENESS).pollInSameThread()
                .until(() -> topic.read().count("gate") >= 20 && topic.count("dock") >= 20);

        for (int restart = 1; restart <= 2; restart++) {
            int connectionsBefore = gate.connections();
            connect.restartTask(connector, 0);
            await().atMost(LIVENESS).until(() -> gate.connections() > connectionsBefore);
            long gateNow = topic.read().lastFrameNumber("gate");
            long dockNow = topic.lastFrameNumber("dock");
            await().atMost(LIVENESS).pollInSameThread().until(() -> topic.read().lastFrameNumber("gate") >= gateNow + 20
                    && topic.lastFrameNumber("dock") >= dockNow + 20);
        }

        assertThat(connect.connectorStatus(connector).tasks()).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        assertNumberedWithoutGapsOrRepeats(topic, "gate");
        assertNumberedWithoutGapsOrRepeats(topic, "dock");
        // the metrics of the restarted task count its own frames: none of the first task's are counted again
        long written = (Long) ConnectClusterTest.metric(connector, "gate", "frames-written");
        assertThat(written).isLessThan(topic.count("gate"));
        connect.deleteConnector(connector);
    }

    // ------------------------------------------------------------------ helpers

    private AxisCameraSimulator camera(List<byte[]> frames) throws IOException {
        AxisCameraSimulator simulator = AxisCameraSimulator.builder().replay(frames).build().start();
        simulators.add(simulator);
        return simulator;
    }

    /** A new topic of Kafka's default limits, and its reader. */
    private TopicFrames topic(String connector) {
        // the replayed capture was taken in 2013: time-based retention would delete its frames at once
        connect.kafka().createTopic(connector, PARTITIONS, 1, Map.of("retention.ms", "-1"));
        return reader(connector);
    }

    private TopicFrames reader(String connector) {
        TopicFrames topic = new TopicFrames(connect.kafka(), connector, PARTITIONS);
        readers.add(topic);
        return topic;
    }

    /** One task, the topic named as the connector. */
    private static Map<String, String> config(String connector, String cameras) {
        return ConnectClusterTest.connectorConfig(connector, 1, cameras);
    }

    /** The producer's limit raised to 10 MB and {@code record.max.bytes} told the topic takes as much. */
    private static void withTenMegabyteRecords(Map<String, String> config) {
        config.put("producer.override.max.request.size", "10485760");
        config.put("record.max.bytes", Integer.toString(10485760 - 64 * 1024));
    }

    private boolean taskFailed(String connector) {
        ConnectorStateInfo status = connect.connectorStatus(connector);
        return status.tasks().stream().anyMatch(t -> t.state().equals("FAILED"));
    }

    private static long tooLarge(String connector, String camera) throws Exception {
        return ConnectClusterTest.metric(connector, camera, "frames-too-large") instanceof Long n ? n : 0;
    }

    private static long notWritten(String connector, String camera) throws Exception {
        return ConnectClusterTest.metric(connector, camera, "frames-not-written") instanceof Long n ? n : 0;
    }

    /** The camera's records on the topic are numbered 1, 2, 3, ... with no number skipped or given twice. */
    static void assertNumberedWithoutGapsOrRepeats(TopicFrames topic, String camera) {
        List<Long> numbers = topic.of(camera).stream().map(TopicFrames.Frame::frameNumber).toList();
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("frame %d of %s in %s", i, camera, numbers.stream().map(String::valueOf)
                    .collect(Collectors.joining(","))).isEqualTo(i + 1L);
        }
    }

    private static List<byte[]> readCapture() {
        try {
            return CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
