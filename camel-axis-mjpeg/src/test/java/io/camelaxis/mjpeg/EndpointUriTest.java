package io.camelaxis.mjpeg;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EndpointUriFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Endpoint URIs: IPv6 camera addresses, and what a wrong enum value says. */
class EndpointUriTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest(name = "transport={0}")
    @ValueSource(strings = { "blocking", "async" })
    void anIpv6CameraStreamsAndItsUriRoundTripsThroughTheUriFactory(String transport) throws Exception {
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().bindAddress("::1").fps(25).build().start();
             CameraRoute route = CameraRoute.start("axis-mjpeg:[::1]:" + camera.port() + "?resolution=64x48&transport="
                                                   + transport)) {
            FrameCollector.Received frame = route.frames().await(3, WAIT).get(2);
            assertThat(frame.headers()).containsEntry(AxisMjpegConstants.HOST, "[::1]")
                    .containsEntry(AxisMjpegConstants.CAMERA_ID, "[::1]:" + camera.port())
                    .containsEntry(AxisMjpegConstants.WIDTH, 64);
            assertThat(camera.lastRequestTarget()).isEqualTo("/axis-cgi/mjpg/video.cgi?resolution=64x48");
            EndpointUriFactory factory = route.context().getCamelContextExtension()
                    .getEndpointUriFactory("axis-mjpeg");

            CamelContext context = route.context();
            AxisMjpegEndpoint endpoint = (AxisMjpegEndpoint) context.getRoute(CameraRoute.ROUTE_ID).getEndpoint();
            // Camel normalises the URI (brackets percent-encoded); resolving it again gives the same camera
            AxisMjpegEndpoint again = context.getEndpoint(endpoint.getEndpointUri(), AxisMjpegEndpoint.class);
            assertThat(again.getConfiguration().getHost()).isEqualTo("[::1]");
            assertThat(again.getConfiguration().getPort()).isEqualTo(camera.port());

            // the URI factory (YAML parameters maps, tooling) builds the URI back from the endpoint's own options
            AxisMjpegConfiguration cfg = endpoint.getConfiguration();
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("host", cfg.getHost());
            options.put("port", cfg.getPort());
            options.put("resolution", cfg.getResolution());
            String built = factory.buildUri("axis-mjpeg", options);
            assertThat(built).isEqualTo("axis-mjpeg:[::1]:" + camera.port() + "?resolution=64x48");
            AxisMjpegConfiguration parsed = context.getEndpoint(built, AxisMjpegEndpoint.class).getConfiguration();
            assertThat(parsed.getHost()).isEqualTo("[::1]");
            assertThat(parsed.getPort()).isEqualTo(camera.port());
            assertThat(parsed.getResolution()).isEqualTo("64x48");
        }
    }

    @Test
    void ipv6AddressesWithAndWithoutPortOrZone() {
        assertThat(hostAndPort("[fe80::1]:8080")).isEqualTo("[fe80::1]|8080");
        assertThat(hostAndPort("[fe80::1]")).isEqualTo("[fe80::1]|0");
        assertThat(hostAndPort("fe80::1")).as("unbracketed: all of it is the address").isEqualTo("fe80::1|0");
        assertThat(hostAndPort("//[fe80::1%eth0]:81")).isEqualTo("[fe80::1%eth0]|81");
        assertThat(hostAndPort("camera.example:81")).isEqualTo("camera.example|81");
        assertThatThrownBy(() -> hostAndPort("[fe80::1:8080")).hasMessageContaining("unclosed IPv6 address");
    }

    private static String hostAndPort(String remaining) {
        AxisMjpegConfiguration cfg = new AxisMjpegConfiguration();
        AxisMjpegComponent.setHostAndPort(cfg, remaining);
        return cfg.getHost() + "|" + cfg.getPort();
    }

    @Test
    void aReadBufferSizeOutsideItsBoundsIsRefusedWithTheBounds() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertThatThrownBy(() -> context.getEndpoint("axis-mjpeg:camera?readBufferSize=2147483647"))
                    .rootCause().hasMessage("axis-mjpeg: readBufferSize must be 0 (by transport) or between 512"
                                            + " and 16777216, was 2147483647");
            assertThatThrownBy(() -> context.getEndpoint("axis-mjpeg:camera?readBufferSize=100"))
                    .rootCause().hasMessage("axis-mjpeg: readBufferSize must be 0 (by transport) or between 512"
                                            + " and 16777216, was 100");
            assertThatThrownBy(() -> context.getEndpoint("axis-mjpeg:camera?readBufferSize=-1"))
                    .rootCause().hasMessage("axis-mjpeg: readBufferSize must be 0 (by transport) or between 512"
                                            + " and 16777216, was -1");
        }
    }

    @Test
    void theReadBufferSizeFollowsTheTransportUnlessSet() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertThat(readBufferSize(context, "axis-mjpeg:camera1")).isEqualTo(65536);
            assertThat(readBufferSize(context, "axis-mjpeg:camera2?transport=async")).isEqualTo(32768);
            assertThat(readBufferSize(context, "axis-mjpeg:camera3?transport=async&readBufferSize=65536"))
                    .isEqualTo(65536);
            assertThat(readBufferSize(context, "axis-mjpeg:camera4?readBufferSize=4096")).isEqualTo(4096);
        }
    }

    private static int readBufferSize(CamelContext context, String uri) {
        return context.getEndpoint(uri, AxisMjpegEndpoint.class).getConfiguration().effectiveReadBufferSize();
    }

    @Test
    void aWrongEnumValueNamesTheValidOnes() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertThatThrownBy(() -> context.getEndpoint("axis-mjpeg:camera?backpressure=dropNewest"))
                    .rootCause().hasMessage("axis-mjpeg: backpressure must be one of block, dropOldest, latestOnly,"
                                            + " was 'dropNewest'");
            assertThatThrownBy(() -> context.getEndpoint("axis-mjpeg:camera?transport=nio"))
                    .rootCause().hasMessage("axis-mjpeg: transport must be one of blocking, async, was 'nio'");
            assertThatThrownBy(() -> context.getEndpoint("axis-mjpeg:camera?authMethod=ntlm"))
                    .rootCause().hasMessage("axis-mjpeg: authMethod must be one of auto, basic, digest, was 'ntlm'");
            assertThatThrownBy(() -> context.getEndpoint("axis-mjpeg:camera?jpegValidation=full"))
                    .rootCause().hasMessage("axis-mjpeg: jpegValidation must be one of none, markers, structure,"
                                            + " was 'full'");
            assertThat(context.getEndpoint("axis-mjpeg:camera?backpressure=LATESTONLY", AxisMjpegEndpoint.class)
                    .getConfiguration().getBackpressure()).as("case is ignored, as Camel does")
                    .isEqualTo(Backpressure.latestOnly);
        }
    }
}
