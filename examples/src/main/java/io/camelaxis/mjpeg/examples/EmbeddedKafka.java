package io.camelaxis.mjpeg.examples;

import java.util.List;
import java.util.Map;

import kafka.server.BrokerServer;
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
        return start(Map.of());
    }

    /** @param brokerConfig broker settings to add or override, such as {@code broker.session.timeout.ms} */
    public static EmbeddedKafka start(Map<String, String> brokerConfig) throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("message.max.bytes", Integer.toString(CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES));
        brokerConfig.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
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

    /**
     * Stops the broker, as an outage its clients see: connections to its port are refused. The KRaft controller (same
     * node) keeps running, and the broker's log directory is kept.
     */
    public void stopBroker() {
        cluster.brokers().values().forEach(BrokerServer::shutdown);
    }

    /**
     * Starts the stopped broker again, on the same port (the test kit keeps each listener's port for restarts) and
     * with the same log directory, and waits until it serves requests again. The controller accepts the new
     * registration only once the old one's session has expired ({@code broker.session.timeout.ms}, 9 s by default).
     */
    public void restartBroker() throws Exception {
        cluster.brokers().values().forEach(BrokerServer::startup);
        cluster.waitForReadyBrokers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
