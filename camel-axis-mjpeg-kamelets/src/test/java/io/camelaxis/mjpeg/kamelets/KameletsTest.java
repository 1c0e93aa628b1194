package io.camelaxis.mjpeg.kamelets;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import io.camelaxis.mjpeg.relay.MjpegRelayEndpoint;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kamelets as camel-kamelet loads them from this jar, in a real CamelContext against a simulated camera. */
class KameletsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    // URI separators, a percent sign, a plus and a space: must reach the camera unchanged through the Kamelet
    private static final String PASSWORD = "p@ss:w=rd#&?%20+ x";

    @Test
    void sourceKameletStreamsTheCameraIntoTheRelaySinkKamelet() throws Exception {
        List<Map<String, Object>> headers = new CopyOnWriteArrayList<>();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .digestAuth("viewer", PASSWORD, "MD5", true).build().start();
             CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("kamelet:axis-mjpeg-source?host=127.0.0.1&port=" + camera.port()
                         + "&resolution=64x48&fps=10&cameraId=gate&username=viewer&password=RAW(" + PASSWORD + ")")
                            .routeId("camera")
                            .process(e -> headers.add(Map.copyOf(e.getIn().getHeaders())))
                            .to("kamelet:mjpeg-relay-sink?name=gate&bindAddress=127.0.0.1&port=0");
                }
            });
            context.start();
            // the port the system gave the relay: bound once and read back, so nothing can take it in between
            int relayPort = context.getEndpoints().stream().filter(MjpegRelayEndpoint.class::isInstance)
                    .map(MjpegRelayEndpoint.class::cast).findFirst().orElseThrow().getServedPort();

            Awaitility.await().atMost(WAIT).until(() -> headers.size() >= 3);
            assertThat(headers.get(2)).containsEntry(AxisMjpegConstants.CAMERA_ID, "gate")
                    .containsEntry(AxisMjpegConstants.WIDTH, 64).containsEntry(AxisMjpegConstants.HEIGHT, 48);
            assertThat(camera.lastRequestTarget()).isEqualTo("/axis-cgi/mjpg/video.cgi?resolution=64x48&fps=10");
            assertThat(camera.authFailures()).isZero();

            HttpResponse<byte[]> snapshot = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + relayPort + "/cameras/gate/snapshot.jpg")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(snapshot.body()).startsWith((byte) 0xFF, (byte) 0xD8);
            assertThat(context.getEndpoints().toString()).doesNotContain("p@ss");
        }
    }

    @Test
    void aNumberParameterThatIsNoNumberFailsTheStartNamingIt() {
        // it started with fps=0 (the camera's highest rate): Camel reads such text as a time pattern
        assertThatThrownBy(() -> {
            try (CamelContext context = new DefaultCamelContext()) {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("kamelet:axis-mjpeg-source?host=127.0.0.1&port=1&fps=ten").routeId("camera").log("x");
                    }
                });
                context.start();
            }
        }).rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("axis-mjpeg: fps must be a whole number, was 'ten'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void credentialsAreMarkedAsSecretsAndEveryPropertyIsDocumented() throws Exception {
        String reference = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/axis-mjpeg-component.md"));
        String kameletsSection = reference.substring(reference.indexOf("## Kamelets"),
                reference.indexOf("\n## ", reference.indexOf("## Kamelets") + 1));
        for (String name : List.of("axis-mjpeg-source", "mjpeg-relay-sink")) {
            Map<String, Object> kamelet;
            try (InputStream in = getClass().getResourceAsStream("/kamelets/" + name + ".kamelet.yaml")) {
                kamelet = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            }
            Map<String, Object> definition = (Map<String, Object>) ((Map<String, Object>) kamelet.get("spec"))
                    .get("definition");
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) definition
                    .get("properties");
            assertThat(properties.get("password")).as(name).containsEntry("format", "password");
            assertThat((List<String>) properties.get("password").get("x-descriptors")).as(name)
                    .contains("urn:camel:group:credentials", "urn:alm:descriptor:com.tectonic.ui:password");
            assertThat((List<String>) properties.get("username").get("x-descriptors")).as(name)
                    .contains("urn:camel:group:credentials");
            properties.forEach((property, spec) -> assertThat(spec).as(name + "." + property)
                    .containsKeys("title", "description", "type"));
            // the component reference's Kamelets section lists each Kamelet's properties by name
            assertThat(properties.keySet()).as(name + " properties in docs/axis-mjpeg-component.md")
                    .allSatisfy(property -> assertThat(kameletsSection).contains("`" + property + "`"));
        }
    }
}
