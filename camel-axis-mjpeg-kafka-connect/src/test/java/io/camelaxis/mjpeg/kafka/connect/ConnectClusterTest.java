package io.camelaxis.mjpeg.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.camelaxis.mjpeg.parser.JpegMetadata;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector on a real Connect cluster in this JVM: 3 distributed workers and a KRaft broker
 * ({@link EmbeddedConnectCluster}), simulated cameras replaying the real Axis capture over loopback HTTP. One cluster
 * for the whole class, the tests run in order as one story: spread, lose a worker, reconfigure, failing cameras.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectClusterTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectClusterTest.class);
    private static final String CONNECTOR = "cameras";
    private static final String TOPIC = "frames";
    private static final int PARTITIONS = 3;
    /** The rebalance delay of these workers: how long a lost worker's tasks wait before they are given out again. */
    static final long REBALANCE_DELAY_MS = 2000;
    private static final Duration LIVENESS = Duration.ofSeconds(60);

    private final List<byte[]> capture = readCapture();
    private final Map<String, AxisCameraSimulator> simulators = new LinkedHashMap<>();
    private EmbeddedConnectCluster connect;
    private TopicFrames topic;
    private final Map<String, String> config = new HashMap<>();
    /** Bound and never listening: a camera address that refuses connections, and that no other socket can take. */
    private Socket refusingAddress;

    @BeforeAll
    void startCluster() throws Exception {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("scheduled.rebalance.max.delay.ms", Long.toString(REBALANCE_DELAY_MS));
        workerProps.put("offset.flush.interval.ms", "1000");
        connect = new EmbeddedConnectCluster.Builder().name("axis-connect").numWorkers(3).numBrokers(1)
                .workerProps(workerProps).build();
        long start = System.nanoTime();
        connect.start();
        LOG.info("3 workers and 1 broker started in {} ms", (System.nanoTime() - start) / 1_000_000);
        // the replayed capture was taken in 2013: time-based retention would delete its frames at once
        connect.kafka().createTopic(TOPIC, PARTITIONS, 1, Map.of("retention.ms", "-1"));
        topic = new TopicFrames(connect.kafka(), TOPIC, PARTITIONS);
        for (int i = 1; i <= 6; i++) {
            startCamera("cam" + i);
        }
    }

    @AfterAll
    void stopCluster() {
        if (topic != null) {
            topic.close();
        }
        if (connect != null) {
            connect.stop();
        }
        simulators.values().forEach(AxisCameraSimulator::close);
        if (refusingAddress != null) {
            try {
                refusingAddress.close();
            } catch (IOException e) {
                LOG.warn("closing the refusing socket", e);
            }
        }
    }

    private AxisCameraSimulator startCamera(String id) throws IOException {
        AxisCameraSimulator simulator = AxisCameraSimulator.builder().replay(capture).build().start();
        simulators.put(id, simulator);
        return simulator;
    }

    private void putConfig() {
        config.putAll(connectorConfig(TOPIC, 3, simulators.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().hostAndPort()).collect(Collectors.joining(","))));
        config.put("axis.maxReconnectDelay", "2000");
        connect.configureConnector(CONNECTOR, config);
    }

    /** What every connector of these tests sets: its cameras and topic, byte-array frames, 10 fps, quick reconnects. */
    static Map<String, String> connectorConfig(String topic, int tasks, String cameras) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", AxisMjpegSourceConnector.class.getName());
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topic", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("axis.fps", "10");
        config.put("record.timestamp.max.skew.ms", "-1"); // trust the 2013 capture's clock
        config.put("axis.reconnectDelay", "200");
        config.put("cameras", cameras);
        return config;
    }

    // ------------------------------------------------------------------ the story

    @Test
    @Order(1)
    void badConfigurationFailsValidationNamingTheFieldAndMasksPasswords() {
        Map<String, String> bad = new HashMap<>();
        bad.put("name", "validation-only");
        bad.put("connector.class", AxisMjpegSourceConnector.class.getName());
        bad.put("cameras", "gate=127.0.0.1:1,dock=127.0.0.1:2");
        bad.put("axis.fps", "-1");
        bad.put("camera.dock.compression", "101");
        bad.put("camera.dock.username", "root");
        bad.put("camera.dock.password", "secret");
        bad.put("camera.gate.fsp", "5");

        ConfigInfos infos = connect.validateConnectorConfig(AxisMjpegSourceConnector.class.getSimpleName(), bad);

        Map<String, ConfigInfo> byName = new HashMap<>();
        infos.configs().forEach(c -> byName.put(c.configValue().name(), c));
        assertThat(infos.configs().stream().filter(c -> !c.configValue().errors().isEmpty())
                .map(c -> c.configValue().name())).containsExactlyInAnyOrder("axis.fps", "camera.dock.compression",
                "camera.gate.fsp");
        assertThat(infos.errorCount()).isEqualTo(3);
        assertThat(byName.get("axis.fps").configValue().errors())
                .containsExactly("axis-mjpeg: fps must be 0 or more, was -1");
        assertThat(byName.get("camera.dock.compression").configValue().errors())
                .containsExactly("axis-mjpeg: compression must be 0..100, was 101");
        assertThat(byName.get("camera.gate.fsp").configValue().errors()).singleElement().asString()
                .startsWith("camera.gate.fsp is not an option");
        assertThat(byName.get("camera.dock.password").configValue().value()).isEqualTo("[hidden]");
    }

    @Test
    @Order(2)
    void sixCamerasOverThreeWorkersArriveByteExactInOrderWithHeaders() throws InterruptedException {
        putConfig();
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 3, "3 tasks did not start");
        awaitFrames(simulators.keySet(), 30);

        for (String camera : simulators.keySet()) {
            List<TopicFrames.Frame> frames = topic.of(camera);
            for (int i = 0; i < frames.size(); i++) {
                TopicFrames.Frame frame = frames.get(i);
                assertThat(frame.frameNumber()).isEqualTo(i + 1);
                assertThat(frame.number(FrameRecords.CONNECTION_NUMBER)).isEqualTo(1);
                // the simulator replays the capture from its first frame on every connection
                assertThat(frame.jpeg()).isEqualTo(capture.get(i % capture.size()));
                long captured = JpegMetadata.read(capture.get(i % capture.size())).cameraTimestamp();
                assertThat(frame.timestamp()).isEqualTo(captured);
                assertThat(frame.number(FrameRecords.CAMERA_TIMESTAMP)).isEqualTo(captured);
                assertThat(frame.headers()).containsEntry(FrameRecords.CAMERA_ID, camera)
                        .containsEntry(FrameRecords.WIDTH, "320").containsEntry(FrameRecords.HEIGHT, "240");
                assertThat(frame.number(FrameRecords.RECEIVED_TIMESTAMP)).isBetween(frame.readAt() - 60_000,
                        frame.readAt());
            }
        }
        assertThat(topic.of("cam1").get(0).timestamp()).isEqualTo(1374676485670L); // the capture's first frame

        Set<String> workers = connect.connectorStatus(CONNECTOR).tasks().stream()
                .map(ConnectorStateInfo.TaskState::workerId).collect(Collectors.toSet());
        assertThat(workers).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(3)
    void aRemovedWorkersCamerasProduceAgainOnTheSurvivorsAndFrameNumbersContinue() throws Exception {
        ConnectorStateInfo.TaskState victim = connect.connectorStatus(CONNECTOR).tasks().get(0);
        WorkerHandle worker = connect.workers().stream()
                .filter(w -> victim.workerId().endsWith(":" + w.url().getPort())).findFirst().orElseThrow();
        Set<String> moved = camerasOfTask(victim.id());
        Map<String, Long> lastBefore = new HashMap<>();
        topic.catchUp(connect.kafka());
        simulators.keySet().forEach(c -> lastBefore.put(c, topic.lastFrameNumber(c)));

        long removedAt = System.currentTimeMillis();
        connect.removeWorker(worker);
        await().atMost(LIVENESS).pollInSameThread().pollInterval(Duration.ofMillis(100)).until(() -> {
            topic.read();
            // 20 frames: more than the old task can deliver between the catch-up and its stop
            return simulators.keySet().stream().allMatch(c -> topic.lastFrameNumber(c) >= lastBefore.get(c) + 20);
        });
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 3, "tasks did not move");

        // the outage a camera's consumers see: the longest pause between two of its frames around the removal
        long worstGap = 0;
        for (String camera : moved) {
            long previous = 0;
            for (TopicFrames.Frame f : topic.of(camera)) {
                long received = f.number(FrameRecords.RECEIVED_TIMESTAMP);
                if (previous != 0 && received >= removedAt - 1000) {
                    worstGap = Math.max(worstGap, received - previous);
                }
                previous = received;
            }
        }
        LOG.info("Failover: cameras {} of the removed worker produced again after at most {} ms"
                 + " (scheduled.rebalance.max.delay.ms={})", moved, worstGap, REBALANCE_DELAY_MS);
        assertThat(worstGap).isPositive().isLessThan(LIVENESS.toMillis());
        assertEveryCameraNumberedWithoutGapsOrRepeats();
        assertThat(connect.connectorStatus(CONNECTOR).tasks().stream().map(ConnectorStateInfo.TaskState::workerId)
                .collect(Collectors.toSet())).doesNotContain(victim.workerId());
    }

    @Test
    @Order(4)
    void aCameraAddedByConfigUpdateStartsAndARemovedOneStopsWithItsConnectionClosed() throws Exception {
        AxisCameraSimulator removed = simulators.remove("cam1");
        startCamera("cam7");
        assertThat(removed.activeStreams()).isEqualTo(1);
        putConfig();

        await().atMost(LIVENESS).pollInSameThread().until(() -> topic.read().count("cam7") >= 10);
        await().atMost(LIVENESS).until(() -> removed.activeStreams() == 0);
        int cam1Frames = topic.catchUp(connect.kafka()).count("cam1");
        long cam7Now = topic.count("cam7");
        await().atMost(LIVENESS).pollInSameThread().until(() -> topic.read().count("cam7") >= cam7Now + 20);
        assertThat(topic.catchUp(connect.kafka()).count("cam1")).isEqualTo(cam1Frames);
        assertThat(removed.activeStreams()).isZero();
        assertThat(topic.of("cam7").get(0).frameNumber()).isEqualTo(1);
        assertEveryCameraNumberedWithoutGapsOrRepeats();
        removed.close();
    }

    @Test
    @Order(5)
    void aWrongPasswordAnUnreachableCameraAndTooLargeFramesLeaveTheOthersStreamingAndShowTheirFailure()
            throws Exception {
        AxisCameraSimulator locked = AxisCameraSimulator.builder().replay(capture).digestAuth("root", "right", "MD5",
                true).build().start();
        simulators.put("locked", locked);
        // a valid JPEG of 1.3 MB: over the producer's default 1 MiB request, it would fail the whole task if sent
        AxisCameraSimulator huge = AxisCameraSimulator.builder().replay(List.of(padded(capture.get(0), 20)))
                .build().start();
        simulators.put("huge", huge);
        refusingAddress = new Socket();
        refusingAddress.bind(new InetSocketAddress("127.0.0.1", 0));
        config.put("camera.locked.username", "root");
        config.put("camera.locked.password", "wrong");
        Map<String, Long> before = new HashMap<>();
        List<String> healthy = List.of("cam2", "cam3", "cam4", "cam5", "cam6", "cam7");
        topic.catchUp(connect.kafka());
        healthy.forEach(c -> before.put(c, topic.lastFrameNumber(c)));
        config.put("cameras", simulators.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().hostAndPort())
                .collect(Collectors.joining(",")) + ",gone=127.0.0.1:" + refusingAddress.getLocalPort());
        connect.configureConnector(CONNECTOR, config);

        await().atMost(LIVENESS).pollInSameThread().until(() -> {
            topic.read();
            return healthy.stream().allMatch(c -> topic.lastFrameNumber(c) >= before.get(c) + 20);
        });
        await().atMost(LIVENESS).until(() -> locked.authFailures() >= 1
                                             && metric("locked", "last-error") != null
                                             && metric("gone", "last-error") != null
                                             && metric("huge", "frames-too-large") instanceof Long n && n >= 3);
        assertThat(connect.connectorStatus(CONNECTOR).tasks()).hasSize(3)
                .allMatch(t -> t.state().equals("RUNNING"));
        assertThat(metric("locked", "camera-state")).isEqualTo("WAITING_TO_RECONNECT");
        assertThat((String) metric("locked", "last-error")).contains("authentication failed");
        assertThat(metric("gone", "camera-state")).isIn("WAITING_TO_RECONNECT", "CONNECTING");
        assertThat((String) metric("gone", "last-error")).containsIgnoringCase("refused");
        assertThat(metric("cam2", "camera-state")).isEqualTo("STREAMING");
        assertThat(topic.count("locked")).isZero();
        assertThat(topic.count("gone")).isZero();
        assertThat(topic.count("huge")).isZero();
        assertThat(metric("huge", "camera-state")).isEqualTo("STREAMING");
        assertEveryCameraNumberedWithoutGapsOrRepeats();
    }

    @Test
    @Order(6)
    void aCameraClockInTheYear2106IsNotHandedToKafkaAndTheTaskGoesOn() throws Exception {
        // the largest time the Axis COM segment can hold; the brokers refuse a record more than
        // message.timestamp.after.max.ms (1 hour) ahead, which failed the task, even with the skew check off (-1)
        byte[] frame2106 = withCameraClock(capture.get(0), 0xFFFFFFFFL);
        long year2106 = JpegMetadata.read(frame2106).cameraTimestamp();
        assertThat(year2106 / 1000).isEqualTo(0xFFFFFFFFL);
        simulators.put("future", AxisCameraSimulator.builder().replay(List.of(frame2106)).build().start());
        putConfig();

        await().atMost(LIVENESS).pollInSameThread().until(() -> topic.read().count("future") >= 5);

        for (TopicFrames.Frame frame : topic.of("future")) {
            assertThat(frame.number(FrameRecords.CAMERA_TIMESTAMP)).isEqualTo(year2106);
            assertThat(frame.timestamp()).isEqualTo(frame.number(FrameRecords.RECEIVED_TIMESTAMP));
        }
        assertThat(connect.connectorStatus(CONNECTOR).tasks()).hasSize(3)
                .allMatch(t -> t.state().equals("RUNNING"));
        assertThat((Long) metric("future", "timestamps-replaced")).isGreaterThanOrEqualTo(5);
    }

    // ------------------------------------------------------------------ helpers

    /** The JPEG with the seconds of its Axis COM timestamp ({@code FF FE 00 0F 0A 01} + uint32) replaced. */
    private static byte[] withCameraClock(byte[] jpeg, long seconds) {
        byte[] copy = jpeg.clone();
        for (int i = 0; i + 10 <= copy.length; i++) {
            if ((copy[i] & 0xFF) == 0xFF && (copy[i + 1] & 0xFF) == 0xFE && copy[i + 2] == 0 && copy[i + 3] == 0x0F
                && copy[i + 4] == 0x0A && copy[i + 5] == 0x01) {
                for (int b = 0; b < 4; b++) {
                    copy[i + 6 + b] = (byte) (seconds >>> (24 - 8 * b));
                }
                return copy;
            }
        }
        throw new IllegalArgumentException("no Axis timestamp in the frame");
    }

    private void awaitFrames(Set<String> cameras, int atLeast) {
        await().atMost(LIVENESS).pollInSameThread().pollInterval(Duration.ofMillis(100)).until(() -> {
            topic.read();
            return cameras.stream().allMatch(c -> topic.count(c) >= atLeast);
        });
    }

    /** Across restarts and moves, each camera's frame numbers on the topic go 1, 2, 3, ... */
    private void assertEveryCameraNumberedWithoutGapsOrRepeats() {
        topic.read();
        for (String camera : simulators.keySet()) {
            List<TopicFrames.Frame> frames = topic.of(camera);
            List<String> numbers = new ArrayList<>();
            frames.forEach(f -> numbers.add(f.frameNumber() + "@" + f.partition() + ":" + f.offset() + "/c"
                                            + f.headers().get(FrameRecords.CONNECTION_NUMBER)));
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(frames.get(i).frameNumber()).as("frame %d of %s in %s", i, camera, numbers).isEqualTo(i + 1L);
            }
        }
    }

    private Set<String> camerasOfTask(int task) {
        Set<String> cameras = new HashSet<>();
        connect.taskConfigs(CONNECTOR).stream().filter(t -> t.id().task() == task).findFirst().orElseThrow()
                .config().get(AxisMjpegConnectorConfig.TASK_CAMERAS).lines()
                .forEach(l -> cameras.addAll(List.of(l.split(","))));
        return cameras;
    }

    /** The JPEG with {@code segments} application segments of 64 KB after its SOI marker: still a valid JPEG. */
    static byte[] padded(byte[] jpeg, int segments) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        byte[] payload = new byte[65533];
        for (int i = 0; i < segments; i++) {
            out.write(0xFF);
            out.write(0xEF); // APP15
            out.write(0xFF);
            out.write(0xFF); // length 65535, counting these two bytes
            out.write(payload, 0, payload.length);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A camera's metric as the worker publishes it over JMX, or null. */
    private static Object metric(String camera, String name) throws Exception {
        return metric(CONNECTOR, camera, name);
    }

    /** A camera's metric in a connector, as the worker publishes it over JMX, or null. */
    static Object metric(String connector, String camera, String name) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName mbean : server.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null)) {
            if (camera.equals(mbean.getKeyProperty("camera")) && connector.equals(mbean.getKeyProperty("connector"))) {
                return server.getAttribute(mbean, name);
            }
        }
        return null;
    }

    private static List<byte[]> readCapture() {
        try {
            return CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
