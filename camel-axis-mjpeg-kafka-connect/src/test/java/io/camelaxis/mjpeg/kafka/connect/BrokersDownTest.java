package io.camelaxis.mjpeg.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.camelaxis.mjpeg.LogCapture;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka brokers unreachable when a camera's first frame arrives, on a real worker and KRaft broker in this JVM.
 *
 * <p>
 * What is covered, exactly: the Connect worker needs Kafka to start and to take a connector, so the brokers are up
 * while the connector is created and its task starts (the task reads its committed offsets then). They are stopped
 * once the task runs and before the camera sends anything (the camera is not listening yet); the camera then streams
 * into a task whose producer has never reached a broker, and the brokers come back on their ports later. Not covered:
 * a task starting while the brokers are already down (Connect's own offset read waits for them).
 *
 * <p>
 * What Connect does meanwhile, as seen here: a worker that cannot reach its group coordinator for
 * {@code heartbeat.interval.ms} (3 s by default) revokes its tasks. The task's thread waits in the producer's send
 * without end, so its graceful stop times out ({@code task.shutdown.graceful.timeout.ms}, 5 s), Connect closes the
 * producer, and only then is the task's {@code stop()} called; once the brokers are back the task starts again and
 * numbers on from the last committed offset.
 */
class BrokersDownTest {

    private static final Logger LOG = LoggerFactory.getLogger(BrokersDownTest.class);
    private static final Duration LIVENESS = Duration.ofSeconds(60);
    private static final String CONNECTOR = "brokers-down";
    /** Below the 3 s after which the worker revokes its tasks, so the camera is seen waiting before that. */
    private static final long WAITING_FOR_KAFKA_MS = 1500;

    private final List<byte[]> capture = readCapture();
    private EmbeddedConnectCluster connect;
    private AxisCameraSimulator gate;
    private TopicFrames topic;

    @BeforeEach
    void startCluster() {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "1000");
        connect = new EmbeddedConnectCluster.Builder().name("brokers-down").numWorkers(1).numBrokers(1)
                .workerProps(workerProps).build();
        connect.start();
        // the replayed capture was taken in 2013: time-based retention would delete its frames at once
        connect.kafka().createTopic(CONNECTOR, 1, 1, Map.of("retention.ms", "-1"));
    }

    @AfterEach
    void stopCluster() {
        if (topic != null) {
            topic.close();
        }
        if (connect != null) {
            connect.stop();
        }
        if (gate != null) {
            gate.close();
        }
    }

    /**
     * The camera streams while no broker answers: the task does not fail and nothing hangs. Within
     * {@code waiting.for.kafka.ms} of the camera's first frame it is reported WAITING_FOR_KAFKA with a warning naming
     * it (not STREAMING while nothing is written, though the task queue is far from full); when Connect takes the task
     * away, its stop closes the camera's connection while the brokers are still down and says how many queued frames
     * were not written; when the brokers are back the task runs again, the camera is STREAMING, and its frames are on
     * the topic numbered from 1 without a gap or a repeat (nothing was committed: the discarded frames' numbers are
     * given again, as documented) and nothing counted dropped.
     */
    @Test
    void aCameraStreamingWhileTheBrokersAreDownIsReportedWaitingAndStreamsIntoKafkaWhenTheyAreBack()
            throws Exception {
        int port = freePort();
        Map<String, String> config = ConnectClusterTest.connectorConfig(CONNECTOR, 1, "gate=127.0.0.1:" + port);
        config.put("waiting.for.kafka.ms", Long.toString(WAITING_FOR_KAFKA_MS));
        config.put("axis.maxReconnectDelay", "500");
        connect.configureConnector(CONNECTOR, config);
        await().atMost(LIVENESS).until(() -> metric("camera-state") != null);
        assertThat(metric("frames-received")).isEqualTo(0L);

        try (LogCapture waiting = LogCapture.of(KafkaProgress.class);
             LogCapture task = LogCapture.of(AxisMjpegSourceTask.class)) {
            long stopping = System.nanoTime();
            connect.kafka().stopOnlyBrokers();
            LOG.info("brokers stopped in {} ms", (System.nanoTime() - stopping) / 1_000_000);
            gate = AxisCameraSimulator.builder().port(port).replay(capture).build().start();

            await().atMost(LIVENESS).until(() -> metric("frames-received") instanceof Long n && n > 0);
            long firstFrame = System.nanoTime();
            await().atMost(Duration.ofMillis(WAITING_FOR_KAFKA_MS + 1000))
                    .until(() -> CameraStatus.WAITING_FOR_KAFKA.equals(metric("camera-state")));
            LOG.info("WAITING_FOR_KAFKA {} ms after the first frame", (System.nanoTime() - firstFrame) / 1_000_000);
            assertThat(metric("frames-written")).isEqualTo(0L);
            // said by the camera's thread with its next frame
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(waiting.lines()).anySatisfy(line ->
                    assertThat(line).startsWith("WARN Camera gate: Kafka has taken no frame of this camera")
                            .contains("WAITING_FOR_KAFKA")));

            // Connect takes the task away; its stop frees the camera though the brokers are still down
            await().atMost(LIVENESS).until(() -> gate.activeStreams() == 0);
            LOG.info("camera's connection closed {} ms after its first frame",
                    (System.nanoTime() - firstFrame) / 1_000_000);
            assertThat(task.lines()).anySatisfy(line -> assertThat(line).startsWith("INFO Camera gate stopped:")
                    .contains(" 0 written, 0 dropped"));
            assertThat(task.lines()).anySatisfy(line -> assertThat(line).matches("INFO \\d+ queued frame\\(s\\) not"
                    + " handed to Kafka at stop; their numbers are given again after restart"));
            int connectionsWhileDown = gate.connections();

            long restarting = System.nanoTime();
            connect.kafka().restartOnlyBrokers();
            LOG.info("brokers back in {} ms", (System.nanoTime() - restarting) / 1_000_000);
            topic = new TopicFrames(connect.kafka(), CONNECTOR, 1);
            await().atMost(LIVENESS).pollInSameThread().until(() -> topic.read().lastFrameNumber("gate") >= 30);
            assertThat(gate.connections()).isGreaterThan(connectionsWhileDown);
        }
        assertThat(metric("camera-state")).isEqualTo("STREAMING");
        assertThat(metric("frames-dropped")).isEqualTo(0L);
        KafkaSideFailuresTest.assertNumberedWithoutGapsOrRepeats(topic, "gate");
        assertThat(topic.of("gate").get(0).jpeg()).isEqualTo(capture.get(0));
        assertThat(connect.connectorStatus(CONNECTOR).tasks()).singleElement()
                .satisfies(t -> assertThat(t.state()).as(t.trace()).isEqualTo("RUNNING"));

        connect.deleteConnector(CONNECTOR);
        await().atMost(LIVENESS).until(() -> gate.activeStreams() == 0);
    }

    private static Object metric(String name) throws Exception {
        return ConnectClusterTest.metric(CONNECTOR, "gate", name);
    }

    /** A port nothing listens on now: the camera's, before it is switched on. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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
