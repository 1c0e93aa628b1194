package io.camelaxis.mjpeg.examples;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Kafka examples against a real KRaft broker in this JVM: always runs, no Docker needed. */
class EmbeddedKafkaSinkTest extends KafkaSinkContract {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Override
    protected String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    protected void createTopic(String topic) throws Exception {
        kafka.createFrameTopic(topic, 3);
    }
}
