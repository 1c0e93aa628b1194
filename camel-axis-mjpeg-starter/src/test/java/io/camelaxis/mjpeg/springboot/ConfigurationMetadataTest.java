package io.camelaxis.mjpeg.springboot;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE completion metadata that spring-boot-configuration-processor wrote for both components' properties. */
class ConfigurationMetadataTest {

    @Test
    void everyComponentOptionIsAPropertyWithItsTypeAndDescription() throws Exception {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(metadata)
                .contains("\"name\": \"camel.component.axis-mjpeg.password\"")
                .contains("\"name\": \"camel.component.axis-mjpeg.backpressure\"")
                .contains("\"type\": \"io.camelaxis.mjpeg.Backpressure\"")
                .contains("\"name\": \"camel.component.axis-mjpeg.use-global-ssl-context-parameters\"")
                .contains("\"name\": \"camel.component.axis-mjpeg.vapix-parameters\"")
                .contains("\"name\": \"camel.component.axis-mjpeg.reconnect-delay\"")
                .contains("\"name\": \"camel.component.mjpeg-relay.io-threads\"")
                .contains("\"description\": \"Password for the camera's authentication. Never logged.\"");
    }
}
