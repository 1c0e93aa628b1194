package io.camelaxis.mjpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Component-level options set as camel-main properties ({@code camel.component.axis-mjpeg.*}), the way a user's
 * application.properties does: every endpoint starts from them, an endpoint URI option overrides them for that
 * endpoint only.
 */
class ComponentConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    // separators of properties files and URIs, a percent sign and a plus: nothing here may be decoded or split
    private static final String PASSWORD = "p@ss:w=rd#&?%20+ ü";

    @Test
    void endpointsTakeTheComponentsPropertiesAndOverrideThemOnTheUri(@TempDir Path dir) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25)
                .digestAuth("viewer", PASSWORD, "SHA-256", true).build().start();
             AxisCameraSimulator second = AxisCameraSimulator.builder().fps(25)
                .digestAuth("viewer", PASSWORD, "MD5", true).build().start()) {
            Path properties = dir.resolve("application.properties");
            Files.writeString(properties, String.join("\n",
                    "camel.component.axis-mjpeg.username=viewer",
                    "camel.component.axis-mjpeg.password=" + PASSWORD.replace("ü", "\\u00fc"),
                    "camel.component.axis-mjpeg.resolution=64x48",
                    "camel.component.axis-mjpeg.reconnect-delay=20ms",
                    "camel.component.axis-mjpeg.jpeg-validation=structure",
                    "camel.component.axis-mjpeg.vapix-parameters[color]=0",
                    ""));
            FrameCollector defaults = new FrameCollector();
            FrameCollector overridden = new FrameCollector();
            Main main = new Main();
            main.setDefaultPropertyPlaceholderLocation("file:" + properties);
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("axis-mjpeg:" + camera.hostAndPort()).routeId("defaults").process(defaults);
                    from("axis-mjpeg:" + second.hostAndPort() + "?resolution=32x24&vapix.textpos=bottom")
                            .routeId("overridden").process(overridden);
                }
            });
            main.start();
            try {
                List<FrameCollector.Received> fromDefaults = defaults.await(3, WAIT);
                List<FrameCollector.Received> fromOverridden = overridden.await(3, WAIT);

                assertThat(fromDefaults).allSatisfy(f -> assertThat(f.headers())
                        .containsEntry(AxisMjpegConstants.WIDTH, 64).containsEntry(AxisMjpegConstants.HEIGHT, 48));
                assertThat(fromOverridden).allSatisfy(f -> assertThat(f.headers())
                        .containsEntry(AxisMjpegConstants.WIDTH, 32).containsEntry(AxisMjpegConstants.HEIGHT, 24));
                assertThat(camera.lastRequestTarget()).isEqualTo(
                        "/axis-cgi/mjpg/video.cgi?resolution=64x48&color=0");
                assertThat(second.lastRequestTarget()).isEqualTo(
                        "/axis-cgi/mjpg/video.cgi?resolution=32x24&color=0&textpos=bottom");
                assertThat(camera.authFailures()).isZero();
                assertThat(second.authFailures()).isZero();

                CamelContext context = main.getCamelContext();
                AxisMjpegConfiguration shared = context.getComponent("axis-mjpeg", AxisMjpegComponent.class)
                        .getConfiguration();
                assertThat(shared.getResolution()).as("an endpoint option does not leak into the component")
                        .isEqualTo("64x48");
                assertThat(shared.getVapixParameters()).isEqualTo(Map.of("color", "0"));
                assertThat(shared.getHost()).isNull();
                AxisMjpegConfiguration first = ((AxisMjpegEndpoint) context.getRoute("defaults").getEndpoint())
                        .getConfiguration();
                assertThat(first).isNotSameAs(shared);
                assertThat(first.getReconnectDelay()).isEqualTo(20);
                assertThat(first.getJpegValidation()).isEqualTo(io.camelaxis.mjpeg.parser.JpegValidation.structure);
                assertThat(context.getRoute("defaults").getEndpoint().toString()).doesNotContain("p@ss");
            } finally {
                main.stop();
            }
        }
    }

    @Test
    void aWrongEnumValueInTheComponentsPropertiesNamesTheValidOnes() {
        Main main = new Main();
        main.addInitialProperty("camel.component.axis-mjpeg.backpressure", "dropNewest");
        try {
            assertThatThrownBy(main::start).rootCause()
                    .hasMessage("'dropNewest' is not one of block, dropOldest, latestOnly (Backpressure)");
        } finally {
            main.stop();
        }
    }

    /**
     * Component options set through properties are bound by the component's configurer, never through
     * createEndpoint's checks: text Camel cannot read became 0 there (connect-timeout=abc: no connect timeout).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "connect-timeout | abc | connectTimeout must be milliseconds or a duration such as 5s or 1m30s, was 'abc'",
        "fps | ten | fps must be a whole number, was 'ten'",
        "async-worker-threads | 99999999999 | asyncWorkerThreads must be a whole number, was '99999999999'"})
    void numberTextInTheComponentsPropertiesIsRefusedNamingTheOption(String property, String text, String message) {
        Main main = new Main();
        main.addInitialProperty("camel.component.axis-mjpeg." + property, text);
        try {
            assertThatThrownBy(main::start).rootCause().hasMessage("axis-mjpeg: " + message);
        } finally {
            main.stop();
        }
    }

    @Test
    void durationsInTheComponentsPropertiesKeepCamelsPatterns() throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.component.axis-mjpeg.connect-timeout", "1m30s");
        main.addInitialProperty("camel.component.axis-mjpeg.stall-timeout", "2500");
        main.addInitialProperty("camel.component.axis-mjpeg.async-worker-threads", "3");
        main.start();
        try {
            AxisMjpegComponent component = main.getCamelContext().getComponent("axis-mjpeg", AxisMjpegComponent.class);
            assertThat(component.getConfiguration().getConnectTimeout()).isEqualTo(90_000);
            assertThat(component.getConfiguration().getStallTimeout()).isEqualTo(2500);
            assertThat(component.getAsyncWorkerThreads()).isEqualTo(3);
        } finally {
            main.stop();
        }
    }

    @Test
    void enumPropertiesIgnoreCaseAsCamelDoes() throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.component.axis-mjpeg.transport", "ASYNC");
        main.addInitialProperty("camel.component.axis-mjpeg.jpeg-validation", "Structure");
        main.start();
        try {
            AxisMjpegConfiguration shared = main.getCamelContext().getComponent("axis-mjpeg", AxisMjpegComponent.class)
                    .getConfiguration();
            assertThat(shared.getTransport()).isEqualTo(Transport.async);
            assertThat(shared.getJpegValidation()).isEqualTo(io.camelaxis.mjpeg.parser.JpegValidation.structure);
        } finally {
            main.stop();
        }
    }
}
