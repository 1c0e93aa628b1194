package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.camelaxis.mjpeg.simulator.CaptureFile;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two routes publishing to one camera on one port (a main and a standby source, or a route and a producer template):
 * the camera stays served until the last of them stops. Before, the first one to stop removed the camera under the
 * other, which went on publishing to a channel no new viewer could reach (404).
 */
class SharedCameraTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theCameraStaysUntilTheLastRoutePublishingToItStops() throws Exception {
        List<byte[]> frames = CaptureFile.readFrames(CaptureFile.sharedAxisCapture()).subList(0, 4);
        int port = freePort();
        String relay = "mjpeg-relay:gate?bindAddress=127.0.0.1&port=" + port;
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:main").routeId("main").to(relay);
                from("direct:standby").routeId("standby").to(relay + "&maxViewers=3"); // another endpoint
                from("direct:yard").routeId("yard").to(relay.replace(":gate?", ":yard?")); // keeps the port open
            }
        });
        context.start();
        try {
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("direct:main", frames.get(0));
            try (Viewer first = new Viewer(url(port))) {
                Awaitility.await().atMost(WAIT).until(() -> first.frames.size() == 1);

                context.getRouteController().stopRoute("main");
                template.sendBody("direct:standby", frames.get(1));
                Awaitility.await().atMost(WAIT).until(() -> first.frames.size() == 2);
                assertThat(first.frames.get(1)).isEqualTo(frames.get(1));
                try (Viewer second = new Viewer(url(port))) { // was: 404, the camera gone from the port
                    Awaitility.await().atMost(WAIT).until(() -> second.frames.size() == 1);
                    assertThat(second.frames.get(0)).isEqualTo(frames.get(1)); // the latest at once
                    template.sendBody("direct:standby", frames.get(2));
                    Awaitility.await().atMost(WAIT).until(() -> second.frames.size() == 2);
                    assertThat(second.frames.get(1)).isEqualTo(frames.get(2));
                }
                assertThat(status(port)).isEqualTo(200);

                context.getRouteController().startRoute("main"); // back: publishes to the same viewers
                template.sendBody("direct:main", frames.get(3));
                Awaitility.await().atMost(WAIT).until(() -> first.frames.size() == 4);
                assertThat(first.frames.get(3)).isEqualTo(frames.get(3));

                context.getRouteController().stopRoute("main");
                context.getRouteController().stopRoute("standby");
            }
            assertThat(status(port)).as("no route publishes to it any more").isEqualTo(404);
        } finally {
            context.stop();
        }
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + "/cameras/gate/stream";
    }

    /** The stream's status code, read from its head alone. */
    private static int status(int port) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url(port)).toURL().openConnection();
        c.setReadTimeout(10_000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
