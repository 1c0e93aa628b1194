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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * Component options set through properties are bound by the component's configurer, never through createEndpoint's
     * checks: maxConnections=5s became 5000 connections there, maxViewers=99999999999 wrapped around.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "max-connections | 5s | maxConnections must be a whole number, was '5s'",
        "maxViewers | 99999999999 | maxViewers must be a whole number, was '99999999999'",
        "io-threads | two | ioThreads must be a whole number, was 'two'",
        "idle-timeout | abc | idleTimeout must be milliseconds or a duration such as 5s or 1m30s, was 'abc'"})
    void numberTextInTheComponentsPropertiesIsRefusedNamingTheOption(String property, String text, String message) {
        main = new Main();
        main.addInitialProperty("camel.component.mjpeg-relay." + property, text);
        assertThatThrownBy(main::start).rootCause().hasMessage("mjpeg-relay: " + message);
    }

    /** ioThreads=0 started a relay whose listener then failed on every connection (an index out of bounds). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "-1", "1025"})
    void ioThreadsOutOfRangeIsRefusedWhenTheRelayStarts(String ioThreads) {
        main = new Main();
        main.addInitialProperty("camel.component.mjpeg-relay.ioThreads", ioThreads);
        main.addInitialProperty("camel.component.mjpeg-relay.port", "0");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:gate").to("mjpeg-relay:gate");
            }
        });
        assertThatThrownBy(main::start).rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mjpeg-relay: ioThreads must be 1..1024, was " + ioThreads);
    }
}
