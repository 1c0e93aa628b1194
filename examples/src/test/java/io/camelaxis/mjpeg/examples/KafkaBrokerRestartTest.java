package io.camelaxis.mjpeg.examples;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.camelaxis.mjpeg.AxisMjpegConsumer;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka example while its broker is stopped and restarted mid-stream (the real in-JVM KRaft broker, shut down and
 * started again on the same port with the same log directory): every frame the camera sent is either in the topic,
 * byte-exact and once, or counted as dropped, by the route (not acknowledged within the delivery timeout) or by the
 * consumer's queue (backpressure); and the camera connection never drops.
 *
 * <p>
 * One case is Kafka's own: a frame the broker wrote just before it went down, but never acknowledged, times out on
 * the producer's side and is counted as dropped although it is in the topic (Kafka reports "not sent" and "sent, no
 * answer" alike). It is written once, and counted once among the route's drops, so the accounting below counts the
 * frames in the topic that the route did not report as dropped.
 */
class KafkaBrokerRestartTest {

    /** 14 s of video at 25 fps: the outage (4 s and the restart) falls in the middle, frames keep coming after it. */
    private static final int FRAMES = 350;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(4);

    @Test
    void framesDuringABrokerRestartAreDeliveredLateOrCountedNeverLostAndTheCameraStaysConnected() throws Exception {
        List<byte[]> capture = CaptureFile.readFrames(CaptureFile.sharedAxisCapture());
        String topic = "restart-" + System.nanoTime();
        // a restarted broker may register again only once its old session expired: 3 s instead of 9 s
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Map.of("broker.session.timeout.ms", "3000",
                "broker.heartbeat.interval.ms", "500"));
             AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).replay(capture).build().start()) {
            kafka.createFrameTopic(topic, 1);
            CameraToKafkaRoute route = new CameraToKafkaRoute("axis-mjpeg:" + camera.hostAndPort()
                    + "?cameraId=gate&fps=25&nbrOfFrames=" + FRAMES, kafka.bootstrapServers(), topic, DELIVERY_TIMEOUT);
            CamelContext context = new DefaultCamelContext();
            DroppedFrameNumbers droppedByRoute = DroppedFrameNumbers.watch(context);
            context.addRoutes(route);
            context.start();
            AxisMjpegConsumer consumer = (AxisMjpegConsumer) context.getRoutes().get(0).getConsumer();
            long outageStart;
            long outageEnd;
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getFramesDelivered() >= 25);
                kafka.stopBroker();
                outageStart = System.currentTimeMillis();
                // down until the frame in flight has been given up and the queue has overflowed: both ways a frame
                // can be dropped happen in this run
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> route.undeliveredFrames().count() >= 1 && consumer.getDroppedFrames() >= 1);
                kafka.restartBroker();
                outageEnd = System.currentTimeMillis();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> consumer.getFramesDelivered()
                        + consumer.getFailedExchanges() + consumer.getDroppedFrames() == FRAMES);
            } finally {
                context.stop();
            }

            List<ConsumerRecord<String, byte[]>> records = readBack(kafka.bootstrapServers(), topic);
            Set<Long> inTopic = new HashSet<>();
            long previous = 0;
            long deliveredLate = 0;
            for (ConsumerRecord<String, byte[]> r : records) {
                long number = Long.parseLong(header(r, KafkaFrameHeaders.FRAME_NUMBER));
                assertThat(inTopic.add(number)).as("frame %d written once", number).isTrue();
                assertThat(number).as("frames in camera order").isGreaterThan(previous);
                previous = number;
                assertThat(r.value()).as("frame %d", number).isEqualTo(capture.get((int) ((number - 1) % 10)));
                long received = Long.parseLong(header(r, KafkaFrameHeaders.RECEIVED_TIMESTAMP));
                if (received >= outageStart && received < outageEnd) {
                    deliveredLate++;
                }
            }
            Set<Long> dropped = droppedByRoute.numbers();
            long acknowledged = inTopic.stream().filter(n -> !dropped.contains(n)).count();
            System.out.printf("broker down %d ms: %d frames sent by the camera; %d in the topic, %d of them received"
                              + " during the outage and delivered late; %d dropped by the route (delivery timeout),"
                              + " %d of these written all the same; %d dropped by the consumer's queue; %d failed"
                              + " exchanges%n",
                    outageEnd - outageStart, consumer.getFramesReceived(), records.size(), deliveredLate,
                    dropped.size(), records.size() - acknowledged, consumer.getDroppedFrames(),
                    consumer.getFailedExchanges());

            assertThat(consumer.getFramesReceived()).isEqualTo(FRAMES);
            assertThat(route.undeliveredFrames().count()).isEqualTo(dropped.size());
            assertThat(acknowledged + route.undeliveredFrames().count() + consumer.getDroppedFrames()
                       + consumer.getFailedExchanges()).isEqualTo(FRAMES);
            assertThat(consumer.getFailedExchanges()).isZero();
            assertThat(deliveredLate).as("frames queued during the outage, sent when the broker was back")
                    .isPositive();
            assertThat(consumer.getConnections()).isEqualTo(1);
            assertThat(consumer.getReconnects()).isZero();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Everything in the topic's only partition, read without a consumer group. */
    private static List<ConsumerRecord<String, byte[]>> readBack(String brokers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES);
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.currentTimeMillis() + 60_000;
            while (consumer.position(partition) < end && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }
}
