package io.camelaxis.mjpeg.springboot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelaxis.mjpeg.AxisMjpegComponent;
import io.camelaxis.mjpeg.relay.MjpegRelayComponent;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a running Spring Boot application: the camera configured only through application.properties,
 * frames received, the consumer in /actuator/health and its meters in /actuator/prometheus, over real HTTP.
 */
@SpringBootTest(classes = CameraApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static AxisCameraSimulator camera;

    @DynamicPropertySource
    static void cameraAddress(DynamicPropertyRegistry registry) throws Exception {
        camera = AxisCameraSimulator.builder().fps(25).digestAuth("viewer", "p@ss:w=rd#&?%20+ x", "MD5", true)
                .build().start();
        registry.add("camera.address", camera::hostAndPort);
    }

    @AfterAll
    static void stopCamera() {
        camera.close();
    }

    @Autowired
    private AtomicInteger framesSeen;
    @Autowired
    private CamelContext camelContext;
    @Autowired
    private Environment environment;

    @Test
    void framesHealthAndMetersOfACameraConfiguredInApplicationProperties() throws Exception {
        Awaitility.await().atMost(WAIT).until(() -> framesSeen.get() >= 5);
        assertThat(camera.lastRequestTarget()).isEqualTo("/axis-cgi/mjpg/video.cgi?resolution=64x48&fps=10&color=0");
        assertThat(camera.authFailures()).isZero();
        AxisMjpegComponent component = camelContext.getComponent("axis-mjpeg", AxisMjpegComponent.class);
        assertThat(component.getConfiguration().getReconnectDelay()).isEqualTo(200);
        assertThat(camelContext.getComponent("mjpeg-relay", MjpegRelayComponent.class).getIoThreads()).isEqualTo(1);

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("axis-mjpeg-consumer-gate")
                .contains("\"camera\":\"gate\"").contains("\"state\":\"STREAMING\"").doesNotContain("p@ss");

        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).containsPattern("camel_axis_mjpeg_frames_total\\{[^}]*camera=\"gate\"[^}]*"
                                                      + "routeId=\"gate\"[^}]*} [1-9]")
                .containsPattern("camel_axis_mjpeg_state\\{[^}]*state=\"STREAMING\"[^}]*} 1")
                .contains("camel_axis_mjpeg_latency_seconds_count{")
                .contains("camel_axis_mjpeg_reconnects_total{");
        // every name the reference's meter table promises is in the scrape, as Prometheus names it (a meter with a
        // base unit gets the unit in its name: bytes.skipped was documented without it)
        List<String> documented = documentedPrometheusNames();
        assertThat(documented).hasSize(12);
        for (String name : documented) {
            assertThat(prometheus.body()).as(name).containsPattern("(?m)^" + name + "(_count)?\\{");
        }
    }

    /** The third column of the meter table in docs/axis-mjpeg-component.md. */
    private static List<String> documentedPrometheusNames() throws Exception {
        Pattern tableRow = Pattern.compile("(?m)^ *\\| `camel\\.axis\\.mjpeg\\.[^`]+` \\|[^\\n]*"
                                           + "\\| `(camel_axis_mjpeg_[a-z_]+)` \\|$");
        Matcher row = tableRow.matcher(Files.readString(Path.of("../docs/axis-mjpeg-component.md")));
        List<String> names = new ArrayList<>();
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
