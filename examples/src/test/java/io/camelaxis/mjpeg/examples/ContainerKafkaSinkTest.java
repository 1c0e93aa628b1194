package io.camelaxis.mjpeg.examples;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same contract against Kafka in a container, where Docker exists; skipped elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaSinkTest extends KafkaSinkContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1")
            .withEnv("KAFKA_MESSAGE_MAX_BYTES", Integer.toString(CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES));

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }

    @Override
    protected void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1).configs(Map.of("max.message.bytes",
                    Integer.toString(CameraToKafkaRoute.MAX_FRAME_MESSAGE_BYTES))))).all().get();
        }
    }
}
