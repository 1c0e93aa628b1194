package io.camelaxis.mjpeg.dsl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelaxis.mjpeg.AxisMjpegConstants;
import io.camelaxis.mjpeg.Backpressure;
import io.camelaxis.mjpeg.relay.MjpegRelayEndpoint;
import io.camelaxis.mjpeg.simulator.AxisCameraSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The builders in a real EndpointRouteBuilder: a simulated camera through axis-mjpeg into mjpeg-relay, read over HTTP. */
class EndpointDslRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void cameraToRelayWrittenWithTheEndpointDsl() throws Exception {
        List<Integer> widths = new CopyOnWriteArrayList<>();
        try (AxisCameraSimulator camera = AxisCameraSimulator.builder().fps(25).build().start();
             CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new Routes(camera.hostAndPort(), widths));
            context.start();
            int relayPort = servedRelayPort(context);

            Awaitility.await().atMost(WAIT).until(() -> widths.size() >= 3);
            assertThat(widths).first().isEqualTo(64);
            assertThat(camera.lastRequestTarget()).isEqualTo("/axis-cgi/mjpg/video.cgi?resolution=64x48&fps=10");
            assertThat(context.getRoute("camera").getEndpoint().getEndpointUri()).isEqualTo("axis-mjpeg://"
                    + camera.hostAndPort() + "?backpressure=latestOnly&fps=10&reconnectDelay=20&resolution=64x48");

            HttpResponse<byte[]> snapshot = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + relayPort + "/cameras/front/snapshot.jpg")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(snapshot.body()).startsWith((byte) 0xFF, (byte) 0xD8);
        }
    }

    /** What a user writes: EndpointRouteBuilder plus the builders of these components. */
    private static final class Routes extends EndpointRouteBuilder
            implements AxisMjpegEndpointBuilderFactory.AxisMjpegBuilders, MjpegRelayEndpointBuilderFactory.MjpegRelayBuilders {
        private final String camera;
        private final List<Integer> widths;

        Routes(String camera, List<Integer> widths) {
            this.camera = camera;
            this.widths = widths;
        }

        @Override
        public void configure() {
            from(axisMjpeg(camera).resolution("64x48").fps(10).backpressure(Backpressure.latestOnly)
                    .advanced().reconnectDelay(20))
                    .routeId("camera")
                    .process(e -> widths.add(e.getIn().getHeader(AxisMjpegConstants.WIDTH, Integer.class)))
                    .to(mjpegRelay("front").bindAddress("127.0.0.1").port(0).maxViewers(2));
        }
    }

    /** The port the system gave the relay (port 0): bound once, read back, nothing to race for. */
    private static int servedRelayPort(CamelContext context) {
        return context.getEndpoints().stream().filter(MjpegRelayEndpoint.class::isInstance)
                .map(MjpegRelayEndpoint.class::cast).findFirst().orElseThrow().getServedPort();
    }
}
