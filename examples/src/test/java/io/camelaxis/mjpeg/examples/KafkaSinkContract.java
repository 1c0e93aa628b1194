package io.camelaxis.mjpeg.examples;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.imageio.ImageIO;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the camera-to-Kafka and analytics examples must do, against whatever broker a subclass provides: every frame
 * of every camera arrives byte-exact with its headers, in order per camera, none lost.
 */
abstract class KafkaSinkContract {

    private static final int FRAMES = 30;

    protected abstract String bootstrapServers();

    protected abstract void createTopic(String topic) throws Exception;

    @Test
    void everyFrameOfTwoCamerasArrivesByteExactInOrderWithHeaders() throws Exception {
        String topic = "frames-" + System.nanoTime();
        createTopic(topic);
        List<byte[]> capture = CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        try (AxisCameraSimulator gate = AxisCameraSimulator.builder().fps(25).replay(capture).build().start();
             AxisCameraSimulator yard = AxisCameraSimulator.builder().fps(25).resolution(160, 120).build().start()) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new CameraToKafkaRoute(uri(gate, "gate"), bootstrapServers(), topic));
            context.addRoutes(new CameraToKafkaRoute(uri(yard, "yard"), bootstrapServers(), topic));
            context.start();
            Map<String, List<ConsumerRecord<String, byte[]>>> byCamera;
            try {
                byCamera = readBack(topic, 2 * FRAMES);
            } finally {
                context.stop();
            }
            List<ConsumerRecord<String, byte[]>> gateRecords = byCamera.get("gate");
            assertThat(gateRecords).hasSize(FRAMES);
            for (int i = 0; i < FRAMES; i++) {
                ConsumerRecord<String, byte[]> r = gateRecords.get(i);
                assertThat(r.value()).as("gate frame %d", i + 1).isEqualTo(capture.get(i % 10));
                assertThat(header(r, KafkaFrameHeaders.FRAME_NUMBER)).isEqualTo(Integer.toString(i + 1));
                assertThat(header(r, KafkaFrameHeaders.CAMERA_TIMESTAMP))
                        .isEqualTo(Long.toString(1374676485670L + (i % 10) * 40L));
                assertThat(header(r, KafkaFrameHeaders.WIDTH)).isEqualTo("320");
                assertThat(header(r, KafkaFrameHeaders.HEIGHT)).isEqualTo("240");
                assertThat(header(r, KafkaFrameHeaders.RECEIVED_TIMESTAMP)).isNotNull();
            }
            List<ConsumerRecord<String, byte[]>> yardRecords = byCamera.get("yard");
            assertThat(yardRecords).hasSize(FRAMES);
            for (int i = 0; i < FRAMES; i++) {
                ConsumerRecord<String, byte[]> r = yardRecords.get(i);
                assertThat(header(r, KafkaFrameHeaders.FRAME_NUMBER)).isEqualTo(Integer.toString(i + 1));
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.value()));
                assertThat(image.getWidth()).isEqualTo(160);
            }
            // one key per camera: a camera's frames share a partition, which is what keeps them in order
            assertThat(gateRecords.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
        }
    }

    @Test
    void analyticsConsumerReportsFpsMissingFramesAndLatencyPerCamera() throws Exception {
        String topic = "analytics-" + System.nanoTime();
        createTopic(topic);
        try (AxisCameraSimulator a = AxisCameraSimulator.builder().resolution(96, 72).build().start();
             AxisCameraSimulator b = AxisCameraSimulator.builder().resolution(96, 72).build().start()) {
            FrameAnalyticsRoute analytics = new FrameAnalyticsRoute(bootstrapServers(), topic, 1000);
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(analytics);
            context.addRoutes(new CameraToKafkaRoute(uri(a, "lobby", 40, 20), bootstrapServers(), topic));
            context.addRoutes(new CameraToKafkaRoute(uri(b, "dock", 20, 10), bootstrapServers(), topic));
            context.start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                    Map<String, CameraFeedStats.Report> reports = analytics.stats().reports();
                    return reports.size() == 2 && reports.get("lobby").frames() == 40
                           && reports.get("dock").frames() == 20;
                });
            } finally {
                context.stop();
            }
            CameraFeedStats.Report lobby = analytics.stats().reports().get("lobby");
            CameraFeedStats.Report dock = analytics.stats().reports().get("dock");
            assertThat(lobby.missingFrames()).isZero();
            assertThat(dock.missingFrames()).isZero();
            // the rate itself is computed exactly in CameraFeedStatsTest; here: each camera's own, 20 fps vs 10 fps
            assertThat(lobby.fps()).isGreaterThan(dock.fps());
            assertThat(lobby.latencyP50Millis()).isBetween(0L, 5_000L);
            assertThat(lobby.latencyP99Millis()).isGreaterThanOrEqualTo(lobby.latencyP50Millis());
        }
    }

    private static String uri(AxisCameraSimulator camera, String id) {
        return uri(camera, id, FRAMES, 25);
    }

    private static String uri(AxisCameraSimulator camera, String id, int frames, int fps) {
        return "axis-mjpeg:" + camera.hostAndPort() + "?cameraId=" + id + "&nbrOfFrames=" + frames + "&fps=" + fps;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Map<String, List<ConsumerRecord<String, byte[]>>> readBack(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "verify-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES);
        Map<String, List<ConsumerRecord<String, byte[]>>> byCamera = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (all.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            // keep polling briefly: more records than expected would mean duplicates
            consumer.poll(Duration.ofMillis(500)).forEach(all::add);
        }
        for (ConsumerRecord<String, byte[]> r : all) {
            byCamera.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }
        return byCamera;
    }
}
