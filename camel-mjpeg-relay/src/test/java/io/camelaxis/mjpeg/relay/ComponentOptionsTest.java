package io.camelaxis.mjpeg.relay;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code camel.component.mjpeg-relay.*} properties through camel-main, overridden by an endpoint's URI options. */
class ComponentOptionsTest {

    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void componentPropertiesApplyToEveryEndpointAndTheUriOverridesThem() throws Exception {
        main = new Main();
        main.addInitialProperty("camel.component.mjpeg-relay.port", "0");
        main.addInitialProperty("camel.component.mjpeg-relay.bindAddress", "127.0.0.1");
        main.addInitialProperty("camel.component.mjpeg-relay.username", "viewer");
        main.addInitialProperty("camel.component.mjpeg-relay.password", "s3cret");
        main.addInitialProperty("camel.component.mjpeg-relay.maxViewers", "1");
        main.addInitialProperty("camel.component.mjpeg-relay.requestHeaderTimeout", "2s");
        main.addInitialProperty("camel.component.mjpeg-relay.ioThreads", "1");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:gate").to("mjpeg-relay:gate");
                from("direct:yard").to("mjpeg-relay:yard?port=0&maxViewers=3&username=guard&password=other");
            }
        });
        main.start();

        MjpegRelayEndpoint gate = main.getCamelContext().getEndpoint("mjpeg-relay:gate", MjpegRelayEndpoint.class);
        MjpegRelayEndpoint yard = main.getCamelContext().getEndpoint(
                "mjpeg-relay:yard?port=0&maxViewers=3&username=guard&password=other", MjpegRelayEndpoint.class);
        assertThat(gate.getConfiguration().getMaxViewers()).isEqualTo(1);
        assertThat(gate.getConfiguration().getRequestHeaderTimeout()).isEqualTo(2000);
        assertThat(yard.getConfiguration().getMaxViewers()).isEqualTo(3);
        assertThat(yard.getConfiguration().getRequestHeaderTimeout()).isEqualTo(2000);
        assertThat(main.getCamelContext().getComponent("mjpeg-relay", MjpegRelayComponent.class).getIoThreads())
                .isEqualTo(1);

        // the login from the properties guards gate's port, the URI's own login guards yard's
        assertThat(status(gate.getServedPort(), null)).isEqualTo(401);
        assertThat(status(gate.getServedPort(), "viewer:s3cret")).isEqualTo(200);
        assertThat(status(yard.getServedPort(), "viewer:s3cret")).isEqualTo(401);
        assertThat(status(yard.getServedPort(), "guard:other")).isEqualTo(200);
    }

    private static int status(int port, String login) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/status").toURL()
                .openConnection();
        if (login != null) {
            c.setRequestProperty("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return c.getResponseCode();
    }
}
