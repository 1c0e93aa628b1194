package io.camelaxis.mjpeg.examples;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka KRaft broker in this JVM (Kafka's own {@code KafkaClusterTestKit}), for the examples when
 * no {@code --kafka} is given, and for the tests.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedKafka start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("message.max.bytes", Integer.toString(CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES))
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new EmbeddedKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Creates a topic sized for JPEG frames: {@code max.message.bytes} raised to
     * {@link CameraToKafkaRoute#MAX_FRAME_MESSAGE_BYTES}, as the Kafka example's docs advise.
     */
    public void createFrameTopic(String topic, int partitions) throws Exception {
        try (Admin admin = cluster.admin()) {
            NewTopic newTopic = new NewTopic(topic, partitions, (short) 1).configs(Map.of("max.message.bytes",
                    Integer.toString(CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES)));
            admin.createTopics(List.of(newTopic)).all().get();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
