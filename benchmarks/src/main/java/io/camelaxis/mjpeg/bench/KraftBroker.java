package io.camelaxis.mjpeg.bench;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node Kafka KRaft broker in this JVM (Kafka's own {@code KafkaClusterTestKit}, as in the examples). */
final class KraftBroker implements AutoCloseable {

    static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
    private final KafkaClusterTestKit cluster;

    private KraftBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static KraftBroker start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES))
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KraftBroker(cluster);
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(Map.of("max.message.bytes",
                    Integer.toString(MAX_MESSAGE_BYTES))))).all().get();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
